import Detection
import Engine
import Foundation
import Governance
import Learning
import Testing

/// Every standard role against every governed action, performed through the Engine API (and the
/// services built on it) exactly as the CLI and the console do. The expected table is written out
/// by hand from the issue's role blueprint: `Y` the role may, `.` it is refused by its role.
/// Alerts are read by those whose jobs and models they concern and by the SOC; only the SOC works
/// them. The data permissions have their own table (DataMatrixTests); job.control.own, which only
/// a job's owner can exercise, is checked after the table.
private let expected = """
  action             dsci mlop devo soc  aud  stew adm
  job.read           Y    Y    Y    Y    Y    Y    Y
  job.submit         Y    .    .    .    .    .    .
  job.control.any    .    .    Y    .    .    .    .
  quota.manage       .    .    Y    .    .    .    .
  model.read         Y    Y    .    .    .    .    .
  model.export       Y    Y    .    .    .    .    .
  promotion.request  Y    .    .    .    .    .    .
  promotion.approve  .    Y    .    .    .    .    .
  audit.read         .    .    .    Y    Y    .    Y
  audit.verify       .    .    .    .    Y    .    .
  audit.export       .    .    .    .    Y    .    .
  access.apply       .    .    .    .    .    .    Y
  policy.apply       .    .    .    .    .    .    Y
  alias.rollback     .    Y    .    .    .    .    .
  alert.read         Y    Y    Y    Y    .    .    .
  alert.manage       .    .    .    Y    .    .    .
  incident.manage    .    .    .    Y    .    .    .
  job.quarantine     .    .    .    Y    .    .    .
  drill.run          .    .    .    Y    .    .    .
  """

/// One principal per role, in the table's column order, plus a second data scientist who owns
/// the jobs and files the requests (so no column is the owner or the requester).
private let people = ["dana", "mike", "olga", "sam", "alex", "stella", "ada"]
private let principals: [String: [String]] = [
  "dana": ["data-scientist"], "mike": ["mlops"], "olga": ["devops"], "sam": ["soc-analyst"],
  "alex": ["auditor"], "stella": ["data-steward"], "ada": ["admin"], "owen": ["data-scientist"],
]

@Suite(.serialized) struct GovernanceMatrixTests {
  /// Runs `body`; "." when it was refused for the principal's role (the message names the
  /// permission it lacks), "Y" when it ran. Any other failure is recorded.
  private func outcome(_ action: String, _ who: String, _ body: () throws -> Void) -> String {
    do {
      try body()
      return "Y"
    } catch {
      let text = "\(error)"
      if text.contains("lacks \(action)") { return "." }
      Issue.record("\(who) \(action): unexpected failure: \(text)")
      return "?"
    }
  }

