import Foundation
import Learning

/// A job's GPU use as the engine can honestly attribute it.
public enum JobGPU: Sendable, Hashable, Codable {
  /// The job runs on CPU threads inside the engine process: it uses no GPU.
  case none
  /// The job's own process holds memory on a device (per-process NVML accounting).
  case device(index: Int, memoryBytes: UInt64?)
}

/// One row of the jobs table: everything the Overview shows about a job.
public struct JobSummary: Sendable, Hashable, Codable {
  public var id: JobID
  public var name: String
  public var owner: Principal
  public var environment: EnvironmentID
  public var algorithm: AlgorithmID
  public var monitor: MonitorMode
  public var status: JobStatus
  public var step: Int
  public var budget: Int
  public var episodes: Int
  /// Mean environment return of the last (up to) 20 episodes; nil before the first one ends.
  public var recentReturn: Double?
  /// The last update's policy loss (PPO) or nil.
  public var policyLoss: Double?
  /// CPU percent of one core over the last few seconds.
  public var cpuPercent: Double
  public var cpuSeconds: Double
  public var gpu: JobGPU
  public var vetoes: Int
  /// Vetoes (enforce) or would-be vetoes (observe) per monitor decision, over the whole run.
  public var vetoRate: Double?
  public var safetyViolations: Int
  public var stepsPerSecond: Double?
  public var submittedAt: Date
  public var error: String?
  /// Held by a SOC quarantine: paused, and not resumable until a soc-analyst lifts it.
  public var quarantined = false
}

/// The whole engine at one instant, for dashboards. Immutable; cheap to read at frame time.
public struct EngineSnapshot: Sendable, Hashable, Codable {
  public var time: Date
  public var jobs: [JobSummary]
  public var gpu: GPUStatus
  public var workerSlots: Int
  /// CPU time of the whole engine process so far (seconds).
  public var processCPUSeconds: Double
  public var lastEventSequence: UInt64
}

/// Everything about one job, for its detail screen and `--json` output.
public struct JobDetail: Sendable, Hashable, Codable {
  public var summary: JobSummary
  public var spec: JobSpec
  public var metrics: JobMetrics
  public var lastUpdate: UpdateSummary?
  public var safety: SafetyCounters
  public var recentVetoes: [VetoRecord]
  /// The first environment's state at the end of the last chunk.
  public var liveState: [Double]
  public var target: TargetResult?
  public var evaluation: EvaluationReport?
  public var trainingSeconds: Double
  public var startedAt: Date?
  public var finishedAt: Date?
  /// Hyper-parameters in force, as (name, value) text pairs.
  public var hyperParameters: [HyperParameter]
}

/// A hyper-parameter's name and value, as text.
public struct HyperParameter: Sendable, Hashable, Codable {
  public var name: String
  public var value: String
}
