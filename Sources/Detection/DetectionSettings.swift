/// Detector thresholds. The defaults are what `rampart bench detection` was calibrated with; a
/// workspace overrides them in `detection.toml` (see `DetectionSettings.parse`).
public struct DetectionSettings: Sendable, Hashable {
  /// Page-Hinkley on per-episode mean reward per step: episodes of warm-up that set the job's
  /// own scale, the drift tolerance and the alarm threshold, both in units of that scale.
  public var rewardWarmupEpisodes = 20
  public var rewardDelta = 0.5
  public var rewardLambda = 25.0
  /// Out-of-distribution observations: warm-up transitions, the |z| that makes an outlier, and
  /// the share of a chunk's transitions that must be outliers.
  public var oodWarmupSteps = 4_096
  public var oodZ = 8.0
  public var oodFraction = 0.02
  /// Veto-rate spike: chunks of warm-up, the factor over the job's baseline rate and the
  /// absolute margin both required, and the decisions a chunk needs to count.
  public var vetoWarmupChunks = 4
  public var vetoFactor = 4.0
  public var vetoMargin = 0.10
  public var vetoMinimumDecisions = 200
  /// Loss explosion: the factor over the median of the job's value losses so far.
  public var lossExplosionFactor = 1_000.0
  public var lossWarmupUpdates = 8
  /// Resource spike: CPU seconds per environment step over the job's median, by this factor.
  public var cpuFactor = 8.0
  public var cpuWarmupChunks = 4
  /// Action likelihood: the executed actions' mean surprise above the policy's entropy (nats)
  /// and its z-score over a chunk's steps, both needed to alert.
  public var actionGap = 0.15
  public var actionZ = 8.0
  public var actionMinimumSteps = 256
  /// Access anomalies: this many denials of one principal within the window.
  public var deniedBurst = 5
  /// Access anomalies: this many raw-data (landing zone) reads by one principal within the
  /// window.
  public var rawReadBurst = 5
  public var deniedWindowSeconds = 60.0
  /// Alerts on the same job within this many seconds join one incident.
  public var incidentWindowSeconds = 600.0
  /// Data drift: a column of a new processed dataset version whose distribution moved this far
  /// (Kolmogorov–Smirnov or total variation distance, 0...1) from the previous version.
  public var dataDriftThreshold = 0.2

  public init() {}
}
