/// What one environment step returned.
public struct StepOutcome: Sendable, Hashable {
  public var reward: Double
  public var terminated: Bool
  public var truncated: Bool

  @inlinable
  public init(reward: Double, terminated: Bool, truncated: Bool) {
    self.reward = reward
    self.terminated = terminated
    self.truncated = truncated
  }

  /// The episode is over, for either reason.
  @inlinable public var isDone: Bool { terminated || truncated }
}

/// A reinforcement-learning environment with a discrete action space.
///
/// Environments are value types: copying one copies its whole state, which is how the monitor
/// looks ahead and how the console draws a live view without touching the training copy.
public protocol Environment: Sendable {
  /// Features in one observation (as the agent sees it).
  var observationSize: Int { get }
  /// Number of discrete actions.
  var actionCount: Int { get }
  /// Steps taken in the current episode.
  var elapsedSteps: Int { get }
  /// Starts a new episode from a state drawn with `rng`.
  mutating func reset(using rng: inout Xoshiro256)
  /// Applies `action` and advances one step.
  mutating func step(_ action: Int) -> StepOutcome
  /// Writes the current observation to `buffer[0..<observationSize]`.
  func writeObservation(to buffer: UnsafeMutablePointer<Float>)
  /// The full internal state as numbers, for events, logs and rendering.
  var stateVector: [Double] { get }
  /// Whether the last transition reached the environment's goal (nil: the environment has none).
  var reachedGoal: Bool? { get }
  /// Dynamics tampering (a drill acting inside the environment): scales the environment's
  /// actuator (CartPole: the motor's force) by `factor`. False when the environment has none.
  mutating func tamperDynamics(factor: Double) -> Bool
}

extension Environment {
  public mutating func tamperDynamics(factor: Double) -> Bool { false }
}

/// An environment whose states are numbered, for tabular agents.
public protocol DiscreteEnvironment: Environment {
  var stateCount: Int { get }
  var stateIndex: Int { get }
}
