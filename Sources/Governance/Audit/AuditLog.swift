import Crypto
import Foundation
import GRDB
import Storage

/// Which entries `AuditLog.entries(filter:)` returns.
public struct AuditFilter: Sendable, Hashable {
  public enum Order: Sendable, Hashable { case newestFirst, oldestFirst }
  public var principal: String?
  /// A prefix: "job." matches every job action.
  public var action: String?
  public var outcome: AuditOutcome?
  /// Exactly this target (e.g. "job:01J…").
  public var target: String?
  public var since: Date?
  /// Only entries with a sequence number below this (paging backwards).
  public var before: Int64?
  /// Only entries with a sequence number above this (following the log).
  public var after: Int64?
  public var limit = 100
  public var order = Order.newestFirst

  public init() {}
}

/// The tamper-evident audit log: rows of `audit_entry` are the leaves of an RFC 9162 Merkle tree
/// and every committed batch writes a signed tree head in the same transaction.
///
/// Appends use group commit: a caller's entry joins the pending batch; whichever caller finds no
/// commit in flight writes everything pending in one transaction and wakes the others. An append
/// returns only after its transaction committed, so an acknowledged entry survives a crash, and
/// nothing of a batch that did not commit was acknowledged.
public final class AuditLog: @unchecked Sendable {
  // Everything below `condition` is guarded by it.
  private let condition = NSCondition()
  private var pending: [Slot] = []
  private var committing = false
  private var frontier: MerkleFrontier
  private var faultBeforeCommit: (@Sendable () throws -> Void)?

  private let store: Store
  private let keyBytes: Data
  /// Immutable after init (the Crypto key types are not marked Sendable).
  private let verifyingKey: Curve25519.Signing.PublicKey
  /// The most entries one transaction takes (bounds memory and commit latency).
  static let maxBatch = 4096

  private final class Slot {
    let event: AuditEvent
    var result: Result<Int64, AuditLogError>?
    init(_ event: AuditEvent) { self.event = event }
  }

  /// Opens the log in `store`. Nothing is read until the first append, which continues the
  /// tree from the latest signed head's stored right edge.
  public init(store: Store, signingKey: Curve25519.Signing.PrivateKey) {
    self.store = store
    keyBytes = signingKey.rawRepresentation
    verifyingKey = signingKey.publicKey
    frontier = MerkleFrontier()
  }

  public var publicKey: Curve25519.Signing.PublicKey { verifyingKey }

  // MARK: Appending

  /// Appends one entry; returns its sequence number once it is durable.
  @discardableResult
  public func append(_ event: AuditEvent) throws(AuditLogError) -> Int64 {
    try append(contentsOf: [event])[0]
  }

  /// Appends entries in order (possibly together with other callers' entries); returns their
  /// sequence numbers once all are durable.
  @discardableResult
  public func append(contentsOf events: [AuditEvent]) throws(AuditLogError) -> [Int64] {
    guard !events.isEmpty else { return [] }
    let slots = events.map(Slot.init)
    condition.lock()
    pending += slots
    while slots.contains(where: { $0.result == nil }) {
      if committing {
        condition.wait()
        continue
      }
      committing = true
      let batch = Array(pending.prefix(Self.maxBatch))
      pending.removeFirst(batch.count)
      let base = frontier
      let fault = faultBeforeCommit
      condition.unlock()
      let outcome = commit(batch.map(\.event), base: base, fault: fault)
      condition.lock()
      switch outcome {
      case .success(let (newFrontier, firstSeq)):
        frontier = newFrontier
        for (i, slot) in batch.enumerated() { slot.result = .success(firstSeq + Int64(i)) }
      case .failure(let error):
        for slot in batch { slot.result = .failure(error) }
      }
      committing = false
      condition.broadcast()
    }
    condition.unlock()
    var out: [Int64] = []
    out.reserveCapacity(slots.count)
    for slot in slots {
      switch slot.result {
      case .success(let seq): out.append(seq)
      case .failure(let error): throw error
      case nil: throw .storage("an append finished without a result")
      }
    }
    return out
  }

