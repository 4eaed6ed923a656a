import Detection
import Foundation
import Learning

/// Figures a job publishes after each chunk of training.
public struct JobProgress: Sendable, Hashable, Codable {
  public var job: JobID
  public var step: Int
  public var budget: Int
  public var episodes: Int
  /// Mean environment return of the last (up to) 20 episodes.
  public var meanReturn: Double?
  public var policyLoss: Double?
  public var valueLoss: Double?
  public var entropy: Double?
  public var stepsPerSecond: Double
  public var cpuPercent: Double
  public var safety: SafetyCounters
  public var trainingSeconds: Double
  public var successRate: Double?
}

/// What happened in the engine.
public enum EngineEventKind: Sendable, Hashable, Codable {
  case jobSubmitted(job: JobID, name: String, spec: JobSpec)
  case jobStatusChanged(job: JobID, from: JobStatus, to: JobStatus, reason: String?)
  case progress(JobProgress)
  case veto(job: JobID, environment: EnvironmentID, record: VetoRecord)
  case targetReached(job: JobID, result: TargetResult)
  case evaluated(job: JobID, report: EvaluationReport)
  /// A detector raised an alert (on a job, or on a principal's access).
  case alert(Alert)
}

/// One event, numbered in the order the engine published it.
public struct EngineEvent: Sendable, Hashable, Codable {
  public var sequence: UInt64
  public var time: Date
  /// Who caused it: the principal who sent the command, or `system`.
  public var principal: Principal
  public var kind: EngineEventKind
}
