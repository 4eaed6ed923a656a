import Foundation
import GRDB

extension Governance {
  /// Sets a concurrency quota (operations only): `principal` nil sets the engine-wide total,
  /// `"*"` the default for every principal.
  public func setQuota(principal: String?, maxJobs: Int, by actor: String) throws(GovernanceError) {
    guard (0...10_000).contains(maxJobs) else {
      throw .failed("--max-jobs must be between 0 and 10000")
    }
    let scope = principal.map { "principal:\($0)" } ?? "total"
    try authorize(
      actor, .quotaManage, target: "quota:\(scope)", details: ["max_jobs": String(maxJobs)])
    do {
      let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
      try store.writer.write { db in
        try db.execute(
          sql:
            "INSERT OR REPLACE INTO quota (scope, max_jobs, set_by, set_at_ms) VALUES (?, ?, ?, ?)",
          arguments: [scope, maxJobs, actor, now])
      }
    } catch {
      throw .failed("cannot store the quota: \(error)")
    }
  }

  /// Every quota set, by scope.
  public func quotas() throws(GovernanceError) -> [String: Int] {
    do {
      return try store.writer.read { db in
        var out: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT scope, max_jobs FROM quota") {
          out[row["scope"]] = row["max_jobs"]
        }
        return out
      }
    } catch {
      throw .failed("cannot read quotas: \(error)")
    }
  }
}
