import Crypto
import Foundation
import GRDB
import Storage
import Testing

@testable import Governance

/// A log in a fresh temporary database file (WAL, as in a workspace).
private func makeLog(
  entries: Int = 0, batch: Int = 5, key: Curve25519.Signing.PrivateKey = .init()
) throws -> (AuditLog, Store, URL) {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
    "audit-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let store = try Store.open(
    path: dir.appendingPathComponent("db.sqlite").path, durability: .normal)
  let log = AuditLog(store: store, signingKey: key)
  var i = 0
  while i < entries {
    let n = min(batch, entries - i)
    try log.append(contentsOf: (i..<(i + n)).map(event))
    i += n
  }
  return (log, store, dir)
}

private func event(_ i: Int) -> AuditEvent {
  AuditEvent(
    principal: i % 2 == 0 ? "dana" : "mike", action: "job.submit", target: "job:\(i)",
    outcome: .allowed, details: ["i": String(i), "note": "quote \" and \\ and\nnewline"])
}

private func sql(_ store: Store, _ text: String, _ args: StatementArguments = []) throws {
  try store.writer.write { db in try db.execute(sql: text, arguments: args) }
}

@Suite struct AuditLogTests {
  @Test func appendsAreContiguousAndVerify() throws {
    let (log, _, dir) = try makeLog(entries: 23)
    defer { try? FileManager.default.removeItem(at: dir) }
    let seq = try log.append(event(99))
    #expect(seq == 23)
    let result = try log.verify()
    #expect(result.isValid)
    #expect(result.entryCount == 24)
    #expect(result.headCount == 6)  // one signed head per committed batch
    let e = try #require(try log.entry(5))
    #expect(e.isLeafHashValid)
    #expect(e.details["note"] == "quote \" and \\ and\nnewline")
    #expect(try log.tail(3).map(\.sequence) == [21, 22, 23])
  }

  @Test func proofsFromTheLogVerify() throws {
    let (log, _, dir) = try makeLog(entries: 40, batch: 7)
    defer { try? FileManager.default.removeItem(at: dir) }
    let head = try #require(try log.latestHead())
    #expect(head.treeSize == 40)
    #expect(head.isSignatureValid(log.publicKey))
    for seq in [0, 13, 39] as [Int64] {
      let proof = try log.inclusionProof(for: seq)
      #expect(proof.rootHash == head.rootHash)
      #expect(proof.verify())
    }
    let heads = try log.heads()
    let consistency = try log.consistencyProof(from: heads[1].treeSize, to: head.treeSize)
    #expect(consistency.oldRoot == heads[1].rootHash)
    #expect(consistency.verify())
    #expect(throws: AuditLogError.self) { try log.inclusionProof(for: 40) }
  }

  @Test func anEditedEntryIsNamed() throws {
    let (log, store, dir) = try makeLog(entries: 30)
    defer { try? FileManager.default.removeItem(at: dir) }
    try sql(store, "UPDATE audit_entry SET outcome = 'allowed', principal = 'eve' WHERE seq = 17")
    let result = try log.verify()
    #expect(result.problem == .entryEdited(sequence: 17))
    #expect(result.firstBadEntry == 17)
    #expect(try log.entry(17)?.isLeafHashValid == false)
  }

  @Test func aRewriteThatRecomputedLeafHashesNamesTheHeadAndItsRange() throws {
    let (log, store, dir) = try makeLog(entries: 30)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Rewrite entry 12's details and recompute its leaf hash as the log would.
    let e = try #require(try log.entry(12))
    let details = CanonicalJSON.object(["i": "12", "note": "nothing to see"])
    let leaf = MerkleHash.leaf(
      AuditEntry.canonical(
        sequence: 12, timeMs: e.timeMs, principal: e.principal, action: e.action, target: e.target,
        outcome: e.outcome.rawValue, details: details))
    try sql(
      store, "UPDATE audit_entry SET details = ?, leaf_hash = ? WHERE seq = 12", [details, leaf])
    let result = try log.verify()
    // Batches of 5: the head at size 15 covers entries 10..14.
    #expect(result.problem == .headMismatch(treeSize: 15, firstEntry: 10))
    #expect(result.message?.contains("10..14") == true)
  }

