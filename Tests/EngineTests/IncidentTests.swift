import Detection
import Engine
import Foundation
import Governance
import Learning
import Testing

/// Drills through the engine become alerts and incidents in the workspace; working them is the
/// SOC's, and a quarantine holds the job's models at the promotion gate.
@Suite(.serialized) struct IncidentTests {
  let people: [String: [String]] = [
    "dana": ["data-scientist"], "mike": ["mlops"], "sam": ["soc-analyst"], "alex": ["auditor"],
  ]

  func engine() throws -> Engine {
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    return try Engine.temporary(principals: people, configuration: c)
  }

  /// A FrozenLake job by dana whose rewards sam poisons from the start.
  func attackedJob(_ engine: Engine) throws -> JobID {
    let id = try engine.submit(
      JobSpec(
        name: "lake", environment: .frozenlake, algorithm: .qlearning, seed: 1, steps: 300_000,
        monitor: .enforce), as: "dana")
    try engine.startDrill(DrillPlan(kind: .rewardFlip, rate: 0.5), job: id, as: "sam")
    #expect(try engine.wait(for: id, timeout: 120, as: "dana") == .completed)
    return id
  }

  @Test func aDrillBecomesACriticalAlertAndAnIncidentAndIsAuditedAsADrill() throws {
    let e = try engine()
    defer { e.shutdown(requestedBy: .system) }
    let id = try attackedJob(e)
    let service = DetectionService(governance: e.governance)
    let alerts = try service.alerts(AlertQuery(job: id.rawValue), as: "sam")
    let integrity = try #require(alerts.first { $0.detector == "transition-integrity" })
    #expect(integrity.severity == .critical)
    let incident = try service.incident(try #require(integrity.incident), as: "sam")
    #expect(incident.status == .open)
    #expect(incident.job == id.rawValue)
    let audit = try AuditService(governance: e.governance).tail(200, as: "alex")
    #expect(audit.contains { $0.action == "drill.run" && $0.details["drill"] == "true" })
    #expect(
      audit.contains {
        $0.action == "alert.raise" && $0.details["detector"] == "transition-integrity"
      })
    let timeline = try service.timeline(incident.id, as: "sam")
    #expect(timeline.contains { $0.source == "alert" })
    #expect(timeline.contains { $0.source == "audit" && $0.text.contains("drill.run") })
  }

