/// How a runtime-assurance monitor treats the agent's actions.
public enum MonitorMode: String, Sendable, Hashable, Codable, CaseIterable {
  /// Veto unsafe actions and execute the fallback instead.
  case enforce
  /// Check every action and count the would-be vetoes, but execute what the agent chose.
  case observe
  /// No checks; safety violations are still counted.
  case off
}

/// What a gate decided about one proposed action.
public struct GateDecision: Sendable, Hashable {
  /// The action the environment executes (and the learner stores).
  public var executed: Int
  /// The proposed action failed the safety check (vetoed in `enforce`, recorded in `observe`).
  public var flagged: Bool
  /// The rule that flagged it.
  public var rule: String

  @inlinable
  public init(executed: Int, flagged: Bool = false, rule: String = "") {
    self.executed = executed
    self.flagged = flagged
    self.rule = rule
  }

  /// The action was replaced by the fallback.
  @inlinable public func vetoed(proposed: Int) -> Bool { flagged && executed != proposed }
}

/// The agent→environment path: a runtime-assurance monitor, or nothing.
///
/// One gate per environment instance; it may keep per-episode state.
public protocol ActionGate {
  associatedtype Env: Environment
  var mode: MonitorMode { get }
  /// Decides what to execute for `proposed` in `env`'s current state.
  mutating func decide(_ proposed: Int, in env: Env) -> GateDecision
  /// Accounts for the state a step reached; returns whether that step violated the safety
  /// constraint (envelope left, hole entered, capacity broken), whatever the mode.
  mutating func observe(_ env: Env) -> Bool
  /// A new episode started in `env`.
  mutating func reset(for env: Env)
}

/// Counters of the monitor's work and of safety violations.
public struct SafetyCounters: Sendable, Hashable, Codable {
  /// Actions checked by the monitor.
  public var decisions = 0
  /// Proposed actions that failed the check.
  public var flagged = 0
  /// Actions replaced by the fallback (enforce mode).
  public var vetoes = 0
  /// Steps that violated the safety constraint.
  public var violations = 0

  public init() {}

  public static func + (a: SafetyCounters, b: SafetyCounters) -> SafetyCounters {
    var r = a
    r.decisions += b.decisions
    r.flagged += b.flagged
    r.vetoes += b.vetoes
    r.violations += b.violations
    return r
  }
}

/// One veto (or, in observe mode, one would-be veto) with the state it happened in.
public struct VetoRecord: Sendable, Hashable, Codable {
  public var step: Int
  public var environment: Int
  public var state: [Double]
  public var proposed: Int
  public var substituted: Int
  public var rule: String
  /// False in observe mode: the proposed action was executed anyway.
  public var enforced: Bool

  public init(
    step: Int, environment: Int, state: [Double], proposed: Int, substituted: Int, rule: String,
    enforced: Bool
  ) {
    self.step = step
    self.environment = environment
    self.state = state
    self.proposed = proposed
    self.substituted = substituted
    self.rule = rule
    self.enforced = enforced
  }
}

/// Collects safety counters and a bounded sample of veto records during a chunk.
struct SafetyLedger {
  var counters = SafetyCounters()
  var samples: [VetoRecord] = []
  let sampleLimit: Int

  init(sampleLimit: Int = 64) { self.sampleLimit = sampleLimit }

  @inline(__always)
  mutating func record<Env: Environment>(
    _ decision: GateDecision, proposed: Int, mode: MonitorMode, env: Env, step: Int,
    environment: Int
  ) {
    guard mode != .off else { return }
    counters.decisions += 1
    guard decision.flagged else { return }
    counters.flagged += 1
    let enforced = decision.executed != proposed
    if enforced { counters.vetoes += 1 }
    if samples.count < sampleLimit {
      samples.append(
        VetoRecord(
          step: step, environment: environment, state: env.stateVector, proposed: proposed,
          substituted: decision.executed, rule: decision.rule, enforced: enforced))
    }
  }

  mutating func take() -> (SafetyCounters, [VetoRecord]) {
    defer {
      counters = SafetyCounters()
      samples.removeAll(keepingCapacity: true)
    }
    return (counters, samples)
  }
}

/// A gate that passes every action and only counts nothing (no safety specification).
public struct OpenGate<Env: Environment>: ActionGate {
  public init() {}
  public var mode: MonitorMode { .off }
  public func decide(_ proposed: Int, in env: Env) -> GateDecision {
    GateDecision(executed: proposed)
  }
  public func observe(_ env: Env) -> Bool { false }
  public func reset(for env: Env) {}
}
