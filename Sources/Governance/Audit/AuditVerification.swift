import Crypto
import Foundation
import GRDB
import Storage

/// The outcome of `AuditLog.verify`: valid, or the first thing that no longer matches.
public struct AuditVerification: Sendable, Hashable, Encodable {
  public enum Problem: Sendable, Hashable {
    /// A row's data no longer hashes to its stored leaf hash (edited).
    case entryEdited(sequence: Int64)
    /// Sequence numbers jump: rows were deleted (or the rest renumbered).
    case entryMissing(expected: Int64, found: Int64)
    /// A head's root differs from the tree recomputed from the rows it covers (a rewrite that
    /// also recomputed leaf hashes, an insertion or a reordering).
    case headMismatch(treeSize: Int64, firstEntry: Int64)
    /// A head's signature does not verify with the workspace key (forged or altered).
    case headSignature(treeSize: Int64)
    /// A head claims more entries than the log holds (rows removed from the end).
    case headBeyondLog(treeSize: Int64, entries: Int64)
    /// Entries after the last signed head: appended outside the log.
    case unsignedTail(firstEntry: Int64, entries: Int64)
    /// The anchor (an exported head) is not in this log any more.
    case anchorMismatch(treeSize: Int64)
    case anchorSignature(treeSize: Int64)
  }

  public let entryCount: Int64
  public let headCount: Int
  public let problem: Problem?
  public var isValid: Bool { problem == nil }

  /// The first entry the problem concerns, when it names one.
  public var firstBadEntry: Int64? {
    switch problem {
    case .entryEdited(let s): s
    case .entryMissing(let e, _): e
    case .headMismatch(_, let first): first
    case .unsignedTail(let first, _): first
    default: nil
    }
  }

  public var message: String? {
    guard let problem else { return nil }
    switch problem {
    case .entryEdited(let s):
      return "entry \(s) no longer matches its leaf hash: it was edited after it was written"
    case .entryMissing(let expected, let found):
      return
        "entry \(expected) is missing (the next stored entry is \(found)): entries were deleted"
    case .headMismatch(let size, let first):
      return
        "the signed head at tree size \(size) does not match the entries it covers (\(first)..\(size - 1)): entries in that range were rewritten, inserted, deleted or reordered"
    case .headSignature(let size):
      return
        "the signed head at tree size \(size) has a signature that does not verify with this workspace's key: forged or altered"
    case .headBeyondLog(let size, let entries):
      return
        "a signed head covers \(size) entries but the log holds \(entries): entries \(entries)..\(size - 1) were removed"
    case .unsignedTail(let first, let entries):
      return
        "entries \(first)..\(entries - 1) are covered by no signed head: they were added outside the log"
    case .anchorMismatch(let size):
      return
        "the exported head at tree size \(size) is not a prefix of this log: it was rewritten or truncated"
    case .anchorSignature(let size):
      return
        "the exported head at tree size \(size) has a signature that does not verify with this workspace's key"
    }
  }

  enum CodingKeys: String, CodingKey {
    case valid, entries, heads, problem
    case firstBadEntry = "first_bad_entry"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(isValid, forKey: .valid)
    try c.encode(entryCount, forKey: .entries)
    try c.encode(headCount, forKey: .heads)
    try c.encode(message, forKey: .problem)
    try c.encode(firstBadEntry, forKey: .firstBadEntry)
  }
}

extension AuditLog {
  /// Recomputes every leaf hash from its row and the tree root at every signed head, checks every
  /// head's signature, and (with `anchor`) that an exported head is still a prefix of the log.
  /// Stops at the first problem, in log order.
  public func verify(anchor: SignedTreeHead? = nil) throws(AuditLogError) -> AuditVerification {
    let key = publicKey
    let keyID = SignedTreeHead.keyID(key)
    return try read { db in
      let heads = try TreeHeadRecord.fetchAll(db, sql: "SELECT * FROM tree_head ORDER BY tree_size")
        .map(SignedTreeHead.init(record:))
      let total = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0
      func result(_ p: AuditVerification.Problem?, _ n: Int64) -> AuditVerification {
        AuditVerification(entryCount: n, headCount: heads.count, problem: p)
      }
      if let anchor {
        guard anchor.keyID == keyID, anchor.isSignatureValid(key) else {
          return result(.anchorSignature(treeSize: anchor.treeSize), total)
        }
      }
      for h in heads where h.keyID != keyID || !h.isSignatureValid(key) {
        return result(.headSignature(treeSize: h.treeSize), total)
      }
      // Checkpoints: every head size, and the anchor's.
      var checks: [(size: Int64, root: Data, isAnchor: Bool)] = heads.map {
        ($0.treeSize, $0.rootHash, false)
      }
      if let anchor { checks.append((anchor.treeSize, anchor.rootHash, true)) }
      checks.sort { $0.size < $1.size }
      var nextCheck = 0
      var lastHeadSize: Int64 = 0
      var frontier = MerkleFrontier()
      func runChecks() -> AuditVerification.Problem? {
        while nextCheck < checks.count, checks[nextCheck].size == frontier.size {
          let c = checks[nextCheck]
          if frontier.root != c.root {
            return c.isAnchor
              ? .anchorMismatch(treeSize: c.size)
              : .headMismatch(treeSize: c.size, firstEntry: lastHeadSize)
          }
          if !c.isAnchor { lastHeadSize = c.size }
          nextCheck += 1
        }
        return nil
      }
      if let p = runChecks() { return result(p, total) }
      let rows = try Row.fetchCursor(
        db,
        sql:
          "SELECT seq, time_ms, principal, action, target, outcome, details, leaf_hash FROM audit_entry ORDER BY seq"
      )
      while let row = try rows.next() {
        let seq: Int64 = row[0]
        if seq != frontier.size {
          return result(.entryMissing(expected: frontier.size, found: seq), total)
        }
        let stored: Data = row[7]
        let leaf = MerkleHash.leaf(
          AuditEntry.canonical(
            sequence: seq, timeMs: row[1], principal: row[2], action: row[3], target: row[4],
            outcome: row[5], details: row[6]))
        if leaf != stored { return result(.entryEdited(sequence: seq), total) }
        frontier.append(leaf)
        if let p = runChecks() { return result(p, total) }
      }
      if nextCheck < checks.count {
        let c = checks[nextCheck]
        return result(
          c.isAnchor
            ? .anchorMismatch(treeSize: c.size) : .headBeyondLog(treeSize: c.size, entries: total),
          total)
      }
      if frontier.size > lastHeadSize {
        return result(.unsignedTail(firstEntry: lastHeadSize, entries: frontier.size), total)
      }
      return result(nil, total)
    }
  }
}
