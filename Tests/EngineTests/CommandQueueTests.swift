import Detection
import Engine
import Foundation
import Governance
import Learning
import Testing

/// Commands queued for a live job name exactly one job, and what the Engine refuses whoever asks.
@Suite(.serialized) struct CommandQueueTests {
  let people: [String: [String]] = [
    "dana": ["data-scientist"], "olga": ["devops"], "sam": ["soc-analyst"],
  ]

  func engine() throws -> Engine {
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    return try Engine.temporary(principals: people, configuration: c)
  }

  @Test func aJobIsNamedByItsIdOrAUniqueSuffixAndWildcardsMatchOnlyThemselves() throws {
    let e = try engine()
    defer { e.shutdown(requestedBy: .system) }
    let id = try e.submit(
      JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 1_000, monitor: .off),
      as: "dana")
    _ = try e.wait(for: id, timeout: 60, as: "dana")
    let g = e.governance
    let byID = try CommandQueue.enqueue(.stop, job: id.rawValue, as: "dana", governance: g)
    #expect(byID.job == id.rawValue)
    let suffix = String(id.rawValue.suffix(8)).lowercased()
    #expect(
      try CommandQueue.enqueue(.pause, job: suffix, as: "dana", governance: g).job == id.rawValue)
    // A drill queued by suffix stores the whole id, so the engine can execute it.
    let drill = try CommandQueue.enqueueDrill(
      DrillPlan(kind: .rewardFlip), job: suffix, as: "sam", governance: g)
    #expect(drill.job == id.rawValue)
    // LIKE's wildcards used to match any job; they name none.
    for text in ["%", "_", "%\(id.rawValue.suffix(2))", "", "nope"] {
      do {
        _ = try CommandQueue.enqueue(.stop, job: text, as: "dana", governance: g)
        Issue.record("\"\(text)\" named a job")
      } catch {
        #expect(error.description.contains("no job with id"))
      }
      #expect(throws: EngineError.self) {
        try CommandQueue.enqueueDrill(
          DrillPlan(kind: .rewardFlip), job: text, as: "sam", governance: g)
      }
    }
    // The listing and the quotas are Engine reads, authorised there (job.read).
    #expect(try JobCatalog.commands(g, as: "dana").count == 3)
    #expect(throws: EngineError.self) { try JobCatalog.commands(g, as: "nobody") }
    #expect(throws: EngineError.self) { try JobCatalog.quotas(g, as: "nobody") }
    #expect(try JobCatalog.quotas(g, as: "olga").isEmpty)
  }

  @Test func aDrillsStrengthIsBoundedByTheEngine() throws {
    let e = try engine()
    defer { e.shutdown(requestedBy: .system) }
    let id = try e.submit(
      JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 50_000_000, monitor: .off),
      as: "dana")
    defer { try? e.stop(id, as: "dana") }
    for strength in [Double.nan, .infinity, 1e308, -1_001] {
      do {
        try e.startDrill(DrillPlan(kind: .rewardScale, strength: strength), job: id, as: "sam")
        Issue.record("a drill of strength \(strength) was started")
      } catch {
        #expect(error.description.contains("strength must be a number from -1000 to 1000"))
      }
    }
  }
}
