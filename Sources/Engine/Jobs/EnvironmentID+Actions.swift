import Detection
import Learning

extension EnvironmentID {
  /// A person-readable name for an action of this environment.
  public func actionName(_ action: Int, services: [String] = ["web", "api", "batch"]) -> String {
    switch self {
    case .cartpole:
      return action == 0 ? "push left" : action == 1 ? "push right" : "action \(action)"
    case .frozenlake, .frozenlake8x8:
      return ["left", "down", "right", "up"].indices.contains(action)
        ? ["left", "down", "right", "up"][action] : "action \(action)"
    case .capacity:
      guard action > 0 else { return "hold" }
      let service = (action - 1) / 2
      let name = services.indices.contains(service) ? services[service] : "service \(service)"
      return (action % 2 == 1 ? "+1 " : "-1 ") + name
    }
  }
}

extension EnvironmentID {
  /// How many discrete actions the environment has (capacity: with the synthetic trace; a job's
  /// own count is `JobSpec.actionCount`).
  public var actionCount: Int {
    switch self {
    case .cartpole: 2
    case .frozenlake, .frozenlake8x8: 4
    case .capacity: CapacityEnvironment(trace: .synthetic()).actionCount
    }
  }
}

extension JobSpec {
  /// How many discrete actions this job's environment has: a capacity job's depend on its demand
  /// trace's services (two per service, and holding still).
  public var actionCount: Int {
    if environment == .capacity, let trace = demandTrace { return 1 + 2 * trace.services.count }
    return environment.actionCount
  }
}

extension EnvironmentID {
  /// Observation features the environment integrates exactly (checked by the observation
  /// detector between consecutive steps).
  public var kinematics: Kinematics? { self == .cartpole ? .cartPole : nil }
}
