import Foundation
import Governance

extension DetectionService {
  /// What an insider drill's principal tries, in order: the sensitive actions a compromised or
  /// curious account reaches for first.
  static let insiderAttempts: [(Permission, String)] = [
    (.dataRawRead, "datasets"), (.modelExport, "models"), (.auditExport, "audit"),
    (.promotionApprove, "promotions"), (.dataReidentify, "datasets"), (.policyApply, "policy"),
    (.accessApply, "access"), (.jobControlAny, "jobs"), (.quotaManage, "quotas"),
    (.aliasRollback, "models"),
  ]

  /// The insider drill: `insider` (a principal the access file declares with kind = "drill")
  /// tries up to `attempts` actions its roles do not grant, each a real request that is refused
  /// and audited like anyone's. Only its start and stop (by `p`, who needs drill.run) say it is a
  /// drill; the access-anomaly detector sees only the refusals. Returns their messages.
  public func insiderDrill(_ insider: String, attempts: Int = 8, as p: Principal)
    throws(EngineError) -> [String]
  {
    guard (1...Self.insiderAttempts.count).contains(attempts) else {
      throw .invalidRequest("--attempts must be 1...\(Self.insiderAttempts.count)")
    }
    return try engineCall {
      try governance.authorize(
        p.name, .drillRun, target: "principal:\(insider)",
        details: ["drill": "insider", "attempts": String(attempts)])
      guard governance.kind(of: insider) == .drill else {
        throw EngineError.invalidRequest(
          "\(insider) is not a drill principal: declare it in access.toml with kind = \"drill\" "
            + "(a drill never acts as a real person)")
      }
      try governance.record(
        p.name, "drill.start", target: "principal:\(insider)", outcome: .executed,
        details: ["drill": "insider", "attempts": String(attempts)])
      var refusals: [String] = []
      for (permission, target) in Self.insiderAttempts
      where governance.decide(insider, permission).grantedBy.isEmpty {
        guard refusals.count < attempts else { break }
        do {
          try governance.authorize(insider, permission, target: target, auditAllowed: false)
        } catch let error as GovernanceError {
          guard case .denied(let decision) = error else { throw error }
          refusals.append(decision.message)
        }
      }
      try governance.record(
        p.name, "drill.stop", target: "principal:\(insider)", outcome: .executed,
        details: ["drill": "insider", "refused": String(refusals.count)])
      return refusals
    }
  }
}
