import DataPipeline
import Detection
import Engine
import Foundation
import Governance
import Testing

/// Access anomalies read from the audit log: the insider drill's burst of refusals, and a burst
/// of raw-data reads; and the drill's own refusals.
@Suite(.serialized) struct AccessAnomalyTests {
  func engine() throws -> Engine {
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    c.commandPollSeconds = 0.05
    return try Engine.temporary(
      principals: ["sam": ["soc-analyst"], "dana": ["data-scientist"], "stella": ["data-steward"]],
      drillPrincipals: ["mallory": ["data-scientist"]], configuration: c)
  }

  /// Waits (up to `seconds`) for the engine's audit-log watch to raise a matching alert.
  func alert(_ engine: Engine, within seconds: Double = 10, _ match: (Alert) -> Bool) throws
    -> Alert?
  {
    let service = DetectionService(governance: engine.governance)
    for _ in 0..<Int(seconds / 0.05) {
      if let a = try service.alerts(as: "sam").first(where: match) { return a }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
  }

  @Test func theInsiderDrillIsSeenOnlyThroughItsRefusals() throws {
    let engine = try engine()
    defer { engine.shutdown(requestedBy: .system) }
    let refusals = try DetectionService(governance: engine.governance).insiderDrill(
      "mallory", attempts: 6, as: "sam")
    #expect(refusals.count == 6)
    #expect(refusals.first?.contains("mallory (data-scientist) lacks data.raw.read") == true)
    let a = try #require(
      try alert(engine) { $0.detector == "access-anomaly" && $0.principal == "mallory" })
    #expect(a.severity == .medium)
    #expect(a.summary.hasPrefix("mallory was denied 5 times within 60 s"))
    // The refusals look like anyone's: nothing in them says "drill"; only sam's start and stop do.
    var filter = AuditFilter()
    filter.principal = "mallory"
    let denied = try engine.governance.audit.entries(filter: filter)
    #expect(denied.count == 6 && denied.allSatisfy { $0.outcome == .denied })
    #expect(denied.allSatisfy { $0.details["drill"] == nil })
    filter = AuditFilter()
    filter.action = "drill."
    #expect(
      try engine.governance.audit.entries(filter: filter).map { "\($0.principal) \($0.action)" }
        .sorted() == ["sam drill.run", "sam drill.start", "sam drill.stop"])
  }

  @Test func theInsiderDrillIsRefusedForRealPrincipalsAndWithoutDrillRun() throws {
    let engine = try engine()
    defer { engine.shutdown(requestedBy: .system) }
    let service = DetectionService(governance: engine.governance)
    #expect { try service.insiderDrill("dana", as: "sam") } throws: {
      "\($0)".contains("dana is not a drill principal")
    }
    #expect { try service.insiderDrill("mallory", as: "dana") } throws: {
      "\($0)".contains("lacks drill.run")
    }
  }

  @Test func aBurstOfRawReadsIsAnAnomaly() throws {
    let engine = try engine()
    defer { engine.shutdown(requestedBy: .system) }
    let data = DataService(governance: engine.governance)
    try data.ingest(
      bytes: Array(demandSample(rows: 40, seed: 1).utf8), format: .csv, source: "d.csv",
      dataset: "demand", classification: .internal, as: "stella")
    for _ in 0..<4 { _ = try data.readRaw("demand", as: "stella") }
    // Four reads (under the threshold of 5): nothing, though the watch polls every 50 ms.
    #expect(try alert(engine, within: 0.5) { $0.principal == "stella" } == nil)
    _ = try data.readRaw("demand", as: "stella")
    let a = try #require(try alert(engine) { $0.principal == "stella" })
    #expect(a.detector == "access-anomaly" && a.technique == "AML.T0025")
    #expect(a.evidence.details["last_target"] == "dataset:demand")
  }
}
