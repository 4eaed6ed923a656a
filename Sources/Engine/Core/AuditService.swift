import Foundation
import Governance

/// The audit log as a principal sees it: reading needs `audit.read`, verifying `audit.verify`,
/// exporting `audit.export` (audited); the console and the CLI both come through here.
public struct AuditService: Sendable {
  public let governance: Governance

  public init(governance: Governance) { self.governance = governance }

  var log: AuditLog { governance.audit }

  private func allow(
    _ p: Principal, _ permission: Permission, _ target: String, audited: Bool = false
  )
    throws
  {
    try governance.authorize(p.name, permission, target: target, auditAllowed: audited)
  }

  public func entries(_ filter: AuditFilter, as principal: Principal) throws(EngineError)
    -> [AuditEntry]
  {
    try engineCall {
      try allow(principal, .auditRead, "audit")
      return try log.entries(filter: filter)
    }
  }

  public func tail(_ count: Int, as principal: Principal) throws(EngineError) -> [AuditEntry] {
    try engineCall {
      try allow(principal, .auditRead, "audit")
      return try log.tail(count)
    }
  }

  public func entry(_ sequence: Int64, as principal: Principal) throws(EngineError) -> AuditEntry? {
    try engineCall {
      try allow(principal, .auditRead, "audit:\(sequence)")
      return try log.entry(sequence)
    }
  }

  public func count(as principal: Principal) throws(EngineError) -> Int64 {
    try engineCall {
      try allow(principal, .auditRead, "audit")
      return try log.count()
    }
  }

  public func latestHead(as principal: Principal) throws(EngineError) -> SignedTreeHead? {
    try engineCall {
      try allow(principal, .auditRead, "audit")
      return try log.latestHead()
    }
  }

  public func inclusionProof(for sequence: Int64, treeSize: Int64? = nil, as principal: Principal)
    throws(EngineError) -> InclusionProof
  {
    try engineCall {
      try allow(principal, .auditRead, "audit:\(sequence)")
      return try log.inclusionProof(for: sequence, treeSize: treeSize)
    }
  }

  public func consistencyProof(from old: Int64, to new: Int64, as principal: Principal)
    throws(EngineError) -> ConsistencyProof
  {
    try engineCall {
      try allow(principal, .auditRead, "audit")
      return try log.consistencyProof(from: old, to: new)
    }
  }

  /// Full verification; the outcome is itself audited.
  public func verify(anchor: SignedTreeHead? = nil, as principal: Principal) throws(EngineError)
    -> AuditVerification
  {
    try engineCall {
      try allow(principal, .auditVerify, "audit")
      let result = try log.verify(anchor: anchor)
      try governance.record(
        principal.name, "audit.verify", target: "audit", outcome: result.isValid ? .ok : .failed,
        details: [
          "entries": String(result.entryCount), "heads": String(result.headCount),
          "problem": result.message ?? "",
        ])
      return result
    }
  }

  /// Entries since `since` (all when nil), oldest first, for export; the export is audited.
  public func export(since: Date?, as principal: Principal) throws(EngineError)
    -> (entries: [AuditEntry], head: SignedTreeHead?)
  {
    try engineCall {
      try allow(principal, .auditExport, "audit", audited: true)
      var filter = AuditFilter()
      filter.since = since
      filter.order = .oldestFirst
      filter.limit = Int.max
      return (try log.entries(filter: filter), try log.latestHead())
    }
  }

  public var publicKey: String { log.publicKey.rawRepresentation.hex }
}
