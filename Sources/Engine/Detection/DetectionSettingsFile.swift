import ConfigFile
import Detection
import Foundation
import Governance

extension DetectionSettings {
  /// Reads a workspace's `detection.toml`: only the thresholds it names change. Every refusal
  /// names `file:line`.
  ///
  /// ```toml
  /// [reward]       # Page-Hinkley on delivered reward per step
  /// warmup_episodes = 20
  /// delta = 0.5
  /// lambda = 25
  /// [observation]  # out-of-distribution observations
  /// warmup_steps = 4096
  /// z = 8
  /// fraction = 0.02
  /// [veto]         # monitor veto-rate spike
  /// warmup_chunks = 4
  /// factor = 4
  /// margin = 0.1
  /// minimum_decisions = 200
  /// [loss]
  /// explosion_factor = 1000
  /// warmup_updates = 8
  /// [cpu]
  /// factor = 8
  /// warmup_chunks = 4
  /// [access]
  /// denied_burst = 5
  /// raw_reads = 5
  /// window_seconds = 60
  /// [incident]
  /// window_seconds = 600
  /// [action]       # action likelihood
  /// gap = 0.15
  /// z = 8
  /// minimum_steps = 256
  /// [data]
  /// drift_threshold = 0.2
  /// ```
  public static func parse(_ text: String, source: String) throws(ConfigError) -> DetectionSettings
  {
    try parse(ConfigDocument(parsing: text, source: source))
  }

  public static func load(path: String) throws(ConfigError) -> DetectionSettings {
    try parse(ConfigDocument(contentsOfFile: path))
  }

  static func parse(_ document: ConfigDocument) throws(ConfigError) -> DetectionSettings {
    var s = DetectionSettings()
    let root = document.root
    try root.rejectUnknownKeys(allowed: [
      "reward", "observation", "veto", "loss", "cpu", "access", "incident", "data", "action",
    ])
    if let t = try root.optionalTable("reward") {
      try t.rejectUnknownKeys(allowed: ["warmup_episodes", "delta", "lambda"])
      s.rewardWarmupEpisodes =
        try t.optionalInteger("warmup_episodes", in: 1...) ?? s.rewardWarmupEpisodes
      s.rewardDelta = try t.optionalDouble("delta", in: 0...100) ?? s.rewardDelta
      s.rewardLambda = try t.optionalDouble("lambda", in: 0.001...) ?? s.rewardLambda
    }
    if let t = try root.optionalTable("observation") {
      try t.rejectUnknownKeys(allowed: ["warmup_steps", "z", "fraction"])
      s.oodWarmupSteps = try t.optionalInteger("warmup_steps", in: 1...) ?? s.oodWarmupSteps
      s.oodZ = try t.optionalDouble("z", in: 0.5...) ?? s.oodZ
      s.oodFraction = try t.optionalDouble("fraction", in: 0...1) ?? s.oodFraction
    }
    if let t = try root.optionalTable("veto") {
      try t.rejectUnknownKeys(allowed: ["warmup_chunks", "factor", "margin", "minimum_decisions"])
      s.vetoWarmupChunks = try t.optionalInteger("warmup_chunks", in: 1...) ?? s.vetoWarmupChunks
      s.vetoFactor = try t.optionalDouble("factor", in: 1...) ?? s.vetoFactor
      s.vetoMargin = try t.optionalDouble("margin", in: 0...1) ?? s.vetoMargin
      s.vetoMinimumDecisions =
        try t.optionalInteger("minimum_decisions", in: 1...) ?? s.vetoMinimumDecisions
    }
    if let t = try root.optionalTable("loss") {
      try t.rejectUnknownKeys(allowed: ["explosion_factor", "warmup_updates"])
      s.lossExplosionFactor =
        try t.optionalDouble("explosion_factor", in: 1...) ?? s.lossExplosionFactor
      s.lossWarmupUpdates = try t.optionalInteger("warmup_updates", in: 1...) ?? s.lossWarmupUpdates
    }
    if let t = try root.optionalTable("cpu") {
      try t.rejectUnknownKeys(allowed: ["factor", "warmup_chunks"])
      s.cpuFactor = try t.optionalDouble("factor", in: 1...) ?? s.cpuFactor
      s.cpuWarmupChunks = try t.optionalInteger("warmup_chunks", in: 1...) ?? s.cpuWarmupChunks
    }
    if let t = try root.optionalTable("access") {
      try t.rejectUnknownKeys(allowed: ["denied_burst", "raw_reads", "window_seconds"])
      s.deniedBurst = try t.optionalInteger("denied_burst", in: 1...) ?? s.deniedBurst
      s.rawReadBurst = try t.optionalInteger("raw_reads", in: 1...) ?? s.rawReadBurst
      s.deniedWindowSeconds =
        try t.optionalDouble("window_seconds", in: 1...) ?? s.deniedWindowSeconds
    }
    if let t = try root.optionalTable("incident") {
      try t.rejectUnknownKeys(allowed: ["window_seconds"])
      s.incidentWindowSeconds =
        try t.optionalDouble("window_seconds", in: 1...) ?? s.incidentWindowSeconds
    }
    if let t = try root.optionalTable("action") {
      try t.rejectUnknownKeys(allowed: ["gap", "z", "minimum_steps"])
      s.actionGap = try t.optionalDouble("gap", in: 0.001...10) ?? s.actionGap
      s.actionZ = try t.optionalDouble("z", in: 1...) ?? s.actionZ
      s.actionMinimumSteps =
        try t.optionalInteger("minimum_steps", in: 16...) ?? s.actionMinimumSteps
    }
    if let t = try root.optionalTable("data") {
      try t.rejectUnknownKeys(allowed: ["drift_threshold"])
      s.dataDriftThreshold =
        try t.optionalDouble("drift_threshold", in: 0.001...1) ?? s.dataDriftThreshold
    }
    return s
  }
}

extension DetectionSettings {
  /// The workspace's thresholds: its `detection.toml` when there is one, else the defaults.
  public static func workspace(_ governance: Governance) throws(EngineError) -> DetectionSettings {
    let path = governance.workspace.root.appendingPathComponent("detection.toml").path
    guard FileManager.default.fileExists(atPath: path) else { return DetectionSettings() }
    do { return try load(path: path) } catch { throw .invalidRequest(error.description) }
  }
}
