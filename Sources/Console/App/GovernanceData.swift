import Engine
import Foundation
import Governance

/// A governance read as a screen shows it: not read yet, the value, or why there is none (a
/// denial's message or a failure).
public enum Fetched<Value: Sendable>: Sendable {
  case pending
  case value(Value)
  case failed(String)

  public var value: Value? {
    if case .value(let v) = self { return v }
    return nil
  }
}

/// One audit log entry, as the Audit screen lists it.
public struct AuditRow: Sendable, Hashable {
  public var sequence: Int64
  public var time: Date
  public var principal: String
  public var action: String
  public var target: String
  public var outcome: String
  public var details: [String: String]
  /// The stored leaf hash, hex.
  public var leafHash: String
  /// Whether the stored leaf hash still matches the entry's data.
  public var leafHashValid: Bool

  public init(
    sequence: Int64, time: Date, principal: String, action: String, target: String,
    outcome: String, details: [String: String], leafHash: String, leafHashValid: Bool
  ) {
    self.sequence = sequence
    self.time = time
    self.principal = principal
    self.action = action
    self.target = target
    self.outcome = outcome
    self.details = details
    self.leafHash = leafHash
    self.leafHashValid = leafHashValid
  }

  init(_ e: AuditEntry) {
    self.init(
      sequence: e.sequence, time: e.time, principal: e.principal, action: e.action,
      target: e.target, outcome: e.outcome.rawValue, details: e.details, leafHash: e.leafHash.hex,
      leafHashValid: e.isLeafHashValid)
  }

  /// The details in one line, `key=value` sorted by key.
  public var detailText: String {
    details.keys.sorted().map { "\($0)=\(details[$0] ?? "")" }.joined(separator: " ")
  }
}

/// The latest signed tree head.
public struct AuditHead: Sendable, Hashable {
  public var treeSize: Int64
  public var rootHash: String
  public var time: Date
  public var keyID: String

  public init(treeSize: Int64, rootHash: String, time: Date, keyID: String) {
    self.treeSize = treeSize
    self.rootHash = rootHash
    self.time = time
    self.keyID = keyID
  }
}

/// An inclusion proof of one entry against a signed head, and whether it verifies.
public struct AuditProof: Sendable, Hashable {
  public var leafIndex: Int64
  public var treeSize: Int64
  public var leafHash: String
  public var path: [String]
  public var rootHash: String
  /// The path leads from the leaf hash to `rootHash`.
  public var pathVerifies: Bool
  /// `rootHash` is the root the signed head of this tree size signed.
  public var matchesSignedRoot: Bool

  /// The entry is in the signed tree: the path verifies and ends at the signed root.
  public var verifies: Bool { pathVerifies && matchesSignedRoot }

  public init(
    leafIndex: Int64, treeSize: Int64, leafHash: String, path: [String], rootHash: String,
    pathVerifies: Bool, matchesSignedRoot: Bool
  ) {
    self.leafIndex = leafIndex
    self.treeSize = treeSize
    self.leafHash = leafHash
    self.path = path
    self.rootHash = rootHash
    self.pathVerifies = pathVerifies
    self.matchesSignedRoot = matchesSignedRoot
  }

  init(_ p: InclusionProof, signedRoot: String) {
    self.init(
      leafIndex: p.leafIndex, treeSize: p.treeSize, leafHash: p.leafHash.hex,
      path: p.path.map(\.hex), rootHash: p.rootHash.hex, pathVerifies: p.verify(),
      matchesSignedRoot: p.rootHash.hex == signedRoot)
  }
}

/// The outcome of a full verification of the log.
public struct AuditCheck: Sendable, Hashable {
  public var isValid: Bool
  /// The problem in full, when there is one.
  public var message: String?
  /// The problem in a few words ("entry 17 edited"), for the header.
  public var summary: String?
  public var entries: Int64
  public var heads: Int
  public var firstBadEntry: Int64?
  public var verifiedAt: Date

  public init(
    isValid: Bool, message: String?, summary: String?, entries: Int64, heads: Int,
    firstBadEntry: Int64?, verifiedAt: Date
  ) {
    self.isValid = isValid
    self.message = message
    self.summary = summary
    self.entries = entries
    self.heads = heads
    self.firstBadEntry = firstBadEntry
    self.verifiedAt = verifiedAt
  }

