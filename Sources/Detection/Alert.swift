import Foundation

/// How bad an alert is; ordered, so thresholds can say "high and above".
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
  case info, low, medium, high, critical

  /// 0 (info) … 4 (critical).
  public var rank: Int {
    switch self {
    case .info: 0
    case .low: 1
    case .medium: 2
    case .high: 3
    case .critical: 4
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The detectors that watch a job, by id: what a snooze may name. (access-anomaly and
/// data-drift concern principals and datasets, not jobs.)
public enum JobDetectors {
  public static let ids = [
    "transition-integrity", "action-integrity", "reward-change", "observation-ood", "veto-spike",
    "loss-divergence", "resource-spike", "action-likelihood",
  ]
}

/// What a detector saw: the values that tripped it and the threshold they crossed.
public struct Evidence: Codable, Sendable, Hashable {
  /// The statistic's recent values, oldest first.
  public var window: [Double]
  public var threshold: Double
  /// The value that crossed it.
  public var value: Double
  /// The environment step of the crossing (for integrity: the first tampered step).
  public var step: Int
  public var details: [String: String]

  public init(
    window: [Double], threshold: Double, value: Double, step: Int, details: [String: String] = [:]
  ) {
    self.window = window
    self.threshold = threshold
    self.value = value
    self.step = step
    self.details = details
  }
}

/// A detector's finding before it is stored (the store assigns the id and the incident).
public struct AlertDraft: Sendable, Hashable {
  public var detector: String
  public var severity: Severity
  /// MITRE ATLAS technique, where one fits (e.g. AML.T0020 poison training data).
  public var technique: String?
  public var summary: String
  public var evidence: Evidence

  public init(
    detector: String, severity: Severity, technique: String?, summary: String, evidence: Evidence
  ) {
    self.detector = detector
    self.severity = severity
    self.technique = technique
    self.summary = summary
    self.evidence = evidence
  }
}

/// A stored alert.
public struct Alert: Codable, Sendable, Hashable, Identifiable {
  public var id: Int64
  public var time: Date
  /// The job it concerns (nil for access anomalies, which concern a principal).
  public var job: String?
  public var principal: String?
  public var detector: String
  public var severity: Severity
  public var technique: String?
  public var summary: String
  public var evidence: Evidence
  public var incident: Int64?

  public init(
    id: Int64, time: Date, job: String?, principal: String?, draft: AlertDraft, incident: Int64?
  ) {
    self.id = id
    self.time = time
    self.job = job
    self.principal = principal
    detector = draft.detector
    severity = draft.severity
    technique = draft.technique
    summary = draft.summary
    evidence = draft.evidence
    self.incident = incident
  }
}
