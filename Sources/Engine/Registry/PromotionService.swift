import Foundation
import GRDB
import Governance
import Learning

/// Promotion requests, approvals, rejections and rollbacks, with the checks that make them
/// trustworthy: separation of duties, the engine's own re-evaluation of the candidate and of the
/// version the alias holds now (monitor on and off, fixed held-out seeds), the policy's gates and
/// the artifact's integrity before any alias moves. Works with or without a running engine.
public struct PromotionService: Sendable {
  public let governance: Governance
  /// Episodes per re-evaluation (nil: each environment's default).
  public var evaluationEpisodes: Int?

  public init(governance: Governance, evaluationEpisodes: Int? = nil) {
    self.governance = governance
    self.evaluationEpisodes = evaluationEpisodes
  }

  var registry: ModelRegistry { governance.registry }

  private func fail(_ error: any Error) -> EngineError {
    if let g = error as? GovernanceError {
      if case .denied(let d) = g { return .denied(d.message) }
      return .governance(g.description)
    }
    if let e = error as? EngineError { return e }
    return .governance("\(error)")
  }

  // MARK: Requests

  /// Files a request to point `alias` of `model` at `version`.
  public func request(
    model: String, version: Int, alias: String, reason: String, as principal: Principal
  )
    throws(EngineError) -> PromotionRequest
  {
    do {
      guard let v = try registry.version(model, version) else {
        throw EngineError.invalidRequest("no version \(version) of model \(model)")
      }
      try governance.authorize(
        principal.name, .promotionRequest, target: "model:\(model)@\(version)",
        attributes: ["environment": .string(v.provenance.environment), "alias": .string(alias)],
        details: ["alias": alias, "reason": reason], auditAllowed: false)
      let request = try registry.fileRequest(
        model: model, version: version, alias: alias, requester: principal.name, reason: reason)
      try governance.record(
        principal.name, "promotion.request", target: "promotion:\(request.id)", outcome: .ok,
        details: ["model": model, "version": String(version), "alias": alias, "reason": reason])
      return request
    } catch {
      throw fail(error)
    }
  }

  public func requests(status: PromotionRequest.Status? = nil, as principal: Principal)
    throws(EngineError) -> [PromotionRequest]
  {
    do {
      try governance.authorize(
        principal.name, .modelRead, target: "promotions", auditAllowed: false)
      return try registry.requests(status: status)
    } catch {
      throw fail(error)
    }
  }

  // MARK: Review and decisions

  /// Re-evaluates the request's candidate and the alias's current version without deciding.
  public func review(_ id: Int64, as principal: Principal) throws(EngineError) -> PromotionReview {
    do {
      try governance.authorize(
        principal.name, .modelRead, target: "promotion:\(id)", auditAllowed: false)
      guard let request = try registry.request(id) else {
        throw EngineError.invalidRequest("no promotion request \(id)")
      }
      return try reviewNoChecks(request).review
    } catch {
      throw fail(error)
    }
  }

  /// Approves a pending request as `principal` (never its requester): integrity, re-evaluation and
  /// gates first, then the alias moves. A failing gate leaves the request pending and names the rule.
  @discardableResult
  public func approve(_ id: Int64, reason: String, as principal: Principal) throws(EngineError)
    -> PromotionRequest
  {
    do {
      let reason = try Self.required(reason, "an approval")
      if let n = evaluationEpisodes, !(1...100_000).contains(n) {
        throw EngineError.invalidRequest("evaluation episodes must be 1 to 100000, not \(n)")
      }
      let request = try pendingRequest(id, for: principal, deciding: "approve")
      // The role check first (no attributes: only the roles decide), so an unauthorised
      // principal is refused, and audited, before any evaluation runs.
      try governance.authorizeRole(principal.name, .promotionApprove, target: "promotion:\(id)")
      let (review, candidate, attributes) = try reviewNoChecks(request)
      guard case .success = candidate else {
        try governance.record(
          principal.name, "promotion.approve", target: "promotion:\(id)", outcome: .denied,
          details: ["integrity": review.integrity, "rules": "artifact.integrity"])
        try registry.recordReview(id, review)
        throw EngineError.denied(
          "refused: version \(request.version) of \(request.model): \(review.integrity)")
      }
      var gated = review
      let decision = governance.decide(principal.name, .promotionApprove, attributes: attributes)
      gated.gateDecision = decision
      try registry.recordReview(id, gated)
      try governance.authorize(
        principal.name, .promotionApprove, target: "promotion:\(id)", attributes: attributes,
        details: [
          "model": request.model, "version": String(request.version), "alias": request.alias,
        ], auditAllowed: false)
      // Closes the request and moves the alias in one transaction (refused if a concurrent
      // decision closed it during the re-evaluation).
      try registry.decide(id, approved: true, by: principal.name, reason: reason, review: gated)
      try governance.record(
        principal.name, "promotion.approve", target: "promotion:\(id)", outcome: .ok,
        details: [
          "model": request.model, "version": String(request.version), "alias": request.alias,
          "reason": reason,
          "previous": review.currentVersion.map(String.init) ?? "none",
          "mean_return": String(format: "%.3f", review.candidateMonitored.meanReturn),
          "episodes": String(review.candidateMonitored.episodes),
        ])
      guard let done = try registry.request(id) else {
        throw EngineError.governance("request \(id) vanished")
      }
      return done
    } catch {
      throw fail(error)
    }
  }

