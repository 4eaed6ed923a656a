import Detection
import Engine
import Foundation
import Governance

/// The Alerts screen's filter: `severity:LEVEL job:ID detector:NAME` (also `s:`, `j:`, `d:`);
/// the severity is a minimum, the job an id or an id suffix; a bare word is a detector.
public struct AlertFilter: Sendable, Hashable {
  public var severity: Severity?
  public var job: String?
  public var detector: String?

  public init(severity: Severity? = nil, job: String? = nil, detector: String? = nil) {
    self.severity = severity
    self.job = job
    self.detector = detector
  }

  public var isEmpty: Bool { severity == nil && job == nil && detector == nil }

  /// Parses filter text; the error names the word it could not read.
  public static func parse(_ text: String) -> Result<AlertFilter, AlertFilterError> {
    var f = AlertFilter()
    for word in text.split(separator: " ").map(String.init) {
      let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        f.detector = word
        continue
      }
      switch parts[0].lowercased() {
      case "severity", "sev", "s":
        guard let s = Severity(rawValue: parts[1].lowercased()) else {
          let known = Severity.allCases.map(\.rawValue).joined(separator: ", ")
          return .failure(AlertFilterError("unknown severity \"\(parts[1])\" (one of \(known))"))
        }
        f.severity = s
      case "job", "j": f.job = parts[1]
      case "detector", "d": f.detector = parts[1]
      default:
        return .failure(
          AlertFilterError("unknown filter \"\(parts[0]):\" (severity:, job:, detector:)"))
      }
    }
    return .success(f)
  }

  /// The filter as text, as `parse` reads it.
  public var text: String {
    [
      severity.map { "severity:\($0.rawValue)" }, job.map { "job:\($0)" },
      detector.map { "detector:\($0)" },
    ].compactMap { $0 }.joined(separator: " ")
  }
}

/// Why alert filter text could not be read.
public struct AlertFilterError: Error, Sendable, Hashable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// Alerts counted by severity.
public struct AlertCounts: Sendable, Hashable {
  public var bySeverity: [Severity: Int] = [:]

  public init(_ alerts: [Alert] = []) {
    for a in alerts { bySeverity[a.severity, default: 0] += 1 }
  }

  public subscript(_ s: Severity) -> Int { bySeverity[s, default: 0] }
  public var total: Int { bySeverity.values.reduce(0, +) }
}

/// Everything the Incident screen shows about one incident, read as the acting principal.
public struct IncidentView: Sendable {
  public var incident: Incident
  /// Alerts, audit entries on the job and notes, oldest first.
  public var timeline: [TimelineItem]
  /// The incident's alerts, oldest first.
  public var alerts: [Alert]
  /// The affected job as the engine has it (nil: a principal's incident, or a job this engine
  /// no longer runs).
  public var job: JobDetail?
  /// Whether the affected job is quarantined (nil: unknown).
  public var quarantined: Bool?
  /// Model versions registered from the affected job (or why they are not shown).
  public var models: Fetched<[ModelVersion]>

  public init(
    incident: Incident, timeline: [TimelineItem], alerts: [Alert], job: JobDetail?,
    quarantined: Bool?, models: Fetched<[ModelVersion]>
  ) {
    self.incident = incident
    self.timeline = timeline
    self.alerts = alerts
    self.job = job
    self.quarantined = quarantined
    self.models = models
  }
}

/// What the Overview's alert feed, the header and the detection screens show, read through the
/// Engine's `DetectionService` as the acting principal. Refreshed with the governance data
/// (about once a second) and at once when the engine publishes an alert.
public struct DetectionData: Sendable {
  /// The newest alerts (nil: the principal may not read alerts).
  public var feed: [Alert]?
  /// Alerts not in a resolved incident, by severity (nil: may not read alerts).
  public var counts: AlertCounts?
  /// The Alerts screen's list, newest first, filtered.
  public var alerts: Fetched<[Alert]> = .pending
  /// The status of each incident, for the Alerts screen.
  public var incidentStatus: [Int64: Incident.Status] = [:]
  /// The Incident screen.
  public var incident: Fetched<IncidentView> = .pending

  public init() {}
}
