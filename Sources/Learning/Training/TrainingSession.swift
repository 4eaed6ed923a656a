/// One finished training episode, as measured on the environment side.
public struct EpisodeSummary: Sendable, Hashable, Codable {
  /// Sum of the environment's rewards (what the environment paid, before the channel).
  public var totalReward: Double
  public var length: Int
  public var reachedGoal: Bool?
  public var violations: Int
  /// The job step at which the episode ended.
  public var endStep: Int
}

/// Figures of one policy update.
public struct UpdateSummary: Sendable, Hashable, Codable {
  public var step: Int
  public var policyLoss: Double
  public var valueLoss: Double
  public var entropy: Double
  public var approximateKL: Double
  public var clipFraction: Double
  public var learningRate: Double

  public init(
    step: Int, policyLoss: Double, valueLoss: Double, entropy: Double, approximateKL: Double,
    clipFraction: Double, learningRate: Double
  ) {
    self.step = step
    self.policyLoss = policyLoss
    self.valueLoss = valueLoss
    self.entropy = entropy
    self.approximateKL = approximateKL
    self.clipFraction = clipFraction
    self.learningRate = learningRate
  }
}

/// A solved threshold: the mean return of a deterministic evaluation over `episodes` episodes.
public struct TrainingTarget: Sendable, Hashable, Codable {
  public var threshold: Double
  public var episodes: Int
  public init(threshold: Double, episodes: Int) {
    self.threshold = threshold
    self.episodes = episodes
  }
}

/// When a run first met its target.
public struct TargetResult: Sendable, Hashable, Codable {
  public var steps: Int
  /// Training wall time up to that point, evaluation time excluded.
  public var seconds: Double
  public var evaluationMeanReturn: Double
}

/// What one chunk of training did.
public struct ChunkReport: Sendable {
  public var steps = 0
  public var episodes: [EpisodeSummary] = []
  public var updates: [UpdateSummary] = []
  public var safety = SafetyCounters()
  public var vetoSamples: [VetoRecord] = []
  /// Wall time spent training in this chunk (evaluations for the target excluded).
  public var trainingSeconds = 0.0
  /// Set in the chunk where the target was first reached.
  public var targetReached: TargetResult?
  /// How surprising the executed actions were to the policy that chose them.
  public var actionLikelihood = ActionLikelihood()
  public init() {}

  /// Appends a later report of the same run.
  public mutating func merge(_ later: ChunkReport) {
    steps += later.steps
    episodes += later.episodes
    updates += later.updates
    safety = safety + later.safety
    vetoSamples += later.vetoSamples.prefix(max(0, 64 - vetoSamples.count))
    trainingSeconds += later.trainingSeconds
    targetReached = targetReached ?? later.targetReached
    actionLikelihood.merge(later.actionLikelihood)
  }
}

/// Over the steps whose action the monitor did not replace: the executed action's surprise under
/// the policy that sampled it (−log π(a|s)) against the policy's entropy at that state. An honest
/// sample has E[−log π(a|s)] = H(π(·|s)), so the mean gap is 0; actions replaced on their way
/// (tampering) are ones the policy found unlikely, and the gap grows.
public struct ActionLikelihood: Sendable, Hashable {
  public var count = 0
  /// Σ (−log π(a|s) − H(π(·|s))) and Σ of its square.
  public var gap = 0.0
  public var gapSquares = 0.0

  public init() {}

  public mutating func add(surprise: Double, entropy: Double) {
    let g = surprise - entropy
    count += 1
    gap += g
    gapSquares += g * g
  }

  public mutating func merge(_ other: ActionLikelihood) {
    count += other.count
    gap += other.gap
    gapSquares += other.gapSquares
  }
}

/// The result of a deterministic evaluation on fixed held-out seeds.
public struct EvaluationReport: Sendable, Hashable, Codable {
  public var episodes: Int
  public var meanReturn: Double
  public var standardDeviation: Double
  public var minimumReturn: Double
  public var maximumReturn: Double
  public var meanLength: Double
  /// Fraction of episodes that reached the goal, for environments that have one.
  public var successRate: Double?
  public var safetyViolations: Int
  public var vetoes: Int
  public var flagged: Int
  public var monitor: MonitorMode

