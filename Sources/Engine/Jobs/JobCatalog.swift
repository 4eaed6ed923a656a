import Foundation
import GRDB
import Governance
import Learning

/// A job as the workspace database records it (readable by any process).
public struct StoredJob: Codable, Sendable, Hashable {
  public var id: String
  public var name: String
  public var owner: String
  public var status: String
  public var steps: Int
  public var episodes: Int
  public var submittedAt: Date
  public var finishedAt: Date?
  public var quarantined: Bool
  public var error: String?
  public var spec: JobSpec?
  public var summary: JobSummary?
  public var evaluation: EvaluationReport?
}

/// Reading jobs from the database, for processes that do not run the engine.
public enum JobCatalog {
  public static func list(_ governance: Governance, as principal: Principal, limit: Int = 200)
    throws(EngineError) -> [StoredJob]
  {
    try read(governance, principal, target: "jobs") { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM job ORDER BY submitted_at_ms DESC LIMIT ?", arguments: [limit]
      ).map(job)
    }
  }

  public static func show(_ governance: Governance, id: String, as principal: Principal)
    throws(EngineError) -> StoredJob
  {
    let found = try read(governance, principal, target: "job:\(id)") { db in
      try matching(id, in: db).map(job)
    }
    guard found.count == 1, let job = found.first else {
      throw found.isEmpty
        ? .unknownJob(id) : .invalidRequest("\"\(id)\" matches \(found.count) jobs")
    }
    return job
  }

  /// The job rows a user's id names: the exact id, or else every id ending with it (`%` and `_`
  /// in the text match only themselves).
  static func matching(_ text: String, in db: GRDB.Database) throws -> [Row] {
    let id = text.uppercased()
    let exact = try Row.fetchAll(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id])
    if !exact.isEmpty || id.isEmpty { return exact }
    let escaped = id.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    return try Row.fetchAll(
      db, sql: "SELECT * FROM job WHERE id LIKE ? ESCAPE '\\'", arguments: ["%" + escaped])
  }

  /// The one job a user's id names (exact or a unique suffix), as (id, owner).
  static func resolve(_ text: String, in db: GRDB.Database) throws -> (id: String, owner: String) {
    let rows = try matching(text, in: db)
    guard rows.count == 1, let id: String = rows[0]["id"], let owner: String = rows[0]["owner"]
    else {
      throw rows.isEmpty
        ? EngineError.unknownJob(text) : .invalidRequest("\"\(text)\" matches \(rows.count) jobs")
    }
    return (id, owner)
  }

  /// Queued live-job commands, newest first (job.read).
  public static func commands(_ governance: Governance, as principal: Principal, limit: Int = 50)
    throws(EngineError) -> [QueuedCommand]
  {
    try read(governance, principal, target: "commands") { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM command ORDER BY id DESC LIMIT ?", arguments: [limit]
      ).map(CommandQueue.command)
    }
  }

  /// The quotas in force, by scope (job.read).
  public static func quotas(_ governance: Governance, as principal: Principal)
    throws(EngineError) -> [String: Int]
  {
    try engineCall {
      try governance.authorize(principal.name, .jobRead, target: "quotas", auditAllowed: false)
      return try governance.quotas()
    }
  }

  /// A job's stored metric points (the downsampled metrics table).
  public static func metrics(_ governance: Governance, id: String, as principal: Principal)
    throws(EngineError) -> [String: [(step: Int, value: Double)]]
  {
    let rows = try read(governance, principal, target: "job:\(id)") { db in
      try Row.fetchAll(
        db, sql: "SELECT name, step, value FROM job_metric WHERE job = ? ORDER BY step",
        arguments: [id])
    }
    var out: [String: [(step: Int, value: Double)]] = [:]
    for row in rows { out[row["name"], default: []].append((row["step"], row["value"])) }
    return out
  }

  private static func read<T>(
    _ g: Governance, _ principal: Principal, target: String, _ body: (GRDB.Database) throws -> T
  ) throws(EngineError) -> T {
    do {
      try g.authorize(principal.name, .jobRead, target: target, auditAllowed: false)
      return try g.store.writer.read(body)
    } catch let error as GovernanceError {
      if case .denied(let d) = error { throw .denied(d.message) }
      throw .governance(error.description)
    } catch {
      throw .governance("cannot read jobs: \(error)")
    }
  }

  static func job(_ row: Row) -> StoredJob {
    let decoder = JSONDecoder()
    func decode<T: Decodable>(_ type: T.Type, _ column: String) -> T? {
      (row[column] as String?).flatMap { try? decoder.decode(T.self, from: Data($0.utf8)) }
    }
    return StoredJob(
      id: row["id"], name: row["name"], owner: row["owner"], status: row["status"],
      steps: row["steps"],
      episodes: row["episodes"],
      submittedAt: Date(timeIntervalSince1970: Double(row["submitted_at_ms"] as Int64) / 1000),
      finishedAt: (row["finished_at_ms"] as Int64?).map {
        Date(timeIntervalSince1970: Double($0) / 1000)
      },
      quarantined: row["quarantined"], error: row["error"], spec: decode(JobSpec.self, "spec"),
      summary: decode(JobSummary.self, "summary"),
      evaluation: decode(EvaluationReport.self, "evaluation"))
  }
}
