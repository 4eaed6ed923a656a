import Learning

/// The adversary's moves, acting where a real attacker would: on the environment→learner channel
/// (after the environment side logged its transitions for the integrity check), at the sensor
/// (before), or on the actions.
/// Detectors are never told a drill runs; they see only what the attack does.
public enum DrillKind: String, Sendable, Codable, CaseIterable {
  /// Reward poisoning on the channel: the sign of the reward flipped.
  case rewardFlip = "reward-flip"
  /// Reward poisoning on the channel: the reward scaled by `strength` (default 100). Calibrated
  /// on PPO: the critic's targets grow a hundredfold, its gradients dominate the joint gradient
  /// clip and starve the policy's, so learning stalls (the final return fell 40% over 40 seeds,
  /// `rampart bench detection`). Scaling down (0.1) helped PPO instead (advantages are
  /// normalised), and no positive factor can hurt a table learner's greedy policy.
  case rewardScale = "reward-scale"
  /// Targeted reward poisoning: rewards of steps pushing the first observation feature positive
  /// (e.g. the cart moving right) are inverted.
  case rewardTargeted = "reward-targeted"
  /// Gaussian noise on the observations at the sensor (before the integrity check's log).
  case observationNoise = "observation-noise"
  /// A gradient attack at the sensor (FGSM): each observation moved by `strength` (default 0.2,
  /// calibrated to cut trained CartPole policies' return by more than 30%)
  /// times the sign of the job's own policy network's loss gradient, away from the action the
  /// policy prefers.
  case observationFGSM = "observation-fgsm"
  /// Actions replaced on their way to the monitor.
  case actionTamper = "action-tamper"
  /// Dynamics tampering inside the environment: CartPole's motor force multiplied by `strength`
  /// (default −0.5: wired backwards at half strength, so the agent learns the wrong way round) in
  /// the training environments, from `start`. Before any tag: only the model residual sees it.
  case dynamicsTamper = "dynamics-tamper"

  /// Where the attack sits relative to the integrity check.
  public var position: DrillPosition {
    switch self {
    case .rewardFlip, .rewardScale, .rewardTargeted: .channel
    case .observationNoise, .observationFGSM: .sensor
    case .actionTamper: .actions
    case .dynamicsTamper: .environment
    }
  }

  public var defaultStrength: Double {
    switch self {
    case .rewardFlip, .rewardTargeted, .actionTamper: 1
    case .rewardScale: 100
    case .observationNoise: 3.0
    case .observationFGSM: 0.2
    case .dynamicsTamper: -0.5
    }
  }
}

public enum DrillPosition: String, Sendable { case channel, sensor, actions, environment }

/// A running drill's parameters.
public struct DrillPlan: Sendable, Hashable, Codable {
  public var kind: DrillKind
  /// Share of transitions (or actions) attacked, 0...1.
  public var rate: Double
  /// The first environment step attacked.
  public var start: Int
  /// Kind-specific: the reward factor, the noise's deviation in units of the feature's scale.
  public var strength: Double
  public var seed: UInt64

  public init(
    kind: DrillKind, rate: Double = 1, start: Int = 0, strength: Double? = nil, seed: UInt64 = 7
  ) {
    self.kind = kind
    self.rate = rate
    self.start = start
    self.strength = strength ?? kind.defaultStrength
    self.seed = seed
  }
}

/// A drill on transitions (channel or sensor).
public final class TransitionDrill: TransitionInterceptor {
  public let plan: DrillPlan
  private var rng: Xoshiro256
  public private(set) var attacked = 0
  public private(set) var firstAttackedStep: Int?

  /// The job's policy network, for the gradient attack.
  private let probe: (any PolicyProbe)?
  private var gradient: [Float] = []

  public init(_ plan: DrillPlan, probe: (any PolicyProbe)? = nil) {
    self.plan = plan
    self.probe = probe
    rng = Xoshiro256(seed: plan.seed, stream: 0xd411)
  }

  public func intercept(_ t: inout Transition) {
    guard t.kind == .step, t.step >= plan.start else { return }
    guard plan.rate >= 1 || rng.nextDouble() < plan.rate else { return }
    switch plan.kind {
    case .rewardFlip: t.reward = -t.reward
    case .rewardScale: t.reward *= plan.strength
    case .rewardTargeted:
      guard t.observation.count > 0, t.observation[0] > 0 else { return }
      t.reward = -t.reward
    case .observationNoise:
      for i in 0..<t.observation.count {
        let scale = max(abs(Double(t.observation[i])), 0.5)
        t.observation[i] += Float(rng.nextGaussian() * plan.strength * scale)
      }
    case .observationFGSM:
      guard let probe else { return }
      let d = t.observation.count
      if gradient.count < d { gradient = Array(repeating: 0, count: d) }
      guard let base = t.observation.baseAddress else { return }
      gradient.withUnsafeMutableBufferPointer { g in
        guard let gb = g.baseAddress else { return }
        probe.lossGradient(of: UnsafePointer(base), into: gb)
      }
      for i in 0..<d where gradient[i] != 0 {
        t.observation[i] += Float(plan.strength) * (gradient[i] > 0 ? 1 : -1)
      }
    case .actionTamper, .dynamicsTamper: return
    }
    attacked += 1
    if firstAttackedStep == nil { firstAttackedStep = t.step }
  }
}

/// A drill on actions: a proposed action replaced by another before the monitor sees it.
public final class ActionDrill: ActionInterceptor {
  public let plan: DrillPlan
  private let actionCount: Int
  private var rng: Xoshiro256
  public private(set) var attacked = 0
  public private(set) var firstAttackedStep: Int?

  public init(_ plan: DrillPlan, actionCount: Int) {
    self.plan = plan
    self.actionCount = max(actionCount, 1)
    rng = Xoshiro256(seed: plan.seed, stream: 0xac7)
  }

  public func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    guard step >= plan.start, actionCount > 1 else { return }
    guard plan.rate >= 1 || rng.nextDouble() < plan.rate else { return }
    action = (action + 1 + rng.nextInt(below: actionCount - 1)) % actionCount
    attacked += 1
    if firstAttackedStep == nil { firstAttackedStep = step }
  }
}