  /// Rejects a pending request as `principal` (an approver other than the requester).
  @discardableResult
  public func reject(_ id: Int64, reason: String, as principal: Principal) throws(EngineError)
    -> PromotionRequest
  {
    do {
      let reason = try Self.required(reason, "a rejection")
      let request = try pendingRequest(id, for: principal, deciding: "reject")
      // Rejecting needs the approver's role; the gates are about approving, not refusing.
      try governance.authorizeRole(
        principal.name, .promotionApprove, target: "promotion:\(id)",
        details: [
          "decision": "reject", "model": request.model, "version": String(request.version),
          "reason": reason,
        ])
      try registry.decide(id, approved: false, by: principal.name, reason: reason, review: nil)
      try governance.record(
        principal.name, "promotion.reject", target: "promotion:\(id)", outcome: .ok,
        details: ["model": request.model, "version": String(request.version), "reason": reason])
      guard let done = try registry.request(id) else {
        throw EngineError.governance("request \(id) vanished")
      }
      return done
    } catch {
      throw fail(error)
    }
  }

  /// Moves `alias` of `model` back to the version it held before, after checking that version's
  /// artifact.
  public func rollback(model: String, alias: String, reason: String, as principal: Principal)
    throws(EngineError) -> Int
  {
    do {
      let reason = try Self.required(reason, "a rollback")
      guard ModelRegistry.aliases.contains(alias) else {
        throw EngineError.invalidRequest("--alias must be staging or production, not \(alias)")
      }
      try governance.authorize(
        principal.name, .aliasRollback, target: "model:\(model)", details: ["alias": alias],
        auditAllowed: false)
      guard let previous = try registry.previousHolder(model: model, alias: alias) else {
        throw EngineError.invalidRequest(
          "\(alias) of \(model) has no earlier version to roll back to")
      }
      if case .failure(let problem) = try registry.loadArtifact(model, previous) {
        try governance.record(
          principal.name, "alias.rollback", target: "model:\(model)", outcome: .denied,
          details: ["integrity": problem.description])
        throw EngineError.denied("refused: version \(previous) of \(model): \(problem.description)")
      }
      try registry.moveAlias(
        model: model, alias: alias, to: previous, by: principal.name, reason: reason, request: nil)
      try governance.record(
        principal.name, "alias.rollback", target: "model:\(model)", outcome: .ok,
        details: ["alias": alias, "version": String(previous), "reason": reason])
      return previous
    } catch {
      throw fail(error)
    }
  }

