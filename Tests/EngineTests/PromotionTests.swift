import Engine
import Foundation
import Governance
import Learning
import Testing

/// The approval queue end to end: a completed job's candidate, a request, separation of duties,
/// the artifact check before an alias moves, history and rollback.
@Suite(.serialized) struct PromotionTests {
  let people: [String: [String]] = [
    "dana": ["data-scientist"], "mike": ["mlops"], "both": ["data-scientist", "mlops"],
    "alex": ["auditor"],
  ]

  /// An engine with one completed CartPole PPO job by `owner` (trained behind the monitor, so it
  /// can pass the default gates: return >= 475, no violations) and its registered candidate.
  func candidate(owner: Principal = "dana", steps: Int = 40_000) throws -> (Engine, String) {
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    let engine = try Engine.temporary(principals: people, configuration: c)
    var spec = JobSpec(
      name: "pole", environment: .cartpole, algorithm: .ppo, seed: 0, steps: steps,
      monitor: .enforce)
    spec.evaluationEpisodes = 5
    let id = try engine.submit(spec, as: owner)
    #expect(try engine.wait(for: id, timeout: 300, as: owner) == .completed)
    let versions = try RegistryService(governance: engine.governance).versions(
      of: "pole", as: owner)
    #expect(versions.map(\.version) == [1])
    #expect(versions.first?.job == id.rawValue)
    #expect(versions.first?.status == "candidate")
    return (engine, "pole")
  }

  @Test func theRequesterCanNeverApproveTheirOwnRequest() throws {
    let (engine, model) = try candidate(owner: "both")
    defer { engine.shutdown(requestedBy: .system) }
    let service = PromotionService(governance: engine.governance, evaluationEpisodes: 5)
    let request = try service.request(
      model: model, version: 1, alias: "staging", reason: "mine", as: "both")
    // "both" holds promotion.approve through mlops, and is still refused.
    #expect(engine.governance.decide("both", .promotionApprove).grantedBy == ["mlops"])
    do {
      _ = try service.approve(request.id, reason: "self", as: "both")
      Issue.record("self-approval was allowed")
    } catch {
      #expect(error.description.contains("separation of duties"))
    }
    #expect(try service.requests(status: .pending, as: "both").map(\.id) == [request.id])
    let audit = try AuditService(governance: engine.governance).tail(5, as: "alex")
    #expect(audit.contains { $0.action == "promotion.approve" && $0.outcome == .denied })
  }