  @Test func aDeletedEntryIsNamed() throws {
    let (log, store, dir) = try makeLog(entries: 30)
    defer { try? FileManager.default.removeItem(at: dir) }
    try sql(store, "DELETE FROM audit_entry WHERE seq = 8")
    #expect(try log.verify().problem == .entryMissing(expected: 8, found: 9))
  }

  @Test func deletingTheNewestEntriesIsCaughtByTheirHead() throws {
    let (log, store, dir) = try makeLog(entries: 30)
    defer { try? FileManager.default.removeItem(at: dir) }
    try sql(store, "DELETE FROM audit_entry WHERE seq >= 28")
    #expect(try log.verify().problem == .headBeyondLog(treeSize: 30, entries: 28))
  }

  @Test func truncationWithItsHeadsIsCaughtByAnExportedAnchor() throws {
    let (log, store, dir) = try makeLog(entries: 30)
    defer { try? FileManager.default.removeItem(at: dir) }
    let exported = try #require(try log.latestHead()).exportJSON(publicKey: log.publicKey)
    let anchor = try SignedTreeHead.parse(json: exported)
    #expect(try log.verify(anchor: anchor).isValid)
    try sql(store, "DELETE FROM audit_entry WHERE seq >= 25")
    try sql(store, "DELETE FROM tree_head WHERE tree_size > 25")
    #expect(try log.verify().isValid)  // consistent with itself: only the anchor can tell
    #expect(try log.verify(anchor: anchor).problem == .anchorMismatch(treeSize: 30))
  }

  @Test func anInsertedEntryIsCaught() throws {
    let (log, store, dir) = try makeLog(entries: 20)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Make room at 10 by renumbering the rest, then insert a forged entry with a valid leaf hash.
    try sql(store, "UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 10")
    try sql(store, "UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000")
    let details = CanonicalJSON.object(["forged": "yes"])
    let leaf = MerkleHash.leaf(
      AuditEntry.canonical(
        sequence: 10, timeMs: 0, principal: "eve", action: "job.submit", target: "job:x",
        outcome: "allowed", details: details))
    try sql(
      store,
      "INSERT INTO audit_entry VALUES (10, 0, 'eve', 'job.submit', 'job:x', 'allowed', ?, ?)",
      [details, leaf])
    // Entry 11 now holds what was entry 10: its leaf hash covered sequence number 10.
    #expect(try log.verify().problem == .entryEdited(sequence: 11))
  }

  @Test func reorderedEntriesAreCaught() throws {
    let (log, store, dir) = try makeLog(entries: 20)
    defer { try? FileManager.default.removeItem(at: dir) }
    try sql(store, "UPDATE audit_entry SET seq = -1 WHERE seq = 3")
    try sql(store, "UPDATE audit_entry SET seq = 3 WHERE seq = 4")
    try sql(store, "UPDATE audit_entry SET seq = 4 WHERE seq = -1")
    #expect(try log.verify().problem == .entryEdited(sequence: 3))
  }

  @Test func aForgedHeadIsCaught() throws {
    let (log, store, dir) = try makeLog(entries: 20)
    defer { try? FileManager.default.removeItem(at: dir) }
    // A head signed by another key over the real root, and then a real head's root changed.
    let other = Curve25519.Signing.PrivateKey()
    let real = try #require(try log.heads().first { $0.treeSize == 10 })
    let forged = try SignedTreeHead.sign(
      treeSize: 10, rootHash: real.rootHash, timeMs: 1, key: other)
    try sql(
      store, "UPDATE tree_head SET signature = ?, key_id = ? WHERE tree_size = 10",
      [forged.signature, real.keyID])
    #expect(try log.verify().problem == .headSignature(treeSize: 10))
  }

