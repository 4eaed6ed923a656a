/// Hyper-parameters of PPO. The defaults are the ones Rampart's CartPole benchmark was tuned
/// with (see README); every field can be overridden per job.
public struct PPOConfiguration: Sendable, Hashable, Codable {
  /// Vectorised environments stepped in lockstep.
  public var environments = 8
  /// Steps per environment in one rollout.
  public var stepsPerEnvironment = 32
  public var minibatchSize = 256
  public var epochs = 20
  public var learningRate = 1e-3
  /// Decay the learning rate linearly to zero over the step budget.
  public var annealLearningRate = true
  public var gamma = 0.98
  public var gaeLambda = 0.8
  public var clipRange = 0.2
  /// Decay the clip range linearly to zero over the step budget.
  public var annealClipRange = true
  public var entropyCoefficient = 0.0
  /// Weight of the veto loss −log(1 − π(vetoed proposal | s)) on steps where the monitor
  /// replaced the agent's action. The learner stores the executed action; without this term a
  /// shield that guarantees survival leaves the agent nothing to learn from (CartPole's reward is
  /// survival), so it would never learn to be safe on its own.
  public var vetoCoefficient = 10.0
  public var valueCoefficient = 0.5
  public var maxGradientNorm = 0.5
  public var hiddenSizes = [64, 64]
  public var adamEpsilon = 1e-5
  public var normalizeAdvantage = true

  public init() {}

  /// Environment steps per rollout (and per update).
  public var rolloutSize: Int { environments * stepsPerEnvironment }

  /// The first problem with these values, in words, or nil.
  public var problem: String? {
    if environments < 1 { return "environments must be at least 1" }
    if stepsPerEnvironment < 1 { return "steps per environment must be at least 1" }
    if minibatchSize < 1 || minibatchSize > rolloutSize {
      return "minibatch size must be between 1 and the rollout size (\(rolloutSize))"
    }
    if epochs < 1 { return "epochs must be at least 1" }
    if !(learningRate > 0 && learningRate.isFinite) { return "learning rate must be positive" }
    if !(0...1).contains(gamma) || !(0...1).contains(gaeLambda) {
      return "gamma and GAE lambda must be in [0, 1]"
    }
    if !(clipRange > 0) { return "clip range must be positive" }
    if vetoCoefficient < 0 || entropyCoefficient < 0 || valueCoefficient < 0
      || !(maxGradientNorm > 0)
    {
      return "coefficients must be non-negative and the gradient norm positive"
    }
    if hiddenSizes.isEmpty || hiddenSizes.contains(where: { $0 < 1 || $0 > 4096 }) {
      return "hidden sizes must be between 1 and 4096"
    }
    return nil
  }
}
