import Learning

/// The environments Rampart can train on.
public enum EnvironmentID: String, Codable, Sendable, CaseIterable, Hashable {
  case cartpole
  case frozenlake
  case frozenlake8x8
  case capacity

  /// A line for help texts and the console.
  public var summary: String {
    switch self {
    case .cartpole: "CartPole-v1 (Gymnasium dynamics), envelope |x|<2.0, |θ|<0.15 rad"
    case .frozenlake: "FrozenLake-v1 4x4, slippery"
    case .frozenlake8x8: "FrozenLake8x8-v1, slippery"
    case .capacity:
      "capacity allocation of \(CapacityEnvironment.Configuration().capacity) units over a demand "
        + "trace's services (3 in the synthetic one) against hourly demand"
    }
  }

  /// Gymnasium's registered solved threshold, where there is one.
  public var solvedThreshold: Double? {
    switch self {
    case .cartpole: 475
    case .frozenlake: 0.70
    case .frozenlake8x8: 0.85
    case .capacity: nil
    }
  }

  /// Episodes in the evaluation that checks the solved threshold during training.
  var targetEpisodes: Int {
    switch self {
    case .cartpole: 10
    case .frozenlake, .frozenlake8x8: 1000
    case .capacity: 0
    }
  }

  public var defaultEvaluationEpisodes: Int {
    switch self {
    case .cartpole: 100
    case .frozenlake, .frozenlake8x8: 1000
    case .capacity: 20
    }
  }

  public var isDiscrete: Bool { self == .frozenlake || self == .frozenlake8x8 }
  public var hasGoal: Bool { isDiscrete }
}

/// The learning algorithms.
public enum AlgorithmID: String, Codable, Sendable, CaseIterable, Hashable {
  case ppo
  case qlearning = "q-learning"
}

/// The runtime-assurance monitor's settings for a job.
public struct MonitorSettings: Codable, Sendable, Hashable {
  public var mode: MonitorMode
  /// CartPole envelope: |x| below this.
  public var cartPositionLimit = 2.0
  /// CartPole envelope: |θ| below this (radians).
  public var poleAngleLimit = 0.15
  /// FrozenLake shield: look-ahead horizon in steps.
  public var holeRiskHorizon = 3
  /// FrozenLake shield: risk above which an action is vetoed when a safer one exists.
  public var holeRiskThreshold = 0.1

  public init(mode: MonitorMode) { self.mode = mode }
}

/// Everything needed to run a training job. The submitting principal becomes its owner.
public struct JobSpec: Codable, Sendable, Hashable {
  public var name: String
  public var environment: EnvironmentID
  public var algorithm: AlgorithmID
  public var seed: UInt64
  /// Environment steps to train (rounded up to whole updates).
  public var steps: Int
  public var monitor: MonitorSettings
  /// PPO hyper-parameters (nil: the defaults for the environment).
  public var ppo: PPOConfiguration?
  /// Q-learning hyper-parameters (nil: the defaults).
  public var qLearning: QLearningConfiguration?
  /// Episodes in the final deterministic evaluation (nil: the environment's default).
  public var evaluationEpisodes: Int?
  /// The capacity environment's demand trace (nil: the built-in synthetic trace).
  public var demandTrace: DemandTrace?
  /// The registry model the trained policy joins as a candidate (nil: the job's name).
  public var model: String?
  /// A processed dataset version the job reads (the capacity environment's demand trace). The
  /// engine resolves it at submission: version, content hash and classification are filled in.
  public var dataset: DatasetReference?

  public init(
    name: String? = nil, environment: EnvironmentID, algorithm: AlgorithmID, seed: UInt64 = 0,
    steps: Int, monitor: MonitorMode = .enforce
  ) {
    self.name = name ?? "\(environment.rawValue)-\(algorithm.rawValue)-s\(seed)"
    self.environment = environment
    self.algorithm = algorithm
    self.seed = seed
    self.steps = steps
    self.monitor = MonitorSettings(mode: monitor)
  }

