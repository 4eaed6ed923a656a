import Console
import ConsoleTesting
import Detection
import Engine
import Foundation
import Governance
import Testing

/// The Alerts and Incident screens and the Overview's alert feed on a real temporary engine: a
/// reward-flip drill on a training job, a critical integrity alert and its incident, worked
/// through the Engine as the acting principal.
@Suite(.serialized)
struct DetectionScreenTests {
  typealias F = DetectionFixtures

  func type(_ text: String, into app: ConsoleApp) {
    for c in text { _ = app.handle(.character(c)) }
  }

  func status(_ setup: F.Setup, _ id: Int64) throws -> Incident.Status {
    try DetectionService(governance: setup.engine.governance).incident(id, as: "sam").status
  }

  @Test func alertsAndIncidentAsSocAnalyst() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "sam")
    _ = app.handle(.character("6"))
    #expect(app.screen == .alerts)
    GovernanceFixtures.settle(app)
    let alerts = try #require(app.governance.detection.alerts.value)
    #expect(alerts.contains { $0.detector == "transition-integrity" && $0.severity == .critical })
    #expect(alerts.map(\.id) == alerts.map(\.id).sorted(by: >))  // newest first
    let grid = try F.frame(app, setup)
    assertSnapshot(grid, named: "screen-alerts")
    #expect(grid.text.contains("AML.T0020"))
    assertSnapshot(try F.frame(app, setup, width: 80, height: 24), named: "screen-alerts-80x24")

    // Enter opens the selected alert's incident; Esc goes back to the Alerts.
    _ = app.handle(.character("G"))
    GovernanceFixtures.settle(app)
    _ = app.handle(.enter)
    #expect(app.screen == .incident)
    GovernanceFixtures.settle(app)
    let view = try #require(app.governance.detection.incident.value)
    #expect(view.incident.id == setup.incident)
    #expect(view.alerts.contains { $0.detector == "transition-integrity" })
    let incident = try F.frame(app, setup)
    assertSnapshot(incident, named: "screen-incident")
    #expect(incident.text.contains("Incident \(setup.incident)"))
    #expect(incident.text.contains("may not read the registry (model.read)"))
    assertSnapshot(
      try F.frame(app, setup, width: 80, height: 24), named: "screen-incident-80x24")
    _ = app.handle(.escape)
    #expect(app.screen == .alerts)
    _ = app.handle(.character("7"))  // back to the incident it had open
    #expect(app.screen == .incident)
  }

  @Test func alertFilterBySeverityJobAndDetector() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "sam")
    _ = app.handle(.character("6"))
    GovernanceFixtures.settle(app)
    let all = try #require(app.governance.detection.alerts.value)
    _ = app.handle(.character("/"))
    type("severity:critical job:\(setup.job.short) detector:transition-integrity", into: app)
    _ = app.handle(.enter)
    GovernanceFixtures.settle(app)
    let critical = try #require(app.governance.detection.alerts.value)
    #expect(!critical.isEmpty)
    #expect(critical.count <= all.count)
    #expect(
      critical.allSatisfy {
        $0.severity == .critical && $0.job == setup.job.rawValue
          && $0.detector == "transition-integrity"
      })
    #expect(try F.frame(app, setup).text.contains("filter severity:critical job:"))
    _ = app.handle(.character("/"))
    _ = app.handle(.control("u"))
    type("detector:nothing-like-this", into: app)
    _ = app.handle(.enter)
    GovernanceFixtures.settle(app)
    #expect(try F.frame(app, setup).text.contains("No alert matches the filter"))
    _ = app.handle(.character("/"))
    _ = app.handle(.control("u"))
    type("severity:huge", into: app)
    _ = app.handle(.enter)
    #expect(try F.frame(app, setup).text.contains("unknown severity \"huge\""))
    _ = app.handle(.escape)  // clears the filter, stays on the screen
    #expect(app.screen == .alerts)
    GovernanceFixtures.settle(app)
    #expect(app.governance.detection.alerts.value?.count == all.count)
  }

  @Test func alertsAreRefusedToAnAuditorWithTheDenial() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "audrey")
    _ = app.handle(.character("6"))
    GovernanceFixtures.settle(app)
    let grid = try F.frame(app, setup, width: 80, height: 24)
    assertSnapshot(grid, named: "screen-alerts-denied")
    #expect(grid.text.contains("alerts: denied"))
    #expect(grid.text.contains("alert.read"))
    #expect(!grid.line(0).contains("alerts C"))  // no counts in the header either
    #expect(app.governance.detection.feed == nil)
  }

  @Test func acknowledgeFromTheAlertsScreen() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "sam")
    _ = app.handle(.character("6"))
    GovernanceFixtures.settle(app)
    // Select the integrity alert.
    let alerts = try #require(app.governance.detection.alerts.value)
    let index = try #require(alerts.firstIndex { $0.incident == setup.incident })
    for _ in 0..<index { _ = app.handle(.character("j")) }
    #expect(try status(setup, setup.incident) == .open)
    _ = app.handle(.character("a"))
    #expect(try status(setup, setup.incident) == .acknowledged)
    #expect(try F.frame(app, setup).line(47).contains("acknowledged incident \(setup.incident)"))
    // Twice is refused by the Engine, with its reason.
    _ = app.handle(.character("a"))
    #expect(
      try F.frame(app, setup).line(47).contains(
        "incident \(setup.incident) is acknowledged, not open"))
  }

  @Test func quarantineByADataScientistIsRefusedWithItsText() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "alice")
    _ = app.run(command: "incident \(setup.incident)")
    #expect(app.screen == .incident)
    GovernanceFixtures.settle(app)
    _ = app.handle(.character("Q"))
    #expect(try F.frame(app, setup).line(47).contains("quarantine job \(setup.job.short), note:"))
    type("contain it", into: app)
    _ = app.handle(.enter)
    let line = try F.frame(app, setup).line(47)
    #expect(line.contains("denied"))
    #expect(line.contains("job.quarantine"))
    #expect(try status(setup, setup.incident) == .open)
    let stored = try JobCatalog.show(setup.engine.governance, id: setup.job.rawValue, as: "sam")
    #expect(!stored.quarantined)
  }

  @Test func incidentActionsBySocAnalyst() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "sam")
    _ = app.run(command: "incident \(setup.incident)")
    GovernanceFixtures.settle(app)
    _ = app.handle(.character("o"))
    type("sam", into: app)
    _ = app.handle(.enter)
    _ = app.handle(.character("n"))
    type("reward sign flipped on the channel", into: app)
    _ = app.handle(.enter)
    _ = app.handle(.character("Q"))
    _ = app.handle(.enter)  // an empty note changes nothing
    #expect(try F.frame(app, setup).line(47).contains("a note is required"))
    _ = app.handle(.character("Q"))
    type("tampered channel", into: app)
    _ = app.handle(.enter)
    #expect(try status(setup, setup.incident) == .contained)
    GovernanceFixtures.settle(app)
    var text = try F.frame(app, setup).text
    #expect(text.contains("CONTAINED"))
    #expect(text.contains("QUARANTINED"))
    #expect(text.contains("owner sam"))
    #expect(text.contains("sam note: reward sign flipped on the channel"))
    _ = app.handle(.character("L"))
    type("channel re-keyed", into: app)
    _ = app.handle(.enter)
    #expect(try F.frame(app, setup).line(47).contains("lifted the quarantine"))
    _ = app.handle(.character("R"))
    type("drill", into: app)
    _ = app.handle(.enter)
    #expect(try status(setup, setup.incident) == .resolved)
    GovernanceFixtures.settle(app)
    text = try F.frame(app, setup).text
    #expect(text.contains("RESOLVED"))
    #expect(!text.contains("QUARANTINED"))
    // Resolved incidents' alerts leave the counts.
    #expect(app.governance.detection.counts?[.critical] == 0)
  }

  /// mlops may read both the alerts and the registry: the models trained by the job show.
  @Test func incidentListsTheJobsModelsForMlops() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "mike")
    _ = app.run(command: "incident \(setup.incident)")
    GovernanceFixtures.settle(app)
    let text = try F.frame(app, setup).text
    #expect(text.contains("lake-q v1 · candidate"))
  }

  @Test func overviewShowsTheAlertFeedAndCounts() throws {
    let setup = try F.setup()
    let app = F.app(setup.engine, as: "sam")
    GovernanceFixtures.settle(app)
    let counts = try #require(app.governance.detection.counts)
    #expect(counts[.critical] >= 1)
    let grid = try F.frame(app, setup, withJob: true)
    assertSnapshot(grid, named: "screen-overview-alerts")
    #expect(grid.line(0).contains("alerts C\(counts[.critical]) H\(counts[.high])"))
    #expect(grid.text.contains("Alerts · unresolved C\(counts[.critical])"))
    #expect(grid.text.contains("CRITICAL transition-integrity"))
    let small = try F.frame(app, setup, width: 80, height: 24, withJob: true)
    assertSnapshot(small, named: "screen-overview-alerts-80x24")
    #expect(small.text.contains("CRITICAL"))
  }

  /// The engine's alert event wakes the console: the next frame reads the alerts although less
  /// than a second passed (the test's clock stands still).
  @Test func aNewCriticalAlertIsVisibleAtTheNextFrame() throws {
    let engine = try F.engine()
    let app = F.app(engine, as: "sam")
    let before = app.frame(width: 160, height: 48)
    #expect(before.text.contains("no alerts"))
    #expect(app.governance.detection.counts?[.critical] == 0)
    _ = try F.attack(engine)
    let after = app.frame(width: 160, height: 48)
    #expect(after.text.contains("CRITICAL transition-integrity"))
    #expect(after.line(0).contains("alerts C1"))
    #expect(after.line(47).contains("critical alert"))
  }

  @Test func alertFilterText() {
    let f = try? AlertFilter.parse("severity:high job:0FR0Z02 detector:reward-change").get()
    #expect(f == AlertFilter(severity: .high, job: "0FR0Z02", detector: "reward-change"))
    #expect(f?.text == "severity:high job:0FR0Z02 detector:reward-change")
    #expect(
      (try? AlertFilter.parse("s:critical ood").get())
        == AlertFilter(
          severity: .critical, detector: "ood"))
    if case .failure(let e) = AlertFilter.parse("when:now") {
      #expect(e.message.contains("unknown filter"))
    } else {
      Issue.record("when: should be refused")
    }
  }
}
