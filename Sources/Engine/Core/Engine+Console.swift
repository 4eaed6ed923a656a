import Foundation
import Governance

extension Engine {
  /// Whether `principal` holds `permission` through its roles: a dashboard check (not audited,
  /// no policy attributes) that lets the console leave out figures a principal may not read
  /// instead of filling the audit log with a denial at every frame. It grants nothing: every
  /// read still goes through its service, which authorises it.
  public func holds(_ permission: Permission, _ principal: Principal) -> Bool {
    governance.decide(principal.name, permission).allowed
  }
}

extension PromotionService {
  /// `review(_:as:)` plus the gate decision the policy would give `principal` approving the
  /// request now (role and rules with the re-evaluation's figures). Decides nothing, moves
  /// nothing, audits nothing: the console shows it before anyone approves.
  public func reviewWithGates(_ id: Int64, as principal: Principal) throws(EngineError)
    -> PromotionReview
  {
    do {
      try governance.authorize(
        principal.name, .modelRead, target: "promotion:\(id)", auditAllowed: false)
      guard let request = try registry.request(id) else {
        throw EngineError.invalidRequest("no promotion request \(id)")
      }
      let (review, _, attributes) = try reviewNoChecks(request)
      var gated = review
      gated.gateDecision = governance.decide(
        principal.name, .promotionApprove, attributes: attributes)
      return gated
    } catch let error as GovernanceError {
      if case .denied(let d) = error { throw .denied(d.message) }
      throw .governance(error.description)
    } catch let error as EngineError {
      throw error
    } catch {
      throw .governance("\(error)")
    }
  }
}
