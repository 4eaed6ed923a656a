import Crypto
import Foundation
import Governance
import Storage

/// Durable audit appends per second through group commit, with SQLite `synchronous=FULL` (fsync
/// at every commit) and `NORMAL` (WAL; durable against a process crash), and the time to verify
/// a 1,000,000-entry log. Every run uses a fresh database file in a temporary folder.
struct AuditBench {
  let runs: Int
  let out: BenchOutput

  /// Entries per append run.
  private let entriesPerRun = 200_000
  /// Entries per `append(contentsOf:)` call in the batched mode.
  private let batch = 1_000
  /// Threads appending one entry at a time in the concurrent mode (group commit gathers them).
  private let producers = 64

  func run() throws {
    for durability in [Store.Durability.full, .normal] {
      var batched: [Double] = []
      var concurrent: [Double] = []
      for _ in 0..<runs {
        batched.append(try appendRate(durability: durability, concurrent: false))
        concurrent.append(try appendRate(durability: durability, concurrent: true))
      }
      let b = median(batched)
      let c = median(concurrent)
      out.emit(
        JSONLine([
          "bench": "audit", "synchronous": .string(durability.rawValue),
          "append_per_s": .double(b.rounded()), "batch": .int(batch),
          "append_per_s_concurrent": .double(c.rounded()), "producers": .int(producers),
          "entries_per_run": .int(entriesPerRun), "runs": .int(runs),
        ]),
        text:
          "audit append (synchronous=\(durability.rawValue)): \(format(b, 0))/s durable in batches of \(batch); "
          + "\(format(c, 0))/s from \(producers) threads appending one at a time (group commit); "
          + "median of \(runs) runs of \(entriesPerRun) entries")
    }
    let (seconds, entries, heads) = try verifyMillion()
    out.emit(
      JSONLine([
        "bench": "audit", "verify_1m_s": .double(seconds), "entries": .int(Int(entries)),
        "heads": .int(heads),
      ]),
      text:
        "audit verify: \(format(seconds, 2)) s for \(entries) entries and \(heads) signed heads "
        + "(every leaf recomputed, every head's root and signature checked)")
  }

  private func temporaryLog(_ durability: Store.Durability) throws -> (AuditLog, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-audit-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = try Store.open(
      path: dir.appendingPathComponent("audit.sqlite").path, durability: durability)
    return (AuditLog(store: store, signingKey: Curve25519.Signing.PrivateKey()), dir)
  }

  private static func event(_ i: Int) -> AuditEvent {
    AuditEvent(
      principal: i % 3 == 0 ? "dana" : "system", action: i % 5 == 0 ? "job.submit" : "job.metrics",
      target: "job:\(i % 97)", outcome: i % 11 == 0 ? .denied : .allowed,
      details: ["step": String(i), "policy": "3f2a9c0d1e2b4a5c"])
  }

  private func appendRate(durability: Store.Durability, concurrent: Bool) throws -> Double {
    let (log, dir) = try temporaryLog(durability)
    defer { try? FileManager.default.removeItem(at: dir) }
    let events = (0..<entriesPerRun).map(Self.event)
    let start = DispatchTime.now().uptimeNanoseconds
    if concurrent {
      let failures = Locked(0)
      let group = DispatchGroup()
      let per = entriesPerRun / producers
      for p in 0..<producers {
        let thread = Thread {
          for i in 0..<per {
            do { try log.append(events[p * per + i]) } catch { failures.withLock { $0 += 1 } }
          }
          group.leave()
        }
        thread.stackSize = 1 << 20
        group.enter()
        thread.start()
      }
      group.wait()
      if failures.withLock({ $0 }) > 0 { throw CommandFailure(description: "audit appends failed") }
    } else {
      var i = 0
      while i < events.count {
        try log.append(contentsOf: Array(events[i..<min(i + batch, events.count)]))
        i += batch
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let stored = try log.count()
    let expected = concurrent ? Int64(entriesPerRun / producers * producers) : Int64(entriesPerRun)
    guard stored == expected else {
      throw CommandFailure(
        description: "audit bench: \(stored) entries stored, \(expected) appended")
    }
    return Double(stored) / seconds
  }

  private func verifyMillion() throws -> (Double, Int64, Int) {
    let (log, dir) = try temporaryLog(.normal)
    defer { try? FileManager.default.removeItem(at: dir) }
    let total = 1_000_000
    var i = 0
    while i < total {
      let n = min(4_000, total - i)
      try log.append(contentsOf: (i..<(i + n)).map(Self.event))
      i += n
    }
    var times: [Double] = []
    var last: AuditVerification?
    for _ in 0..<max(1, min(runs, 3)) {
      let start = DispatchTime.now().uptimeNanoseconds
      last = try log.verify()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    guard let last, last.isValid else {
      throw CommandFailure(
        description: "audit bench: the fresh log does not verify: \(last?.message ?? "?")")
    }
    return (median(times), last.entryCount, last.headCount)
  }
}