  init(_ v: AuditVerification, at time: Date) {
    let summary: String? =
      switch v.problem {
      case nil: nil
      case .entryEdited(let s): "entry \(s) edited"
      case .entryMissing(let e, _): "entry \(e) missing"
      case .headMismatch(let size, let first): "entries \(first)..\(size - 1) rewritten"
      case .headSignature(let size): "head \(size) signature bad"
      case .headBeyondLog(_, let n): "entries from \(n) removed"
      case .unsignedTail(let first, _): "unsigned entries from \(first)"
      case .anchorMismatch(let size): "anchor \(size) not in log"
      case .anchorSignature(let size): "anchor \(size) signature bad"
      }
    self.init(
      isValid: v.isValid, message: v.message, summary: summary, entries: v.entryCount,
      heads: v.headCount, firstBadEntry: v.firstBadEntry, verifiedAt: time)
  }
}

/// What the Audit screen lists: the newest entries that pass the filter, and the log's size.
public struct AuditListing: Sendable {
  public var entries: [AuditRow]
  public var count: Int64
  public var head: AuditHead?

  public init(entries: [AuditRow], count: Int64, head: AuditHead?) {
    self.entries = entries
    self.count = count
    self.head = head
  }
}

/// The Audit screen's filter: `principal:NAME action:PREFIX outcome:OUTCOME` (also `p:`, `a:`,
/// `o:`); a bare word is an action prefix.
public struct AuditQuery: Sendable, Hashable {
  public var principal: String?
  public var action: String?
  public var outcome: AuditOutcome?

  public init(principal: String? = nil, action: String? = nil, outcome: AuditOutcome? = nil) {
    self.principal = principal
    self.action = action
    self.outcome = outcome
  }

  public var isEmpty: Bool { principal == nil && action == nil && outcome == nil }

  /// Parses filter text; the error names the word it could not read.
  public static func parse(_ text: String) -> Result<AuditQuery, AuditQueryError> {
    var q = AuditQuery()
    for word in text.split(separator: " ").map(String.init) {
      let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        q.action = word
        continue
      }
      switch parts[0].lowercased() {
      case "principal", "p", "who": q.principal = parts[1]
      case "action", "a": q.action = parts[1]
      case "outcome", "o":
        guard let o = AuditOutcome(rawValue: parts[1].lowercased()) else {
          let known = AuditOutcome.allCases.map(\.rawValue).joined(separator: ", ")
          return .failure(AuditQueryError("unknown outcome \"\(parts[1])\" (one of \(known))"))
        }
        q.outcome = o
      default:
        return .failure(
          AuditQueryError("unknown filter \"\(parts[0]):\" (principal:, action:, outcome:)"))
      }
    }
    return .success(q)
  }

  /// The filter as text, as `parse` reads it.
  public var text: String {
    [
      principal.map { "principal:\($0)" }, action.map { "action:\($0)" },
      outcome.map { "outcome:\($0.rawValue)" },
    ].compactMap { $0 }.joined(separator: " ")
  }

  func filter(limit: Int) -> AuditFilter {
    var f = AuditFilter()
    f.principal = principal
    f.action = action
    f.outcome = outcome
    f.limit = limit
    f.order = .newestFirst
    return f
  }
}

/// Why filter text could not be read.
public struct AuditQueryError: Error, Sendable, Hashable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// Everything the governance screens and the header show, read through the Engine's services
/// as the acting principal. Immutable per frame; `ConsoleApp` refreshes it about once a second
/// and after keys, never at every frame.
public struct GovernanceData: Sendable {
  // Header (Overview): nil when the principal may not read it.
  public var pendingApprovals: Int?
  public var auditEntries: Int64?
  /// The last verification (nil: none yet; pending: running).
  public var verification: Fetched<AuditCheck>?

  // Audit screen.
  public var audit: Fetched<AuditListing> = .pending
  /// The selected entry's inclusion proof (nil: no entry selected).
  public var proof: Fetched<AuditProof>?

  // Approvals screen.
  public var requests: Fetched<[PromotionRequest]> = .pending
  /// Re-evaluations asked for, by request id.
  public var reviews: [Int64: Fetched<PromotionReview>] = [:]
  /// The selected request's model version (for its provenance).
  public var requestVersion: ModelVersion?

  // Registry screen.
  public var models: Fetched<[ModelSummary]> = .pending
  public var versions: Fetched<[ModelVersion]> = .pending
  public var history: Fetched<[AliasEvent]> = .pending

  // Alerts, incidents, the Overview's feed and the header's counts.
  public var detection = DetectionData()

  // Data screen.
  public var datasets: Fetched<[DatasetSummary]> = .pending
  /// The selected dataset's versions, oldest first.
  public var datasetVersions: Fetched<[DatasetVersion]> = .pending
  /// Audit entries on the selected dataset, newest first (needs audit.read).
  public var datasetAccesses: Fetched<[AuditRow]> = .pending
  /// The workspace's drift threshold, to mark drifted versions.
  public var driftThreshold = 0.2

  public init() {}
}
