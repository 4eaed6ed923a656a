import Detection
import Foundation

/// Alerts on one job within a window, worked by the SOC.
public struct Incident: Codable, Sendable, Hashable, Identifiable {
  public enum Status: String, Codable, Sendable, CaseIterable {
    case open, acknowledged, contained, resolved
  }

  public var id: Int64
  public var job: String?
  public var principal: String?
  public var status: Status
  public var severity: Severity
  public var owner: String?
  public var openedAt: Date
  public var updatedAt: Date
  public var title: String
  public var notes: [IncidentNote]
}

/// One action on an incident, with who did it and why.
public struct IncidentNote: Codable, Sendable, Hashable {
  public var time: Date
  public var principal: String
  public var action: String
  public var text: String
}

/// One line of an incident's timeline: alerts, audit entries on the job, lifecycle changes.
public struct TimelineItem: Codable, Sendable, Hashable {
  public var time: Date
  /// alert | audit | note
  public var source: String
  public var text: String
}

/// Which alerts `DetectionService.alerts` returns.
public struct AlertQuery: Sendable, Hashable {
  public var job: String?
  public var detector: String?
  /// This severity and above.
  public var minimumSeverity: Severity?
  public var limit = 200

  public init(job: String? = nil, detector: String? = nil, minimumSeverity: Severity? = nil) {
    self.job = job
    self.detector = detector
    self.minimumSeverity = minimumSeverity
  }
}