  @Test func everyRoleAgainstEveryAction() throws {
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    let engine = try Engine.temporary(principals: principals, configuration: c)
    let g = engine.governance
    defer { engine.shutdown(requestedBy: .system) }
    let owen = Principal("owen")
    // A candidate version to read, export and promote, and a long job to control.
    var spec = JobSpec(
      name: "lake", environment: .frozenlake, algorithm: .qlearning, seed: 0, steps: 300_000,
      monitor: .enforce)
    spec.evaluationEpisodes = 200
    let done = try engine.submit(spec, as: owen)
    #expect(try engine.wait(for: done, timeout: 120, as: owen) == .completed)
    let registry = RegistryService(governance: g)
    let model = try #require(try registry.models(as: owen).first?.name)
    let promotions = PromotionService(governance: g, evaluationEpisodes: 50)
    let long = try engine.submit(
      JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 500_000_000), as: owen)
    // An incident to work: owen's short job whose rewards sam poisons from the start.
    let detection = DetectionService(governance: g)
    let attacked = try engine.submit(
      JobSpec(
        name: "poisoned", environment: .frozenlake, algorithm: .qlearning, seed: 1,
        steps: 300_000, monitor: .enforce), as: owen)
    try engine.startDrill(DrillPlan(kind: .rewardFlip, rate: 0.5), job: attacked, as: "sam")
    #expect(try engine.wait(for: attacked, timeout: 120, as: owen) == .completed)
    let incident = try #require(
      try detection.incidents(as: "sam").first { $0.job == attacked.rawValue })

    var actual: [String: [String]] = [:]
    for who in people {
      let p = Principal(who)
      func row(_ action: String, _ body: () throws -> Void) {
        actual[action, default: []].append(outcome(action, who, body))
      }
      row("job.read") { _ = try engine.snapshot(as: p) }
      row("job.submit") {
        let id = try engine.submit(
          JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 1_000), as: p)
        _ = try engine.wait(for: id, timeout: 60, as: p)
      }
      row("job.control.any") {
        try engine.pause(long, as: p)
        try engine.resume(long, as: p)
      }
      row("quota.manage") { try g.setQuota(principal: "owen", maxJobs: 8, by: who) }
      row("model.read") { _ = try registry.versions(of: model, as: p) }
      row("model.export") { _ = try registry.export(model, 1, as: p) }
      // Each request is closed again (rejected by mike) so the next row can file its own.
      func closePending() throws {
        for r in try promotions.requests(status: .pending, as: "mike") {
          _ = try promotions.reject(r.id, reason: "matrix", as: "mike")
        }
      }
      row("promotion.request") {
        _ = try promotions.request(model: model, version: 1, alias: "staging", reason: "t", as: p)
      }
      try closePending()
      let request = try promotions.request(
        model: model, version: 1, alias: "staging", reason: "matrix", as: owen)
      row("promotion.approve") {
        do {
          _ = try promotions.approve(request.id, reason: "matrix", as: p)
        } catch {
          // Authorised by role but held by a policy gate: the role check passed.
          guard case .denied(let message)? = error as? EngineError,
            message.hasPrefix("denied by rule promote.")
          else { throw error }
        }
      }
      try closePending()
      row("audit.read") { _ = try AuditService(governance: g).tail(5, as: p) }
      row("audit.verify") { _ = try AuditService(governance: g).verify(as: p) }
      row("audit.export") { _ = try AuditService(governance: g).export(since: nil, as: p) }
      row("access.apply") { try g.apply(.access, by: who) }
      row("policy.apply") { try g.apply(.policy, by: who) }
      row("alias.rollback") {
        do {
          _ = try promotions.rollback(model: model, alias: "staging", reason: "matrix", as: p)
        } catch {
          // Authorised by role; the alias has no earlier holder to go back to.
          guard "\(error)".contains("no earlier version to roll back to") else { throw error }
        }
      }
      row("alert.read") { _ = try detection.alerts(as: p) }
      row("alert.manage") {
        try detection.suppress(
          job: long.rawValue, detector: "reward-change", until: Date().addingTimeInterval(600),
          reason: "matrix", as: p)
      }
      row("incident.manage") { _ = try detection.note(incident.id, "matrix", as: p) }
      row("job.quarantine") {
        _ = try detection.quarantine(incident.id, note: "matrix", as: p)
        try detection.lift(job: attacked.rawValue, note: "matrix", as: p)
      }
      row("drill.run") {
        try engine.startDrill(DrillPlan(kind: .rewardFlip, rate: 0.1), job: long, as: p)
        try engine.stopDrills(job: long, as: p)
      }
    }
    // job.control.own: an owner without job.control.any controls their own job, not another's.
    try engine.pause(long, as: owen)
    try engine.resume(long, as: owen)
    do {
      try engine.pause(long, as: "dana")
      Issue.record("dana paused owen's job")
    } catch {
      #expect("\(error)".contains("lacks job.control.any"))
    }
    try engine.stop(long, as: owen)

    for line in expected.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: " ").map(String.init)
      let action = cells[0]
      #expect(actual[action] == Array(cells.dropFirst()), "\(action) by \(people)")
    }
    #expect(actual.count == expected.split(separator: "\n").count - 1)
  }

  @Test func everyDenialIsAuditedWithThePermissionItLacked() throws {
    let engine = try Engine.temporary(principals: principals)
    defer { engine.shutdown(requestedBy: .system) }
    #expect(throws: EngineError.self) {
      try engine.submit(JobSpec(environment: .cartpole, algorithm: .ppo, steps: 10), as: "mike")
    }
    let denied = try AuditService(governance: engine.governance).tail(3, as: "alex")
      .filter { $0.outcome == .denied && $0.principal == "mike" }
    #expect(denied.count == 1)
    #expect(denied.first?.action == "job.submit")
    #expect(denied.first?.details["reason"]?.contains("lacks job.submit") == true)
  }
}
