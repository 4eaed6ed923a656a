/// Why the Engine refused or failed a command. Messages name what was wrong and how to fix it.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A job specification the engine cannot run.
  case invalidSpec(String)
  /// Any other request that cannot be carried out as asked (a missing reason, an unknown
  /// request, a bound exceeded); the message says what was wrong.
  case invalidRequest(String)
  case unknownJob(String)
  case invalidTransition(job: JobID, from: JobStatus, action: String)
  case trainingFailed(job: JobID, reason: String)
  case unavailable(String)
  /// Authorisation, policy or a quota refused it; the message names the permission or rule.
  case denied(String)
  /// The workspace, the audit log or the registry failed.
  case governance(String)

  public var description: String {
    switch self {
    case .invalidSpec(let why): "invalid job spec: \(why)"
    case .invalidRequest(let why): why
    case .unknownJob(let id): "no job with id \(id) (list jobs to see the ids)"
    case .invalidTransition(let job, let from, let action):
      "cannot \(action) job \(job.short): it is \(from.rawValue)"
    case .trainingFailed(let job, let reason): "job \(job.short) failed: \(reason)"
    case .unavailable(let why): why
    case .denied(let why): why
    case .governance(let why): why
    }
  }
}
