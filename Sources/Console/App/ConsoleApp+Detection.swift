import Detection
import Engine
import Foundation
import Governance

/// Set from the engine's event queue when an alert is published; taken by the console's thread
/// at the next frame, which then re-reads the alerts (as its principal) at once.
final class AlertSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var raised = false

  func raise() {
    lock.lock()
    raised = true
    lock.unlock()
  }

  /// Whether an alert was published since the last call.
  func take() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    let was = raised
    raised = false
    return was
  }
}

/// The text an incident action asks for at the prompt.
enum IncidentPrompt: Equatable, Sendable {
  case assign(Int64)
  case note(Int64)
  case quarantine(Int64, job: String)
  case lift(Int64, job: String)
  case resolve(Int64)

  var prefix: String {
    switch self {
    case .assign(let id): "assign incident \(id) to: "
    case .note(let id): "note on incident \(id): "
    case .quarantine(_, let job): "quarantine job \(DetectionFormat.jobText(job)), note: "
    case .lift(_, let job): "lift the quarantine of job \(DetectionFormat.jobText(job)), note: "
    case .resolve(let id): "resolve incident \(id), note: "
    }
  }

  var hint: String {
    switch self {
    case .assign: "owner's name (Esc cancels)"
    default: "why (required; Esc cancels)"
    }
  }
}

extension ConsoleApp {
  var detectionService: DetectionService { DetectionService(governance: engine.governance) }

  // MARK: Events

  /// Subscribes (once per principal) to the engine's events; an alert event makes the next
  /// refresh happen at once instead of within the second. The event only wakes the console: what
  /// it shows is read through `DetectionService` as the acting principal.
  func watchAlerts() {
    if alertWatch?.principal != principal.name {
      alertWatch?.subscription.cancel()
      alertWatch = nil
      let signal = alertSignal
      if let subscription = try? engine.subscribe(
        as: principal,
        { event in
          if case .alert = event.kind { signal.raise() }
        })
      {
        alertWatch = (principal.name, subscription)
      }
    }
    if alertSignal.take() { governanceState.dirty = true }
  }

  // MARK: Reading

  /// The header's counts and the Overview's feed (cheap: LIMIT-ed reads, about once a second).
  /// Skipped without alert.read, so that no denial is audited at every refresh.
  func readAlertSummary() {
    let me = principal
    guard engine.holds(.alertRead, me) else {
      governance.detection.feed = nil
      governance.detection.counts = nil
      return
    }
    do {
      var query = AlertQuery()
      query.limit = 500
      let recent = try detectionService.alerts(query, as: me)
      let resolved = Set(try detectionService.incidents(status: .resolved, as: me).map(\.id))
      let open = recent.filter { a in a.incident.map { !resolved.contains($0) } ?? true }
      // The worst first, then the newest: on a small terminal the feed has room for one or two
      // rows, and a later medium alert must not push a critical one out of sight.
      governance.detection.feed = Array(
        open.sorted { ($0.severity.rank, $0.id) > ($1.severity.rank, $1.id) }.prefix(5))
      governance.detection.counts = AlertCounts(open)
      announce(recent)
    } catch {
      governance.detection.feed = nil
      governance.detection.counts = nil
    }
  }

  /// Says so in the status line when a critical alert arrived since the last read.
  private func announce(_ recent: [Alert]) {
    let newest = recent.first?.id ?? 0
    defer { governanceState.newestAlert = max(newest, governanceState.newestAlert ?? newest) }
    guard let seen = governanceState.newestAlert else { return }
    let fresh = recent.filter { $0.id > seen && $0.severity == .critical }
    guard let latest = fresh.first else { return }
    let more = fresh.count > 1 ? " (+\(fresh.count - 1) more)" : ""
    say(
      "critical alert \(latest.id) on \(DetectionFormat.subject(latest)): \(latest.summary)\(more)",
      .danger)
  }