  /// A decision's reason, trimmed: every change to an alias says why (as a request must).
  private static func required(_ reason: String, _ what: String) throws(EngineError) -> String {
    let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw EngineError.invalidRequest("\(what) needs a reason") }
    return trimmed
  }

  private func pendingRequest(_ id: Int64, for principal: Principal, deciding verb: String) throws
    -> PromotionRequest
  {
    guard let request = try registry.request(id) else {
      throw EngineError.invalidRequest("no promotion request \(id)")
    }
    guard request.status == .pending else {
      throw EngineError.invalidRequest(
        "promotion request \(id) is already \(request.status.rawValue)")
    }
    if request.requester == principal.name {
      let message =
        "denied by separation of duties: \(principal) requested promotion \(id) and cannot \(verb) it"
      try governance.record(
        principal.name, "promotion.\(verb)", target: "promotion:\(id)", outcome: .denied,
        details: ["rules": "sod.self-approval", "reason": message])
      throw EngineError.denied(message)
    }
    return request
  }

  /// Integrity check and re-evaluations of a request, and the attributes the gates see.
  func reviewNoChecks(_ request: PromotionRequest) throws -> (
    review: PromotionReview, candidate: Result<Data, ArtifactIntegrity>,
    attributes: [String: PolicyValue]
  ) {
    guard let version = try registry.version(request.model, request.version) else {
      throw EngineError.invalidRequest("no version \(request.version) of model \(request.model)")
    }
    let candidate = try registry.loadArtifact(request.model, request.version)
    let spec = try JSONDecoder().decode(JobSpec.self, from: Data(version.provenance.specJSON.utf8))
    let placeholder = EvaluationFigures(
      episodes: 0, meanReturn: .nan, standardDeviation: .nan, successRate: nil, safetyViolations: 0,
      vetoes: 0,
      monitor: "n/a")
    var monitored = placeholder
    var unmonitored = placeholder
    var integrity = "verified (AES-GCM tag, SHA-256 and Ed25519 signature)"
    switch candidate {
    case .success(let bytes):
      (monitored, unmonitored) = try evaluate(bytes, spec: spec)
    case .failure(let problem):
      integrity = problem.description
    }
    var currentMonitored: EvaluationFigures?
    var currentUnmonitored: EvaluationFigures?
    let current = try registry.aliasHolders(request.model)[request.alias]
    if let current, current != request.version,
      case .success(let bytes) = try registry.loadArtifact(request.model, current),
      let currentVersion = try registry.version(request.model, current)
    {
      let currentSpec = try JSONDecoder().decode(
        JobSpec.self, from: Data(currentVersion.provenance.specJSON.utf8))
      (currentMonitored, currentUnmonitored) = try evaluate(bytes, spec: currentSpec)
    }
    let (quarantined, openHigh) = try governance.store.writer.read { db in
      (
        try DetectionStore.isQuarantined(job: version.provenance.job, in: db),
        try DetectionStore.openHighAlerts(job: version.provenance.job, in: db)
      )
    }
    var attributes: [String: PolicyValue] = [
      "environment": .string(spec.environment.rawValue), "alias": .string(request.alias),
      "source_job.open_high_alerts": .number(Double(openHigh)),
      "source_job.quarantined": .bool(quarantined),
      "requester": .string(request.requester),
    ]
    // An artifact that failed its check was never evaluated: its figures are left out, so the
    // gates see no re-evaluation (promote.evaluation-required) rather than stand-in numbers.
    if case .success = candidate {
      attributes.merge([
        "evaluation.episodes": .number(Double(monitored.episodes)),
        "evaluation.mean_return": .number(monitored.meanReturn),
        "evaluation.safety_violations": .number(Double(monitored.safetyViolations)),
        "evaluation.vetoes": .number(Double(monitored.vetoes)),
        "evaluation_unmonitored.mean_return": .number(unmonitored.meanReturn),
        "evaluation_unmonitored.safety_violations": .number(Double(unmonitored.safetyViolations)),
      ]) { $1 }
    }
    let review = PromotionReview(
      candidateMonitored: monitored, candidateUnmonitored: unmonitored, currentVersion: current,
      currentMonitored: currentMonitored, currentUnmonitored: currentUnmonitored,
      integrity: integrity,
      gateDecision: nil, reviewedAt: Date())
    return (review, candidate, attributes)
  }

  /// Evaluates a saved policy on the fixed held-out seeds with the monitor enforcing and off.
  func evaluate(_ artifact: Data, spec: JobSpec) throws -> (EvaluationFigures, EvaluationFigures) {
    let file = try Safetensors.decode(Array(artifact))
    var shell = spec
    shell.steps = 1
    let session = try SessionFactory.makeSession(for: shell)
    try session.loadPolicy(file.tensors)
    let episodes = evaluationEpisodes ?? spec.effectiveEvaluationEpisodes
    return (
      EvaluationFigures(session.evaluate(episodes: episodes, mode: .enforce)),
      EvaluationFigures(session.evaluate(episodes: episodes, mode: .off))
    )
  }
}
