import Foundation
import Learning

/// A job's shared, mutable state; always accessed under its runtime's lock.
struct JobState {
  var status: JobStatus = .queued
  var pauseRequested = false
  var stopRequested = false
  var startedAt: Date?
  var finishedAt: Date?
  var steps = 0
  var episodes = 0
  var updates = 0
  var metrics = JobMetrics()
  var recentReturns = RingBuffer<Double>(capacity: 20)
  var recentGoals = RingBuffer<Bool>(capacity: 100)
  var recentVetoes = RingBuffer<VetoRecord>(capacity: 32)
  var lastUpdate: UpdateSummary?
  var safety = SafetyCounters()
  var trainingSeconds = 0.0
  var cpuSeconds = 0.0
  var cpuSamples = RingBuffer<CPUSample>(capacity: 64)
  var liveState: [Double] = []
  var target: TargetResult?
  var evaluation: EvaluationReport?
  var error: String?
  /// When the summary was last written to the database (monotonic seconds).
  var persistedAt = -1.0
  /// Quarantined by a SOC analyst: paused, its models blocked from promotion.
  var quarantined = false
  /// The registry version registered from this job, if any.
  var registered: String?
}

/// Cumulative CPU time of a job at a wall-clock instant.
struct CPUSample: Sendable, Hashable, Codable {
  var wall: Double
  var cpu: Double
}

/// A job's metric histories (downsampled over the whole run).
public struct JobMetrics: Sendable, Hashable, Codable {
  /// Environment return of each finished episode.
  public var episodeReturn = MetricSeries()
  public var policyLoss = MetricSeries()
  public var valueLoss = MetricSeries()
  public var entropy = MetricSeries()
  /// Training steps per second, per chunk.
  public var stepsPerSecond = MetricSeries()
  /// Vetoes per monitor decision, per chunk.
  public var vetoRate = MetricSeries()
  /// CPU percent of one core, per chunk.
  public var cpuPercent = MetricSeries()
  /// Goal reached (1) or not (0) per episode, for environments with a goal.
  public var success = MetricSeries()
  public init() {}
}
