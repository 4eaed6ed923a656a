import Foundation
import GRDB
import Storage

/// The jobs' rows in the workspace database: written by the engine, read by every process.
struct JobStore: Sendable {
  let store: Store

  static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

  private func write(_ body: (GRDB.Database) throws -> Void) {
    do {
      try store.writer.write(body)
    } catch {
      FileHandle.standardError.write(Data("rampart: database: \(error)\n".utf8))
    }
  }

  func insert(_ job: JobRuntime) {
    let spec =
      (try? JSONEncoder().encode(job.spec)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    write { db in
      try db.execute(
        sql:
          "INSERT INTO job (id, name, owner, spec, status, submitted_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          job.id.rawValue, job.spec.name, job.owner.name, spec, JobStatus.queued.rawValue,
          Self.ms(job.submittedAt),
        ])
    }
  }

  func updateStatus(_ job: JobRuntime) {
    let (status, finished, error, steps, episodes) = job.state.withLock {
      ($0.status, $0.finishedAt, $0.error, $0.steps, $0.episodes)
    }
    write { db in
      try db.execute(
        sql:
          "UPDATE job SET status = ?, finished_at_ms = ?, error = ?, steps = ?, episodes = ? WHERE id = ?",
        arguments: [
          status.rawValue, finished.map(Self.ms), error, steps, episodes, job.id.rawValue,
        ])
    }
  }

  /// Saves the latest summary and one point of each metric (called at most about once a second).
  func saveProgress(_ summary: JobSummary, metrics: [(String, Int, Double)], evaluation: Data?) {
    let json = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) }
    write { db in
      try db.execute(
        sql:
          "UPDATE job SET summary = ?, steps = ?, episodes = ?, evaluation = COALESCE(?, evaluation) WHERE id = ?",
        arguments: [
          json, summary.step, summary.episodes,
          evaluation.map { String(decoding: $0, as: UTF8.self) }, summary.id.rawValue,
        ])
      for (name, step, value) in metrics where value.isFinite {
        try db.execute(
          sql: "INSERT OR REPLACE INTO job_metric (job, name, step, value) VALUES (?, ?, ?, ?)",
          arguments: [summary.id.rawValue, name, step, value])
      }
    }
  }

  /// Quotas in force for a principal (defaults: 8 active jobs each, 32 in total).
  func quotas(for principal: String) -> (perPrincipal: Int, total: Int) {
    let rows =
      (try? store.writer.read { db in
        try Row.fetchAll(
          db, sql: "SELECT scope, max_jobs FROM quota WHERE scope IN ('total', ?, 'principal:*')",
          arguments: ["principal:\(principal)"])
      }) ?? []
    var values: [String: Int] = [:]
    for row in rows { values[row["scope"]] = row["max_jobs"] }
    return (values["principal:\(principal)"] ?? values["principal:*"] ?? 8, values["total"] ?? 32)
  }
}