  /// The PPO settings in force: the spec's, or the environment's defaults.
  public var effectivePPO: PPOConfiguration { ppo ?? Self.defaultPPO(for: environment) }
  public var effectiveQLearning: QLearningConfiguration { qLearning ?? QLearningConfiguration() }
  public var effectiveEvaluationEpisodes: Int {
    evaluationEpisodes ?? environment.defaultEvaluationEpisodes
  }

  /// Defaults per environment (CartPole's are the benchmark's tuned set).
  public static func defaultPPO(for environment: EnvironmentID) -> PPOConfiguration {
    var c = PPOConfiguration()
    switch environment {
    case .cartpole:
      break
    case .frozenlake, .frozenlake8x8:
      c.gamma = 0.99
      c.gaeLambda = 0.95
      c.entropyCoefficient = 0.01
      c.stepsPerEnvironment = 128
      c.minibatchSize = 256
      c.epochs = 4
      c.learningRate = 3e-4
    case .capacity:
      c.gamma = 0.95
      c.gaeLambda = 0.9
      c.entropyCoefficient = 0.005
      c.stepsPerEnvironment = 168
      c.minibatchSize = 336
      c.epochs = 5
      c.learningRate = 3e-4
    }
    return c
  }

  /// The first problem with this spec, or nil. Limits keep one job from exhausting the host.
  public var problem: String? {
    if name.isEmpty || name.count > 80 { return "name must be 1–80 characters" }
    if steps < 1 { return "steps must be positive (got \(steps))" }
    if steps > 1_000_000_000 { return "steps must be at most 1,000,000,000 (got \(steps))" }
    if algorithm == .qlearning && !environment.isDiscrete {
      return
        "q-learning needs a discrete-state environment (frozenlake, frozenlake8x8), not \(environment.rawValue)"
    }
    if let e = evaluationEpisodes, !(1...100_000).contains(e) {
      return "evaluation episodes must be between 1 and 100000"
    }
    if !(monitor.cartPositionLimit > 0 && monitor.cartPositionLimit <= CartPole.xThreshold) {
      return "cart position limit must be in (0, \(CartPole.xThreshold)]"
    }
    if !(monitor.poleAngleLimit > 0 && monitor.poleAngleLimit <= CartPole.thetaThreshold) {
      return "pole angle limit must be in (0, \(CartPole.thetaThreshold)] rad"
    }
    if !(1...50).contains(monitor.holeRiskHorizon) { return "hole-risk horizon must be 1–50 steps" }
    if !(0...1).contains(monitor.holeRiskThreshold) {
      return "hole-risk threshold must be in [0, 1]"
    }
    if algorithm == .ppo, let p = effectivePPO.problem { return "ppo: \(p)" }
    if algorithm == .qlearning, let p = effectiveQLearning.problem { return "q-learning: \(p)" }
    if let trace = demandTrace {
      if environment != .capacity {
        return "a demand trace only applies to the capacity environment"
      }
      if !(1...8).contains(trace.services.count) || trace.hours < 24 {
        return "the demand trace needs 1–8 services and at least 24 hours"
      }
    }
    return nil
  }
}

/// A job's lifecycle.
public enum JobStatus: String, Codable, Sendable, CaseIterable, Hashable {
  case queued, running, paused, completed, failed, stopped

  /// No further transitions.
  public var isFinal: Bool { self == .completed || self == .failed || self == .stopped }
}

/// A processed dataset version a job trains on; it goes into the model's provenance.
public struct DatasetReference: Codable, Sendable, Hashable {
  public var name: String
  /// nil: the newest processed version (fixed at submission).
  public var version: Int?
  public var sha256: String?
  public var classification: String?

  public init(name: String, version: Int? = nil) {
    self.name = name
    self.version = version
  }

  public var label: String { version.map { "\(name)@v\($0)" } ?? name }
}