  func readAlerts() {
    let me = principal
    do {
      let filter = governanceState.alertFilter
      var query = AlertQuery(detector: filter.detector, minimumSeverity: filter.severity)
      if let job = filter.job {
        query.job = (try? engine.resolveJob(job, as: me))?.rawValue ?? job.uppercased()
      }
      query.limit = 200
      let alerts = try detectionService.alerts(query, as: me)
      let incidents = try detectionService.incidents(as: me)
      governance.detection.incidentStatus = Dictionary(
        incidents.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
      governance.detection.alerts = .value(alerts)
      if !alerts.contains(where: { $0.id == governanceState.alertSelected }) {
        governanceState.alertSelected = alerts.first?.id
      }
    } catch {
      governance.detection.alerts = .failed(refuse(error))
    }
  }

  func readIncident() {
    let me = principal
    guard let id = governanceState.incidentSelected else {
      governance.detection.incident = .failed("no incident selected: open one from the Alerts")
      return
    }
    let service = detectionService
    do {
      let incident = try service.incident(id, as: me)
      let timeline = try service.timeline(id, as: me)
      var query = AlertQuery(job: incident.job)
      query.limit = 500
      let alerts = try service.alerts(query, as: me).filter { $0.incident == id }
        .sorted { $0.id < $1.id }
      if !alerts.contains(where: { $0.id == governanceState.incidentAlertSelected }) {
        // The most severe alert first (the earliest of those).
        governanceState.incidentAlertSelected =
          alerts.max { ($0.severity, -$0.id) < ($1.severity, -$1.id) }?.id
      }
      var detail: JobDetail?
      var quarantined: Bool?
      var models: Fetched<[ModelVersion]> = .value([])
      if let job = incident.job {
        if let jobID = JobID(job) { detail = try? engine.detail(jobID, as: me) }
        quarantined = (try? JobCatalog.show(engine.governance, id: job, as: me))?.quarantined
        models = readModels(from: job)
      }
      governance.detection.incident = .value(
        IncidentView(
          incident: incident, timeline: timeline, alerts: alerts, job: detail,
          quarantined: quarantined, models: models))
    } catch {
      governance.detection.incident = .failed(refuse(error))
    }
  }

  /// The registry's versions trained by `job` (needs model.read, which a soc-analyst lacks: then
  /// the panel says so rather than asking, and being refused, at every refresh).
  private func readModels(from job: String) -> Fetched<[ModelVersion]> {
    let me = principal
    guard engine.holds(.modelRead, me) else {
      return .failed("\(me) may not read the registry (model.read)")
    }
    do {
      let registry = registryService
      var found: [ModelVersion] = []
      for model in try registry.models(as: me) {
        found += try registry.versions(of: model.name, as: me).filter { $0.job == job }
      }
      return .value(found.sorted { ($0.model, $0.version) < ($1.model, $1.version) })
    } catch {
      return .failed(Self.message(error))
    }
  }

  // MARK: Selection

  var selectedAlert: Alert? {
    governance.detection.alerts.value?.first { $0.id == governanceState.alertSelected }
  }

  /// Opens the Incident screen on `id`.
  func openIncident(_ id: Int64) {
    if governanceState.incidentSelected != id {
      governanceState.incidentSelected = id
      governanceState.incidentAlertSelected = nil
      governanceState.timelineScroll = 0
      governance.detection.incident = .pending
    }
    governanceState.refused.remove(.incident)
    governanceState.dirty = true
    screen = .incident
  }

  /// The incident the Incident screen would show: the one open there, else the selected alert's.
  var incidentToShow: Int64? {
    governanceState.incidentSelected ?? selectedAlert?.incident
  }

  func setAlertFilter(_ filter: AlertFilter) {
    governanceState.alertFilter = filter
    governanceState.alertSelected = nil
    governanceState.dirty = true
    say(filter.isEmpty ? "alert filter cleared" : "alert filter: \(filter.text)")
  }

  // MARK: Acting

  /// Runs an incident action through the Engine as the acting principal; the outcome (or the
  /// refusal's text) goes to the status line.
  private func act(_ done: String, _ body: () throws -> Void) {
    do {
      try body()
      say(done, .ok)
    } catch {
      say(Self.message(error), .danger)
    }
    governanceState.dirty = true
  }

  func acknowledge(_ id: Int64?) {
    guard let id else {
      say("the selected alert has no incident to acknowledge", .warn)
      return
    }
    let me = principal
    act("acknowledged incident \(id)") { _ = try detectionService.acknowledge(id, as: me) }
  }

  /// Does what the prompt's text was typed for.
  func perform(_ action: IncidentPrompt, text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else {
      say(
        {
          if case .assign = action { return "an owner is required: nothing was changed" }
          return "a note is required: nothing was changed"
        }(), .warn)
      return
    }
    let service = detectionService
    let me = principal
    switch action {
    case .assign(let id):
      act("incident \(id) assigned to \(trimmed)") {
        _ = try service.assign(id, to: trimmed, as: me)
      }
    case .note(let id):
      act("note added to incident \(id)") { _ = try service.note(id, trimmed, as: me) }
    case .quarantine(let id, let job):
      act("quarantined job \(DetectionFormat.jobText(job)): incident \(id) contained") {
        _ = try service.quarantine(id, note: trimmed, as: me)
      }
    case .lift(_, let job):
      act("lifted the quarantine of job \(DetectionFormat.jobText(job)) (it stays paused)") {
        try service.lift(job: job, note: trimmed, as: me)
      }
    case .resolve(let id):
      act("resolved incident \(id)") { _ = try service.resolve(id, note: trimmed, as: me) }
    }
  }

  // MARK: Keys

  /// Keys of the Alerts and Incident screens; false when the key is not theirs.
  func handleDetectionKey(_ key: Key) -> Bool {
    switch (screen, key) {
    case (.alerts, .character("/")):
      let text = governanceState.alertFilter.text
      mode = .prompt(Prompt(kind: .alertFilter, text: text, cursor: text.count))
    case (.alerts, .escape) where !governanceState.alertFilter.isEmpty:
      setAlertFilter(AlertFilter())
    case (.alerts, .enter):
      guard let alert = selectedAlert else {
        say("no alert selected", .warn)
        return true
      }
      guard let incident = alert.incident else {
        say("alert \(alert.id) is in no incident", .warn)
        return true
      }
      openIncident(incident)
    case (.alerts, .character("a")):
      guard let alert = selectedAlert else {
        say("no alert selected", .warn)
        return true
      }
      acknowledge(alert.incident)
    case (.incident, .escape):
      screen = .alerts
      governanceState.refused.remove(.alerts)
      governanceState.dirty = true
    case (.incident, .character("J")):
      governanceState.timelineScroll += 1
    case (.incident, .character("K")):
      governanceState.timelineScroll = max(0, governanceState.timelineScroll - 1)
    case (.incident, .character("a")):
      acknowledge(governanceState.incidentSelected)
    case (.incident, .character(let c)) where "onQLR".contains(c):
      guard let view = governance.detection.incident.value else {
        say("no incident shown", .warn)
        return true
      }
      let id = view.incident.id
      let prompt: IncidentPrompt
      switch c {
      case "o": prompt = .assign(id)
      case "n": prompt = .note(id)
      case "R": prompt = .resolve(id)
      default:
        guard let job = view.incident.job else {
          say("incident \(id) concerns a principal, not a job: nothing to quarantine", .warn)
          return true
        }
        prompt = c == "Q" ? .quarantine(id, job: job) : .lift(id, job: job)
      }
      mode = .prompt(Prompt(kind: .incident(prompt)))
    default:
      return false
    }
    return true
  }
}
