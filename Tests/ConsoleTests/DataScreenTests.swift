import ConsoleTesting
import DataPipeline
import Engine
import Foundation
import Governance
import Testing

@testable import Console

/// The Data screen on a real temporary engine: the demo's dataset ingested and published by the
/// data steward, then poisoned by the SOC's drill and published again (a drift alert).
@Suite(.serialized)
struct DataScreenTests {
  typealias G = GovernanceFixtures

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  struct Setup {
    var engine: Engine
  }

  static func setup() throws -> Setup {
    var c = EngineConfiguration()
    c.workerSlots = 1
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    let engine = try Engine.temporary(
      principals: [
        "stella": ["data-steward"], "dana": ["data-scientist"], "sam": ["soc-analyst"],
        "audrey": ["auditor"],
      ], configuration: c)
    let data = DataService(governance: engine.governance)
    let demo = repository.appendingPathComponent("demo/data")
    let transform = try TransformDocument.load(
      path: demo.appendingPathComponent("demand.transform.toml").path)
    try data.ingest(
      path: demo.appendingPathComponent("demand.csv").path, dataset: "demand",
      classification: .internal, as: "stella")
    _ = try data.scan("demand", as: "stella")
    _ = try data.process("demand", transform: transform, as: "stella")
    _ = try data.poison("demand", rate: 0.3, seed: 1, as: "sam")
    let result = try data.process("demand", transform: transform, as: "stella")
    #expect(result.alert?.detector == "data-drift")
    return Setup(engine: engine)
  }

  /// Times, hashes and audit details that depend on the clock or the workspace's keys, fixed.
  static func normalise(_ g: GovernanceData) -> GovernanceData {
    var g = g
    if case .value(var datasets) = g.datasets {
      for i in datasets.indices { datasets[i].createdAt = G.now }
      g.datasets = .value(datasets)
    }
    if case .value(var versions) = g.datasetVersions {
      for i in versions.indices {
        versions[i].createdAt = G.now.addingTimeInterval(Double(versions[i].version) * 60)
        versions[i].sha256 = G.fakeHex(versions[i].version)
      }
      g.datasetVersions = .value(versions)
    }
    if case .value(var rows) = g.datasetAccesses {
      for i in rows.indices {
        rows[i].time = G.now.addingTimeInterval(Double(i) * -60)
        for (k, v) in rows[i].details where G.isHex(v) {
          rows[i].details[k] = G.fakeHex(i * 31 + k.count, length: v.count)
        }
        if rows[i].details["policy"] != nil { rows[i].details["policy"] = "0123456789abcdef" }
      }
      g.datasetAccesses = .value(rows)
    }
    return g
  }

  static func frame(_ app: ConsoleApp, _ setup: Setup, width: Int = 160, height: Int = 48)
    throws -> Grid
  {
    let data = FrameData(
      snapshot: try G.snapshot(setup.engine, as: app.principal), detail: nil,
      governance: normalise(app.governance))
    return app.render(data, width: width, height: height)
  }

  @Test func datasetsLineageFindingsAndAccessesAsAuditor() throws {
    let setup = try Self.setup()
    let app = G.app(setup.engine, as: "audrey")
    _ = app.handle(.character("8"))
    #expect(app.screen == .data)
    G.settle(app)
    let versions = try #require(app.governance.datasetVersions.value)
    #expect(versions.map(\.zone) == [.landing, .processing, .landing, .processing])
    #expect(app.governanceState.datasetVersionSelected == 4)
    let grid = try Self.frame(app, setup)
    assertSnapshot(grid, named: "screen-data")
    #expect(grid.text.contains("drill:data-poison"))
    #expect(grid.text.contains("k-anonymity"))
    // The first version: the landing zone's scan findings.
    _ = app.handle(.character("K"))
    _ = app.handle(.character("K"))
    _ = app.handle(.character("K"))
    G.settle(app)
    #expect(app.governanceState.datasetVersionSelected == 1)
    let landing = try Self.frame(app, setup)
    #expect(landing.text.contains("on_call_email"))
    #expect(landing.text.contains("payment-card"))
    assertSnapshot(try Self.frame(app, setup, width: 80, height: 24), named: "screen-data-80x24")
  }

  /// The data steward may not read the audit log: the accesses panel says so. A scan
  /// of the landing zone by a data scientist is refused with the permission it lacks.
  @Test func refusalsShowOnTheScreen() throws {
    let setup = try Self.setup()
    let steward = G.app(setup.engine, as: "stella")
    _ = steward.handle(.character("8"))
    G.settle(steward)
    #expect(try Self.frame(steward, setup).text.contains("may not read the audit log (audit.read)"))
    // The panel does not ask (each refusal would be audited and counted as an access anomaly).
    var denied = AuditFilter()
    denied.principal = "stella"
    denied.outcome = .denied
    #expect(try setup.engine.governance.audit.entries(filter: denied).isEmpty)

    let dana = G.app(setup.engine, as: "dana")
    _ = dana.handle(.character("8"))
    G.settle(dana)
    for _ in 0..<3 { _ = dana.handle(.character("K")) }
    _ = dana.handle(.character("s"))
    #expect(dana.waitForBackgroundWork())
    #expect(try Self.frame(dana, setup).text.contains("lacks data.raw.read"))
  }
}
