import Foundation

extension EngineEvent {
  /// One line for transcripts and the console's event feed.
  public var summary: String {
    switch kind {
    case .jobSubmitted(let job, let name, let spec):
      "\(principal) submitted \(name) (\(spec.environment.rawValue) \(spec.algorithm.rawValue), \(spec.steps) steps, monitor \(spec.monitor.mode.rawValue)) as job \(job.short)"
    case .jobStatusChanged(let job, let from, let to, let reason):
      "job \(job.short) \(from.rawValue) → \(to.rawValue)\(reason.map { " (\($0))" } ?? "")"
    case .progress(let p):
      "job \(p.job.short) step \(p.step)/\(p.budget) return \(p.meanReturn.map { String(format: "%.2f", $0) } ?? "n/a")"
    case .veto(let job, let env, let v):
      "job \(job.short) \(v.enforced ? "veto" : "would veto") at step \(v.step): proposed \(env.actionName(v.proposed))"
        + (v.enforced ? ", executed \(env.actionName(v.substituted))" : "") + " (\(v.rule))"
    case .targetReached(let job, let t):
      "job \(job.short) reached its target at step \(t.steps) after \(String(format: "%.2f", t.seconds)) s"
    case .evaluated(let job, let r):
      "job \(job.short) evaluated over \(r.episodes) episodes: mean return \(String(format: "%.2f", r.meanReturn))"
        + (r.successRate.map { String(format: ", success %.3f", $0) } ?? "")
        + ", \(r.safetyViolations) safety violations"
    case .alert(let a):
      "ALERT \(a.severity.rawValue) \(a.detector)"
        + (a.job.map { " on job \(JobID($0)?.short ?? $0)" } ?? a.principal.map { " on \($0)" }
          ?? "")
        + ": \(a.summary) (incident \(a.incident.map(String.init) ?? "-"))"
    }
  }
}
