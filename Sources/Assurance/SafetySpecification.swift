import Learning

/// A safety specification for one environment: a predicate over (state, action) that names the
/// rule an action would break, a fallback controller, and the test of whether a state violates
/// the constraint. Implementations may keep per-episode state (e.g. a certificate).
public protocol SafetySpecification {
  associatedtype Env: Environment
  /// Rule ids this specification can report, for documentation and policy.
  static var ruleIDs: [String] { get }
  /// The rule `action` would break in `env`'s current state, or nil if it is safe.
  mutating func violatedRule(_ action: Int, in env: Env) -> String?
  /// The fallback controller's action in `env`'s current state.
  func fallbackAction(in env: Env) -> Int
  /// Whether `env`'s current state violates the constraint.
  func isViolated(_ env: Env) -> Bool
  /// Whether every step spent in violation counts (true), or only entering it (false).
  static var countsEveryViolatingStep: Bool { get }
  /// Called once the monitor's decision is final, with the action that will execute.
  mutating func commit(_ executed: Int, proposedWasSafe: Bool, in env: Env)
  /// A new episode began.
  mutating func reset(for env: Env)
}

extension SafetySpecification {
  public mutating func commit(_ executed: Int, proposedWasSafe: Bool, in env: Env) {}
  public mutating func reset(for env: Env) {}
}

/// The runtime-assurance monitor (Simplex): passes safe actions, vetoes unsafe ones and
/// substitutes the fallback (`enforce`), or only records what it would have vetoed (`observe`).
/// In every mode it counts the safety violations the environment actually reached.
public struct Monitor<Spec: SafetySpecification>: ActionGate {
  public let mode: MonitorMode
  public private(set) var specification: Spec
  private var wasViolated = false

  public init(mode: MonitorMode, specification: Spec) {
    self.mode = mode
    self.specification = specification
  }

  @inline(__always)
  public mutating func decide(_ proposed: Int, in env: Spec.Env) -> GateDecision {
    guard mode != .off else { return GateDecision(executed: proposed) }
    guard let rule = specification.violatedRule(proposed, in: env) else {
      specification.commit(proposed, proposedWasSafe: true, in: env)
      return GateDecision(executed: proposed)
    }
    let executed = mode == .enforce ? specification.fallbackAction(in: env) : proposed
    specification.commit(executed, proposedWasSafe: false, in: env)
    return GateDecision(executed: executed, flagged: true, rule: rule)
  }

  @inline(__always)
  public mutating func observe(_ env: Spec.Env) -> Bool {
    let violated = specification.isViolated(env)
    defer { wasViolated = violated }
    return violated && (Spec.countsEveryViolatingStep || !wasViolated)
  }

  public mutating func reset(for env: Spec.Env) {
    wasViolated = specification.isViolated(env)
    specification.reset(for: env)
  }
}