  init(
    returns: [Double], lengths: [Int], goals: [Bool?], safety: SafetyCounters,
    monitor: MonitorMode
  ) {
    episodes = returns.count
    let n = Double(max(returns.count, 1))
    meanReturn = returns.reduce(0, +) / n
    let mean = meanReturn
    standardDeviation = (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    minimumReturn = returns.min() ?? 0
    maximumReturn = returns.max() ?? 0
    meanLength = Double(lengths.reduce(0, +)) / n
    let known = goals.compactMap { $0 }
    successRate = known.isEmpty ? nil : Double(known.filter { $0 }.count) / n
    safetyViolations = safety.violations
    vetoes = safety.vetoes
    flagged = safety.flagged
    self.monitor = monitor
  }
}

/// A named tensor of a policy, ready for safetensors.
public struct PolicyTensor: Sendable, Hashable {
  public var name: String
  public var shape: [Int]
  public var values: [Float]
  public init(name: String, shape: [Int], values: [Float]) {
    self.name = name
    self.shape = shape
    self.values = values
  }
}

/// A training run in progress: an algorithm, its environments and its monitor.
///
/// Confined to one thread at a time (its job's serial queue).
public protocol TrainingSession: AnyObject {
  var stepsDone: Int { get }
  var stepBudget: Int { get }
  var target: TrainingTarget? { get }
  /// The first time the target was met, if it was.
  var targetResult: TargetResult? { get }
  var interception: InterceptionPoints { get }
  /// Trains at least `steps` more environment steps (whole updates), or up to the budget.
  func train(steps: Int) -> ChunkReport
  /// Deterministic (greedy) evaluation on fixed held-out seeds with the monitor in `mode`.
  func evaluate(episodes: Int, mode: MonitorMode) -> EvaluationReport
  /// The policy's tensors and metadata for safetensors.
  func policyTensors() -> (tensors: [PolicyTensor], metadata: [String: String])
  /// Replaces the policy with tensors `policyTensors` wrote (for re-evaluating a saved model).
  func loadPolicy(_ tensors: [PolicyTensor]) throws(SafetensorsError)
  /// The state of the first environment, for a live view.
  var liveState: [Double] { get }
  /// Dynamics tampering inside the training environments (not the evaluation ones): see
  /// `Environment.tamperDynamics`. False when the environment has no constant to change.
  func tamperDynamics(factor: Double) -> Bool
  /// White-box access to the live policy network, for the gradient attack drill (nil: the
  /// policy is a table, with nothing to differentiate).
  var policyProbe: (any PolicyProbe)? { get }
  /// The greedy evaluation with every observation first passed through `attack` (an evasion
  /// attack on the trained policy: what a sensor attack does at inference). nil when the session
  /// cannot run one.
  func evaluate(episodes: Int, mode: MonitorMode, attack: any TransitionInterceptor)
    -> EvaluationReport?
  /// The greedy evaluation with every chosen action first passed through `attack`.
  func evaluate(episodes: Int, mode: MonitorMode, actionAttack: any ActionInterceptor)
    -> EvaluationReport?
}

/// The gradient of the policy's loss on its own preferred action with respect to an observation:
/// what an FGSM-style attacker computes against the job's network.
public protocol PolicyProbe: AnyObject {
  /// Writes ∂(−log π(a*|o))/∂o to `gradient`, where a* is the action the policy prefers at `o`.
  func lossGradient(
    of observation: UnsafePointer<Float>, into gradient: UnsafeMutablePointer<Float>)
}

extension TrainingSession {
  public var isComplete: Bool { stepsDone >= stepBudget }
  public func tamperDynamics(factor: Double) -> Bool { false }
  public var policyProbe: (any PolicyProbe)? { nil }
  public func evaluate(episodes: Int, mode: MonitorMode, attack: any TransitionInterceptor)
    -> EvaluationReport?
  { nil }
  public func evaluate(episodes: Int, mode: MonitorMode, actionAttack: any ActionInterceptor)
    -> EvaluationReport?
  { nil }
}

/// Seeds of the held-out evaluation episodes: the same for every job, disjoint from training.
public enum EvaluationSeeds {
  public static let base: UInt64 = 0x5EED_E7A1_0000_0000

  public static func seed(episode: Int) -> UInt64 { base &+ UInt64(episode) }
}

/// Monotonic stopwatch.
struct Stopwatch {
  private var start = ContinuousClock.now
  init() {}
  var seconds: Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