  @Test func entriesAddedOutsideTheLogAreCaught() throws {
    let (log, store, dir) = try makeLog(entries: 10)
    defer { try? FileManager.default.removeItem(at: dir) }
    let details = CanonicalJSON.object([:])
    let leaf = MerkleHash.leaf(
      AuditEntry.canonical(
        sequence: 10, timeMs: 0, principal: "eve", action: "x", target: "y", outcome: "ok",
        details: details))
    try sql(
      store, "INSERT INTO audit_entry VALUES (10, 0, 'eve', 'x', 'y', 'ok', ?, ?)", [details, leaf])
    #expect(try log.verify().problem == .unsignedTail(firstEntry: 10, entries: 11))
  }

  @Test func concurrentAppendsAreGroupCommittedWithoutLoss() throws {
    let (log, _, dir) = try makeLog()
    defer { try? FileManager.default.removeItem(at: dir) }
    let seqs = Locked<[Int64]>([])
    DispatchQueue.concurrentPerform(iterations: 16) { t in
      for i in 0..<100 {
        if let s = try? log.append(event(t * 1000 + i)) { seqs.withLock { $0.append(s) } }
      }
    }
    let all = seqs.withLock { $0 }.sorted()
    #expect(all == Array(0..<1600))
    let result = try log.verify()
    #expect(result.isValid)
    #expect(result.headCount <= 1600)
  }

  @Test func aCrashBetweenAppendAndCommitLosesNothingAcknowledged() throws {
    let key = Curve25519.Signing.PrivateKey()
    let (log, store, dir) = try makeLog(entries: 12, key: key)
    defer { try? FileManager.default.removeItem(at: dir) }
    struct Crash: Error {}
    log.injectFaultBeforeCommit { throw Crash() }
    #expect(throws: AuditLogError.self) { try log.append(contentsOf: (100..<110).map(event)) }
    log.injectFaultBeforeCommit(nil)
    // The failed batch was never acknowledged and left nothing behind; acknowledged ones remain.
    #expect(try log.count() == 12)
    #expect(try log.append(event(200)) == 12)
    #expect(try log.verify().isValid)
    // And a reopened log (a restarted process) continues the same tree from the newest head's
    // stored right edge.
    let reopened = AuditLog(store: store, signingKey: key)
    #expect(try reopened.append(event(201)) == 13)
    #expect(try reopened.verify().isValid)
  }

  @Test func twoProcessesAppendingToOneDatabaseKeepOneTree() throws {
    let key = Curve25519.Signing.PrivateKey()
    let (log, store, dir) = try makeLog(entries: 5, key: key)
    defer { try? FileManager.default.removeItem(at: dir) }
    let second = try Store.open(path: try #require(store.path), durability: .normal)
    let other = AuditLog(store: second, signingKey: key)
    #expect(try other.append(event(50)) == 5)
    #expect(try log.append(event(51)) == 6)  // folds in the other process's entry first
    #expect(try other.append(event(52)) == 7)
    #expect(try log.verify().isValid)
    #expect(try log.verify().entryCount == 8)
    let proof = try log.inclusionProof(for: 5, treeSize: 8)
    #expect(proof.verify())
  }

  @Test func exportedHeadsRoundTripAndMalformedOnesAreRefused() throws {
    let (log, _, dir) = try makeLog(entries: 3)
    defer { try? FileManager.default.removeItem(at: dir) }
    let head = try #require(try log.latestHead())
    #expect(try SignedTreeHead.parse(json: head.exportJSON()) == head)
    #expect(throws: AuditLogError.malformedHead("root_hash must be 64 hex digits")) {
      try SignedTreeHead.parse(
        json: #"{"tree_size":3,"root_hash":"zz","time_ms":1,"signature":"00","key_id":"k"}"#)
    }
  }
}