  /// Writes one batch and its signed head in one immediate transaction. Another process (or an
  /// earlier run) may have appended since this one last did: the tree continues from the newest
  /// head's stored right edge and any leaves after it, so it stays one tree.
  private func commit(
    _ events: [AuditEvent], base: MerkleFrontier, fault: (@Sendable () throws -> Void)?
  ) -> Result<(MerkleFrontier, Int64), AuditLogError> {
    let key: Curve25519.Signing.PrivateKey
    do {
      key = try Curve25519.Signing.PrivateKey(rawRepresentation: keyBytes)
    } catch {
      return .failure(.storage("the signing key is unusable: \(error)"))
    }
    do {
      let result: (MerkleFrontier, Int64) = try store.writer.writeWithoutTransaction { db in
        var f = base
        var first: Int64 = 0
        try db.inTransaction(.immediate) {
          f = base
          if let newest = try Row.fetchOne(
            db, sql: "SELECT tree_size, frontier FROM tree_head ORDER BY tree_size DESC LIMIT 1"),
            let size: Int64 = newest["tree_size"], size > base.size,
            let stored = MerkleFrontier(encoded: newest["frontier"] ?? Data(), size: size)
          {
            f = stored
          }
          let others = try Data.fetchAll(
            db, sql: "SELECT leaf_hash FROM audit_entry WHERE seq >= ? ORDER BY seq",
            arguments: [f.size])
          for leaf in others { f.append(leaf) }
          first = f.size
          let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
          let insert = try db.cachedStatement(
            sql: """
              INSERT INTO audit_entry (seq, time_ms, principal, action, target, outcome, details, leaf_hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              """)
          for e in events {
            let seq = f.size
            let details = CanonicalJSON.object(e.details)
            let leaf = MerkleHash.leaf(
              AuditEntry.canonical(
                sequence: seq, timeMs: now, principal: e.principal, action: e.action,
                target: e.target, outcome: e.outcome.rawValue, details: details))
            try insert.execute(arguments: [
              seq, now, e.principal, e.action, e.target, e.outcome.rawValue, details, leaf,
            ])
            f.append(leaf)
          }
          let head = try SignedTreeHead.sign(
            treeSize: f.size, rootHash: f.root, timeMs: now, key: key)
          try db.execute(
            sql: """
              INSERT OR REPLACE INTO tree_head (tree_size, root_hash, time_ms, signature, key_id, frontier)
              VALUES (?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              head.treeSize, head.rootHash, head.timeMs, head.signature, head.keyID, f.encoded,
            ])
          try fault?()
          return .commit
        }
        return (f, first)
      }
      return .success(result)
    } catch let error as AuditLogError {
      return .failure(error)
    } catch {
      return .failure(.storage("the batch was not committed: \(error)"))
    }
  }

  /// Test support: runs `fault` inside every batch's transaction after its rows are written and
  /// before it commits (a throw there is a crash between append and commit).
  func injectFaultBeforeCommit(_ fault: (@Sendable () throws -> Void)?) {
    condition.lock()
    faultBeforeCommit = fault
    condition.unlock()
  }

  // MARK: Reading

  public func count() throws(AuditLogError) -> Int64 {
    try read { db in try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0 }
  }

  public func latestHead() throws(AuditLogError) -> SignedTreeHead? {
    try read { db in
      try TreeHeadRecord.fetchOne(
        db, sql: "SELECT * FROM tree_head ORDER BY tree_size DESC LIMIT 1"
      )
      .map(SignedTreeHead.init(record:))
    }
  }

  public func heads() throws(AuditLogError) -> [SignedTreeHead] {
    try read { db in
      try TreeHeadRecord.fetchAll(db, sql: "SELECT * FROM tree_head ORDER BY tree_size")
        .map(SignedTreeHead.init(record:))
    }
  }

  public func entry(_ sequence: Int64) throws(AuditLogError) -> AuditEntry? {
    try read { db in
      try AuditEntryRecord.fetchOne(db, key: sequence).map(AuditEntry.init(record:))
    }
  }

  /// The last `count` entries, oldest first.
  public func tail(_ count: Int) throws(AuditLogError) -> [AuditEntry] {
    var filter = AuditFilter()
    filter.limit = count
    return try entries(filter: filter).reversed()
  }

  public func entries(filter: AuditFilter) throws(AuditLogError) -> [AuditEntry] {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let p = filter.principal {
      clauses.append("principal = ?")
      arguments.append(p)
    }
    if let a = filter.action, !a.isEmpty {
      clauses.append("substr(action, 1, ?) = ?")
      arguments += [a.count, a]
    }
    if let t = filter.target {
      clauses.append("target = ?")
      arguments.append(t)
    }
    if let o = filter.outcome {
      clauses.append("outcome = ?")
      arguments.append(o.rawValue)
    }
    if let s = filter.since {
      clauses.append("time_ms >= ?")
      arguments.append(Int64((s.timeIntervalSince1970 * 1000).rounded(.down)))
    }
    if let b = filter.before {
      clauses.append("seq < ?")
      arguments.append(b)
    }
    if let a = filter.after {
      clauses.append("seq > ?")
      arguments.append(a)
    }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    let order = filter.order == .newestFirst ? "DESC" : "ASC"
    let limit = filter.limit == Int.max ? "" : "LIMIT \(max(filter.limit, 0))"
    let sql = "SELECT * FROM audit_entry \(whereSQL) ORDER BY seq \(order) \(limit)"
    let args = StatementArguments(arguments.map { $0.databaseValue })
    return try read { db in
      try AuditEntryRecord.fetchAll(db, sql: sql, arguments: args).map(AuditEntry.init(record:))
    }
  }

  // MARK: Proofs

  /// The inclusion proof of entry `sequence` in the tree of `treeSize` entries (default: the
  /// latest signed head).
  public func inclusionProof(for sequence: Int64, treeSize: Int64? = nil) throws(AuditLogError)
    -> InclusionProof
  {
    let size = try resolveSize(treeSize)
    guard sequence >= 0, sequence < size else {
      throw .badTreeSize("entry \(sequence) is not in the tree of size \(size)")
    }
    let leaves = try leafHashes(upTo: size)
    return InclusionProof(
      leafIndex: sequence, treeSize: size, leafHash: leaves[Int(sequence)],
      path: MerkleHash.inclusionPath(Int(sequence), leaves[...]),
      rootHash: MerkleHash.root(leaves[...]))
  }

  /// The consistency proof between the trees of `old` and `new` entries.
  public func consistencyProof(from old: Int64, to new: Int64) throws(AuditLogError)
    -> ConsistencyProof
  {
    let newSize = try resolveSize(new)
    guard old >= 0, old <= newSize else {
      throw .badTreeSize("the old size \(old) must be between 0 and the new size \(newSize)")
    }
    let leaves = try leafHashes(upTo: newSize)
    return ConsistencyProof(
      oldSize: old, newSize: newSize, oldRoot: MerkleHash.root(leaves[..<Int(old)]),
      newRoot: MerkleHash.root(leaves[...]),
      path: MerkleHash.consistencyPath(Int(old), leaves[...]))
  }

  private func resolveSize(_ requested: Int64?) throws(AuditLogError) -> Int64 {
    let stored = try count()
    guard let requested else { return try latestHead()?.treeSize ?? stored }
    guard requested >= 0, requested <= stored else {
      throw .badTreeSize("tree size \(requested) is out of range: the log holds \(stored) entries")
    }
    return requested
  }

  func leafHashes(upTo size: Int64) throws(AuditLogError) -> [Data] {
    try read { db in
      try Data.fetchAll(
        db, sql: "SELECT leaf_hash FROM audit_entry WHERE seq < ? ORDER BY seq", arguments: [size])
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(AuditLogError) -> T {
    do {
      return try store.writer.read(body)
    } catch {
      throw .storage("\(error)")
    }
  }

  var storeForVerification: Store { store }
}
