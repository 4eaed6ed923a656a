import Foundation

/// Where a model version came from: enough to reproduce it and to judge it.
public struct Provenance: Codable, Sendable, Hashable {
  public var algorithm: String
  public var hyperParameters: [String: String]
  public var environment: String
  /// The environment's version (e.g. "CartPole-v1").
  public var environmentVersion: String
  public var datasetID: String?
  public var datasetSHA256: String?
  public var seed: UInt64
  public var rampartVersion: String
  /// The git commit the trainer was built from, or "unknown".
  public var gitCommit: String
  public var trainer: String
  public var job: String
  /// The job's spec as JSON, so the version can be rebuilt and re-evaluated.
  public var specJSON: String
  public var evaluation: EvaluationFigures
  public var monitor: MonitorFigures

  public init(
    algorithm: String, hyperParameters: [String: String], environment: String,
    environmentVersion: String,
    datasetID: String? = nil, datasetSHA256: String? = nil, seed: UInt64, rampartVersion: String,
    gitCommit: String, trainer: String, job: String, specJSON: String,
    evaluation: EvaluationFigures,
    monitor: MonitorFigures
  ) {
    self.algorithm = algorithm
    self.hyperParameters = hyperParameters
    self.environment = environment
    self.environmentVersion = environmentVersion
    self.datasetID = datasetID
    self.datasetSHA256 = datasetSHA256
    self.seed = seed
    self.rampartVersion = rampartVersion
    self.gitCommit = gitCommit
    self.trainer = trainer
    self.job = job
    self.specJSON = specJSON
    self.evaluation = evaluation
    self.monitor = monitor
  }
}

/// A deterministic evaluation's figures.
public struct EvaluationFigures: Codable, Sendable, Hashable {
  public var episodes: Int
  public var meanReturn: Double
  public var standardDeviation: Double
  public var successRate: Double?
  public var safetyViolations: Int
  public var vetoes: Int
  /// The monitor mode during the evaluation.
  public var monitor: String

  public init(
    episodes: Int, meanReturn: Double, standardDeviation: Double, successRate: Double?,
    safetyViolations: Int,
    vetoes: Int, monitor: String
  ) {
    self.episodes = episodes
    self.meanReturn = meanReturn
    self.standardDeviation = standardDeviation
    self.successRate = successRate
    self.safetyViolations = safetyViolations
    self.vetoes = vetoes
    self.monitor = monitor
  }
}

/// The runtime-assurance monitor's work during training.
public struct MonitorFigures: Codable, Sendable, Hashable {
  public var mode: String
  public var decisions: Int
  public var flagged: Int
  public var vetoes: Int
  public var violations: Int

  public init(mode: String, decisions: Int, flagged: Int, vetoes: Int, violations: Int) {
    self.mode = mode
    self.decisions = decisions
    self.flagged = flagged
    self.vetoes = vetoes
    self.violations = violations
  }
}
