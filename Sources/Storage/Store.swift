import Foundation
import GRDB

/// The workspace database: SQLite through GRDB, in WAL mode, with named migrations. Callers
/// depend on `writer` (any `DatabaseWriter`), so tests run the same code on an in-memory queue.
public struct Store: Sendable {
  /// How hard SQLite works to make a commit durable.
  public enum Durability: String, Sendable, CaseIterable {
    /// fsync on every commit: an acknowledged transaction survives power loss.
    case full = "FULL"
    /// fsync at checkpoints (WAL): survives a process crash (kill -9), not power loss.
    case normal = "NORMAL"
  }

  public let writer: any DatabaseWriter
  /// The database file (nil in memory).
  public let path: String?

  /// Opens (creating if needed) the database at `path` and migrates it.
  public static func open(path: String, durability: Durability = .full) throws -> Store {
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue)")
      try db.execute(sql: "PRAGMA foreign_keys = ON")
    }
    configuration.busyMode = .timeout(10)
    let pool = try DatabasePool(path: path, configuration: configuration)
    try Migrations.migrator.migrate(pool)
    return Store(writer: pool, path: path)
  }

  /// A private in-memory database (tests, benchmarks, throw-away engines).
  public static func inMemory() throws -> Store {
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
    let queue = try DatabaseQueue(configuration: configuration)
    try Migrations.migrator.migrate(queue)
    return Store(writer: queue, path: nil)
  }

  public init(writer: any DatabaseWriter, path: String?) {
    self.writer = writer
    self.path = path
  }

  /// Names of the migrations applied to this database.
  public func appliedMigrations() throws -> [String] {
    try writer.read { db in try Migrations.migrator.appliedMigrations(db) }
  }
}