  @Test func approvalReEvaluatesMovesTheAliasAndRecordsHistory() throws {
    let (engine, model) = try candidate()
    defer { engine.shutdown(requestedBy: .system) }
    let service = PromotionService(governance: engine.governance, evaluationEpisodes: 5)
    let request = try service.request(
      model: model, version: 1, alias: "staging", reason: "good", as: "dana")
    let done = try service.approve(request.id, reason: "gates pass", as: "mike")
    #expect(done.status == .approved)
    #expect(done.decidedBy == "mike")
    let review = try #require(done.review)
    #expect(review.candidateMonitored.monitor == "enforce")
    #expect(review.candidateUnmonitored.monitor == "off")
    #expect(review.candidateMonitored.safetyViolations == 0)
    #expect(review.gateDecision?.allowed == true)
    let registry = RegistryService(governance: engine.governance)
    #expect(try registry.aliases(of: model, at: nil, as: "mike")["staging"] == 1)
    let history = try registry.history(of: model, as: "mike")
    #expect(history.map(\.alias) == ["staging"])
    #expect(history.first?.principal == "mike")
    #expect(history.first?.request == request.id)
    // A misspelt model is an error, not an empty history.
    #expect(
      throws: EngineError.invalidRequest("no model \(model)x (rampart models list shows them)")
    ) {
      try registry.history(of: model + "x", as: "mike")
    }
  }

  @Test func aFlippedArtifactByteIsRefusedBeforeTheAliasMoves() throws {
    let (engine, model) = try candidate()
    defer { engine.shutdown(requestedBy: .system) }
    let service = PromotionService(governance: engine.governance, evaluationEpisodes: 5)
    let request = try service.request(
      model: model, version: 1, alias: "production", reason: "x", as: "dana")
    let artifacts = URL(fileURLWithPath: engine.governance.workspace.artifactsPath)
    let files = try FileManager.default.subpathsOfDirectory(atPath: artifacts.path)
      .map { artifacts.appendingPathComponent($0) }
      .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    let file = try #require(files.first)
    var bytes = try Data(contentsOf: file)
    bytes[bytes.count / 2] ^= 0x01
    try bytes.write(to: file)
    // The console's review shows no figures for it, and its gates deny for want of a
    // re-evaluation rather than judging stand-in numbers.
    let gated = try service.reviewWithGates(request.id, as: "mike")
    #expect(gated.candidateMonitored.episodes == 0)
    #expect(gated.gateDecision?.allowed == false)
    #expect(gated.gateDecision?.deniedBy.contains("promote.evaluation-required") == true)
    do {
      _ = try service.approve(request.id, reason: "ship it", as: "mike")
      Issue.record("a tampered artifact was promoted")
    } catch {
      #expect(error.description.contains("refused"))
    }
    let registry = RegistryService(governance: engine.governance)
    #expect(try registry.aliases(of: model, at: nil, as: "mike")["production"] == nil)
    let audit = try AuditService(governance: engine.governance).tail(10, as: "alex")
    #expect(
      audit.contains {
        $0.action == "promotion.approve" && $0.outcome == .denied
          && $0.details["rules"] == "artifact.integrity"
      })
    #expect(throws: EngineError.self) { try registry.export(model, 1, as: "dana") }
  }

  @Test func aRejectedRequestIsClosedAndCannotBeApproved() throws {
    let (engine, model) = try candidate(steps: 4_096)
    defer { engine.shutdown(requestedBy: .system) }
    let service = PromotionService(governance: engine.governance, evaluationEpisodes: 5)
    let request = try service.request(
      model: model, version: 1, alias: "staging", reason: "x", as: "dana")
    #expect(throws: EngineError.self) { try service.reject(request.id, reason: "no", as: "dana") }
    // A rollback names one of the two aliases (refused before anything is looked up).
    #expect(throws: EngineError.invalidRequest("--alias must be staging or production, not dev")) {
      try service.rollback(model: model, alias: "dev", reason: "x", as: "mike")
    }
    // Every decision says why, whoever asks; the approver cannot shrink the re-evaluation to
    // nothing.
    for blank in ["", "  \n"] {
      #expect(throws: EngineError.self) {
        try service.approve(request.id, reason: blank, as: "mike")
      }
      #expect(throws: EngineError.self) {
        try service.reject(request.id, reason: blank, as: "mike")
      }
      #expect(throws: EngineError.self) {
        try service.rollback(model: model, alias: "staging", reason: blank, as: "mike")
      }
    }
    for episodes in [0, -1, 100_001] {
      let tiny = PromotionService(governance: engine.governance, evaluationEpisodes: episodes)
      do {
        _ = try tiny.approve(request.id, reason: "ok", as: "mike")
        Issue.record("approved with \(episodes) evaluation episodes")
      } catch {
        #expect(error.description.contains("evaluation episodes must be 1 to 100000"))
      }
    }
    let rejected = try service.reject(request.id, reason: "not yet", as: "mike")
    #expect(rejected.status == .rejected)
    #expect(throws: EngineError.self) { try service.approve(request.id, reason: "x", as: "mike") }
    // An approval that finds the request already closed (a rejection that landed during its
    // re-evaluation) moves no alias: closing and moving are one transaction.
    #expect(throws: (any Error).self) {
      try engine.governance.registry.decide(
        request.id, approved: true, by: "mike", reason: "late", review: nil)
    }
    let registry = RegistryService(governance: engine.governance)
    #expect(try registry.aliases(of: model, at: nil, as: "mike")["staging"] == nil)
    #expect(try registry.history(of: model, as: "mike").isEmpty)
  }
}
