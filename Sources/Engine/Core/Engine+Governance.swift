import Foundation
import Governance
import Learning

extension Engine {
  /// Authorises through governance; denials are audited there and come back as `.denied`.
  @discardableResult
  func authorize(
    _ principal: Principal, _ permission: Permission, target: String,
    attributes: [String: PolicyValue] = [:],
    details: [String: String] = [:], audit: Bool = true
  ) throws(EngineError) -> PolicyDecision {
    do {
      return try governance.authorize(
        principal.name, permission, target: target, attributes: attributes, details: details,
        auditAllowed: audit)
    } catch {
      switch error {
      case .denied(let decision): throw .denied(decision.message)
      default: throw .governance(error.description)
      }
    }
  }

  /// Appends an audit entry.
  func record(
    _ principal: Principal, _ action: String, target: String, outcome: AuditOutcome,
    details: [String: String] = [:]
  ) throws(EngineError) {
    do {
      try governance.record(
        principal.name, action, target: target, outcome: outcome, details: details)
    } catch {
      throw .governance(error.description)
    }
  }

  /// Records what the platform did by itself; a failure is reported on the event stream rather
  /// than stopping a worker.
  func recordSystem(
    _ action: String, target: String, outcome: AuditOutcome = .ok, details: [String: String] = [:]
  ) {
    do {
      try record(.system, action, target: target, outcome: outcome, details: details)
    } catch {
      FileHandle.standardError.write(Data("rampart: audit: \(error.description)\n".utf8))
    }
  }

  /// Pausing, resuming or stopping: one's own job with `job.control.own`, anyone's with
  /// `job.control.any`.
  func authorizeControl(_ job: JobRuntime, _ action: String, _ principal: Principal)
    throws(EngineError)
  {
    let target = "job:\(job.id.rawValue)"
    let details = ["action": action, "owner": job.owner.name]
    if principal == job.owner && governance.decide(principal.name, .jobControlOwn).allowed {
      try authorize(principal, .jobControlOwn, target: target, details: details)
    } else {
      try authorize(principal, .jobControlAny, target: target, details: details)
    }
  }

  /// The concurrency quotas set by operations: active jobs per principal and in total.
  func enforceQuota(for principal: Principal, target: String, details: [String: String])
    throws(EngineError)
  {
    let quota = store.quotas(for: principal.name)
    let active = jobs.withLock { all in
      all.values.filter { !$0.state.withLock { $0.status.isFinal } }
    }
    let mine = active.filter { $0.owner == principal }.count
    var refusal: (rule: String, message: String)?
    if mine >= quota.perPrincipal {
      refusal = (
        "quota.principal",
        "denied by quota: \(principal) already has \(mine) active jobs (limit \(quota.perPrincipal))"
      )
    } else if active.count >= quota.total {
      refusal = (
        "quota.total",
        "denied by quota: the engine already runs \(active.count) active jobs (limit \(quota.total))"
      )
    }
    guard let refusal else { return }
    var info = details
    info["rules"] = refusal.rule
    info["reason"] = refusal.message
    try record(principal, "job.submit", target: target, outcome: .denied, details: info)
    throw .denied(refusal.message)
  }

  /// Publishes, persists and audits a status change.
  func statusChanged(
    _ job: JobRuntime, from: JobStatus, to: JobStatus, reason: String?, by principal: Principal
  ) {
    events.publish(
      .jobStatusChanged(job: job.id, from: from, to: to, reason: reason), by: principal)
    store.updateStatus(job)
    var details = ["from": from.rawValue, "to": to.rawValue]
    if let reason { details["reason"] = reason }
    recordSystem("job.status", target: "job:\(job.id.rawValue)", details: details)
  }
}

extension JobSpec {
  /// What policy rules can see about a submission.
  public var policyAttributes: [String: PolicyValue] {
    var a: [String: PolicyValue] = [
      "environment": .string(environment.rawValue), "algorithm": .string(algorithm.rawValue),
      "monitor": .string(monitor.mode.rawValue), "steps": .number(Double(steps)),
      "seed": .number(Double(seed)),
    ]
    if algorithm == .ppo {
      let p = effectivePPO
      a["ppo.environments"] = .number(Double(p.environments))
      a["ppo.hidden"] = .number(Double(p.hiddenSizes.reduce(0, +)))
    }
    if let d = dataset {
      a["dataset.id"] = .string(d.name)
      if let c = d.classification { a["dataset.classification"] = .string(c) }
    }
    return a
  }

  /// The spec in an audit entry.
  var auditDetails: [String: String] {
    var d = [
      "name": name, "environment": environment.rawValue, "algorithm": algorithm.rawValue,
      "monitor": monitor.mode.rawValue, "steps": String(steps), "seed": String(seed),
    ]
    if let dataset { d["dataset"] = dataset.label }
    return d
  }
}

extension Engine {
  /// An engine on a throw-away workspace (a temporary folder, removed when the engine goes away)
  /// whose principals hold the given roles: for the demo, tests and benchmarks.
  public static func temporary(
    principals: [String: [String]], drillPrincipals: [String: [String]] = [:],
    configuration: EngineConfiguration = .init()
  ) throws(EngineError) -> Engine {
    let governance: Governance
    do {
      governance = try Governance.temporary(
        principals: principals, drillPrincipals: drillPrincipals)
    } catch {
      throw .governance(error.description)
    }
    return try Engine(governance: governance, configuration: configuration)
  }
}