  @Test func onlyTheSOCWorksIncidentsAndAQuarantineHoldsPromotion() throws {
    let e = try engine()
    defer { e.shutdown(requestedBy: .system) }
    let id = try attackedJob(e)
    // Drills are the SOC's: a data scientist is refused, naming the permission.
    do {
      try e.startDrill(DrillPlan(kind: .rewardFlip), job: id, as: "dana")
      Issue.record("a data scientist started a drill")
    } catch {
      #expect(error.description.contains("lacks drill.run"))
    }
    let service = DetectionService(governance: e.governance)
    #expect(throws: EngineError.self) {
      try service.suppress(
        job: id.rawValue, detector: "reward-change", until: Date().addingTimeInterval(3_600),
        reason: "x", as: "dana")
    }
    // Refused whoever asks: a detector that does not watch jobs, a job that does not exist.
    #expect {
      try service.suppress(
        job: id.rawValue, detector: "reward-chnage", until: Date().addingTimeInterval(600),
        reason: "x", as: "sam")
    } throws: { "\($0)".contains("no detector \"reward-chnage\" watches jobs") }
    #expect(throws: EngineError.unknownJob("NOSUCHJOB")) {
      try service.suppress(
        job: "NOSUCHJOB", detector: "reward-change", until: Date().addingTimeInterval(600),
        reason: "x", as: "sam")
    }
    // Refused whoever asks: a suppression that would not end within 30 days.
    #expect(throws: EngineError.self) {
      try service.suppress(
        job: id.rawValue, detector: "reward-change", until: Date().addingTimeInterval(31 * 86_400),
        reason: "x", as: "sam")
    }
    let incident = try #require(try service.incidents(as: "dana").first { $0.job == id.rawValue })
    // Refused for the wrong role, each with the permission it lacks.
    #expect(throws: EngineError.self) { try service.acknowledge(incident.id, as: "dana") }
    #expect(throws: EngineError.self) { try service.quarantine(incident.id, note: "x", as: "mike") }
    #expect(throws: EngineError.self) { try service.alerts(as: "alex") }
    do {
      _ = try service.resolve(incident.id, note: "x", as: "mike")
      Issue.record("mlops resolved an incident")
    } catch {
      #expect(error.description.contains("lacks incident.manage"))
    }
    #expect(try service.acknowledge(incident.id, as: "sam").status == .acknowledged)
    #expect(try service.assign(incident.id, to: "sam", as: "sam").owner == "sam")
    #expect(
      try service.quarantine(incident.id, note: "poisoned rewards", as: "sam").status == .contained)
    // The candidate the job registered is held at the gate.
    let model = try #require(try RegistryService(governance: e.governance).models(as: "dana").first)
    let promotions = PromotionService(governance: e.governance, evaluationEpisodes: 20)
    let request = try promotions.request(
      model: model.name, version: 1, alias: "staging", reason: "x", as: "dana")
    do {
      _ = try promotions.approve(request.id, reason: "x", as: "mike")
      Issue.record("a quarantined job's model was promoted")
    } catch {
      #expect(error.description.contains("promote.not-quarantined"))
    }
    // Only the SOC lifts it, with a note.
    #expect(throws: EngineError.self) { try service.lift(job: id.rawValue, note: "ok", as: "dana") }
    #expect(throws: EngineError.self) { try service.lift(job: id.rawValue, note: " ", as: "sam") }
    try service.lift(job: id.rawValue, note: "drill over", as: "sam")
    let resolved = try service.resolve(incident.id, note: "drill", as: "sam")
    #expect(resolved.status == .resolved)
    #expect(resolved.notes.map(\.action) == ["acknowledge", "assign", "quarantine", "resolve"])
  }

  @Test func aMalformedDetectionFileStopsTheEngineWithFileAndLine() throws {
    let g = try Governance.temporary(principals: people)
    defer { g.discard() }
    let path = g.workspace.root.appendingPathComponent("detection.toml")
    try Data("[reward]\nlambda = \"high\"\n".utf8).write(to: path)
    #expect {
      _ = try Engine(governance: g)
    } throws: { error in
      "\(error)".contains("detection.toml:2")
    }
    try Data("[action]\nz = 0\n".utf8).write(to: path)
    #expect { _ = try Engine(governance: g) } throws: { "\($0)".contains("detection.toml:2") }
    try Data("[data]\ndrift = 0.3\n".utf8).write(to: path)
    #expect { _ = try Engine(governance: g) } throws: {
      "\($0)".contains("detection.toml:2") && "\($0)".contains("unknown key \"drift\"")
    }
    try Data(
      "[reward]\nlambda = 40\n[veto]\nfactor = 3\n[action]\nz = 6\n[data]\ndrift_threshold = 0.3\n"
        .utf8
    ).write(to: path)
    let e = try Engine(governance: g)
    #expect(e.configuration.detection.rewardLambda == 40)
    #expect(e.configuration.detection.vetoFactor == 3)
    #expect(e.configuration.detection.actionZ == 6)
    #expect(e.configuration.detection.dataDriftThreshold == 0.3)
  }

  /// Drills that need something a job does not have are refused with the reason: the gradient
  /// attack needs a policy network, dynamics tampering CartPole's physics.
  @Test func drillsTheJobCannotTakeAreRefused() throws {
    let e = try engine()
    defer { e.shutdown(requestedBy: .system) }
    let id = try e.submit(
      JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 50_000_000), as: "dana")
    #expect {
      try e.startDrill(DrillPlan(kind: .observationFGSM), job: id, as: "sam")
    } throws: { "\($0)".contains("observation-fgsm attacks the job's policy network") }
    #expect {
      try e.startDrill(DrillPlan(kind: .dynamicsTamper), job: id, as: "sam")
    } throws: { "\($0)".contains("dynamics-tamper changes CartPole's motor force") }
    _ = try e.perform(ControlJob(job: id, action: .stop), as: "dana")
  }

  /// A quarantine pauses a running job and holds it: its owner cannot resume it until the SOC
  /// lifts the quarantine.
  @Test func theOwnerCannotResumeAQuarantinedJob() throws {
    let e = try engine()
    defer { e.shutdown(requestedBy: .system) }
    let id = try e.submit(
      JobSpec(
        environment: .frozenlake, algorithm: .qlearning, seed: 1, steps: 500_000_000,
        monitor: .enforce), as: "dana")
    try e.startDrill(DrillPlan(kind: .rewardFlip, rate: 0.5), job: id, as: "sam")
    let service = DetectionService(governance: e.governance)
    func until(_ what: String, _ condition: () throws -> Bool) throws {
      let deadline = Date().addingTimeInterval(60)
      while try !condition() {
        guard Date() < deadline else { throw EngineError.unavailable("timed out: \(what)") }
        Thread.sleep(forTimeInterval: 0.05)
      }
    }
    var incident: Incident?
    try until("an incident") {
      incident = try service.incidents(as: "sam").first { $0.job == id.rawValue }
      return incident != nil
    }
    _ = try service.quarantine(try #require(incident).id, note: "poisoned", as: "sam")
    try until("the pause") { try e.detail(id, as: "dana").summary.status == .paused }
    do {
      try e.resume(id, as: "dana")
      Issue.record("the owner resumed a quarantined job")
    } catch {
      #expect(error.description.contains("is quarantined"))
    }
    #expect(try e.detail(id, as: "dana").summary.status == .paused)
    #expect(try e.snapshot(as: "dana").jobs.first { $0.id == id }?.quarantined == true)
    try service.lift(job: String(id.rawValue.suffix(8)), note: "channel fixed", as: "sam")
    #expect(try e.detail(id, as: "dana").summary.quarantined == false)
    try e.resume(id, as: "dana")
    try e.stop(id, as: "dana")
  }
}
