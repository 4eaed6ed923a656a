import Learning

/// A hyper-parameter override that could not be applied.
public struct OverrideError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}

extension JobSpec {
  /// Names accepted by `override(_:with:)` for PPO.
  public static let ppoParameterNames = [
    "envs", "n-steps", "batch", "epochs", "lr", "anneal-lr", "gamma", "gae-lambda", "clip",
    "anneal-clip", "ent-coef", "veto-coef", "vf-coef", "max-grad", "hidden", "adam-eps", "norm-adv",
  ]
  /// Names accepted by `override(_:with:)` for Q-learning.
  public static let qLearningParameterNames = [
    "alpha", "alpha-final", "gamma", "eps-start", "eps-final", "explore-frac", "check-every",
  ]

  /// Sets one hyper-parameter by its short name (as `--hp` and scenario files spell it).
  public mutating func override(_ key: String, with text: String) throws(OverrideError) {
    var ppo = effectivePPO
    var q = effectiveQLearning
    func number() throws(OverrideError) -> Double {
      guard let v = Double(text), v.isFinite else {
        throw OverrideError("\(key): \"\(text)\" is not a number")
      }
      return v
    }
    func integer() throws(OverrideError) -> Int {
      guard let v = Int(text) else { throw OverrideError("\(key): \"\(text)\" is not an integer") }
      return v
    }
    func flag() throws(OverrideError) -> Bool {
      switch text.lowercased() {
      case "true", "1", "yes", "on": return true
      case "false", "0", "no", "off": return false
      default: throw OverrideError("\(key): \"\(text)\" is not true or false")
      }
    }
    switch (algorithm, key) {
    case (.ppo, "envs"): ppo.environments = try integer()
    case (.ppo, "n-steps"): ppo.stepsPerEnvironment = try integer()
    case (.ppo, "batch"): ppo.minibatchSize = try integer()
    case (.ppo, "epochs"): ppo.epochs = try integer()
    case (.ppo, "lr"): ppo.learningRate = try number()
    case (.ppo, "anneal-lr"): ppo.annealLearningRate = try flag()
    case (.ppo, "gamma"): ppo.gamma = try number()
    case (.ppo, "gae-lambda"): ppo.gaeLambda = try number()
    case (.ppo, "clip"): ppo.clipRange = try number()
    case (.ppo, "anneal-clip"): ppo.annealClipRange = try flag()
    case (.ppo, "ent-coef"): ppo.entropyCoefficient = try number()
    case (.ppo, "veto-coef"): ppo.vetoCoefficient = try number()
    case (.ppo, "vf-coef"): ppo.valueCoefficient = try number()
    case (.ppo, "max-grad"): ppo.maxGradientNorm = try number()
    case (.ppo, "adam-eps"): ppo.adamEpsilon = try number()
    case (.ppo, "norm-adv"): ppo.normalizeAdvantage = try flag()
    case (.ppo, "hidden"):
      let parts = text.split(separator: "x")
      let sizes = parts.compactMap { Int($0) }
      guard !sizes.isEmpty, sizes.count == parts.count else {
        throw OverrideError("hidden: expected sizes like 64x64, got \"\(text)\"")
      }
      ppo.hiddenSizes = sizes
    case (.qlearning, "alpha"): q.learningRate = try number()
    case (.qlearning, "alpha-final"): q.finalLearningRate = try number()
    case (.qlearning, "gamma"): q.gamma = try number()
    case (.qlearning, "eps-start"): q.initialEpsilon = try number()
    case (.qlearning, "eps-final"): q.finalEpsilon = try number()
    case (.qlearning, "explore-frac"): q.explorationFraction = try number()
    case (.qlearning, "check-every"): q.targetCheckInterval = try integer()
    default:
      let known = algorithm == .ppo ? Self.ppoParameterNames : Self.qLearningParameterNames
      throw OverrideError(
        "unknown hyper-parameter \"\(key)\" for \(algorithm.rawValue) (known: \(known.joined(separator: ", ")))"
      )
    }
    if algorithm == .ppo { self.ppo = ppo } else { qLearning = q }
  }
}
