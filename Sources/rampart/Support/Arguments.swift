import ArgumentParser
import Engine
import Foundation
import Learning

extension EnvironmentID: ExpressibleByArgument {}
extension AlgorithmID: ExpressibleByArgument {}
extension MonitorMode: ExpressibleByArgument {}

/// A user error the CLI reports in one line with exit code 2.
struct UsageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Applies `--hp NAME=VALUE` overrides to a spec's hyper-parameters.
enum HyperParameterOverrides {
  static let ppoKeys = [
    "envs", "n-steps", "batch", "epochs", "lr", "anneal-lr", "gamma", "gae-lambda", "clip",
    "anneal-clip", "ent-coef", "veto-coef", "vf-coef", "max-grad", "hidden", "adam-eps", "norm-adv",
  ]
  static let qKeys = [
    "alpha", "alpha-final", "gamma", "eps-start", "eps-final", "explore-frac", "check-every",
  ]

  static func apply(_ pairs: [String], to spec: inout JobSpec) throws {
    guard !pairs.isEmpty else { return }
    var ppo = spec.effectivePPO
    var q = spec.effectiveQLearning
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw UsageError("--hp expects NAME=VALUE, got \"\(pair)\"") }
      let (key, text) = (parts[0], parts[1])
      func number() throws -> Double {
        guard let v = Double(text), v.isFinite else {
          throw UsageError("--hp \(key): \"\(text)\" is not a number")
        }
        return v
      }
      func integer() throws -> Int {
        guard let v = Int(text) else {
          throw UsageError("--hp \(key): \"\(text)\" is not an integer")
        }
        return v
      }
      func flag() throws -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw UsageError("--hp \(key): \"\(text)\" is not true or false")
        }
      }
      switch (spec.algorithm, key) {
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
        let sizes = text.split(separator: "x").compactMap { Int($0) }
        guard !sizes.isEmpty, sizes.count == text.split(separator: "x").count else {
          throw UsageError("--hp hidden: expected sizes like 64x64, got \"\(text)\"")
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
        let known = spec.algorithm == .ppo ? ppoKeys : qKeys
        throw UsageError(
          "unknown hyper-parameter \"\(key)\" for \(spec.algorithm.rawValue) (known: \(known.joined(separator: ", ")))"
        )
      }
    }
    if spec.algorithm == .ppo { spec.ppo = ppo } else { spec.qLearning = q }
  }
}

/// Parses comma-separated numbers, naming the option and the bad element.
func parseList<T>(_ text: String, option: String, _ convert: (String) -> T?) throws -> [T] {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
    $0.trimmingCharacters(in: .whitespaces)
  }
  return try parts.enumerated().map { index, part in
    guard let value = convert(part) else {
      throw UsageError("\(option): element \(index + 1) (\"\(part)\") is not valid")
    }
    return value
  }
}
