import Foundation
import GRDB
import Storage
import Testing

struct StoreTests {
  @Test func migrationsApplyInOrderOnAFileInWALMode() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("rampart.sqlite").path
    let store = try Store.open(path: path)
    #expect(
      try store.appliedMigrations() == [
        "v1-audit", "v1-workspace", "v1-jobs", "v1-registry", "v1-detection", "v1-data",
      ])
    let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    let sync = try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    #expect(sync == 2)  // FULL
    // Reopening does not re-run anything and keeps the data.
    try store.writer.write { db in
      try TreeHeadRecord(
        treeSize: 0, rootHash: Data(count: 32), timeMs: 1, signature: Data(count: 64), keyID: "k"
      ).insert(db)
    }
    let again = try Store.open(path: path, durability: .normal)
    #expect(try again.writer.read { db in try TreeHeadRecord.fetchCount(db) } == 1)
  }

  @Test func recordsRoundTrip() throws {
    let store = try Store.inMemory()
    let entry = AuditEntryRecord(
      seq: 0, timeMs: 42, principal: "alice", action: "job.submit", target: "job:X",
      outcome: "allowed",
      details: "{}", leafHash: Data(repeating: 7, count: 32))
    try store.writer.write { db in try entry.insert(db) }
    let back = try store.writer.read { db in try AuditEntryRecord.fetchOne(db, key: 0) }
    #expect(back == entry)
  }
}
