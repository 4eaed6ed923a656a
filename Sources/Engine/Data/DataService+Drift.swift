import DataPipeline
import Detection
import Foundation
import GRDB
import Governance

extension DataService {
  /// Raises a `data-drift` alert when a column of the new processed version moved past the
  /// workspace's threshold from the previous one. The alert names the principal who ingested
  /// the landing version it came from: that is where poisoned rows enter.
  func raiseDriftAlert(
    _ version: DatasetVersion, previous: DatasetVersion?, drift: [ColumnDrift],
    source: DatasetVersion
  ) throws -> Alert? {
    guard let previous, let worst = drift.max(by: { $0.distance < $1.distance }),
      worst.distance > detection.dataDriftThreshold
    else { return nil }
    let over = drift.filter { $0.distance > detection.dataDriftThreshold }
    let draft = AlertDraft(
      detector: "data-drift", severity: .high, technique: "AML.T0020",
      summary:
        "\(version.label): \(worst.column) drifted \(String(format: "%.2f", worst.distance)) from v\(previous.version) (threshold \(detection.dataDriftThreshold))",
      evidence: Evidence(
        window: drift.map(\.distance), threshold: detection.dataDriftThreshold,
        value: worst.distance, step: 0,
        details: [
          "dataset": version.dataset, "version": String(version.version),
          "previous_version": String(previous.version),
          "source_version": String(source.version), "ingested_by": source.createdBy,
          "columns": over.map { "\($0.column)=\(String(format: "%.3f", $0.distance))" }
            .joined(separator: ","),
        ]))
    let window = detection.incidentWindowSeconds
    guard
      let alert = try governance.store.writer.write({ db in
        try DetectionStore.insert(
          draft, job: nil, principal: source.createdBy, window: window, in: db)
      })
    else { return nil }
    try governance.record(
      Principal.system.name, "alert.raise", target: Self.target(version.dataset), outcome: .ok,
      details: [
        "alert": String(alert.id), "detector": alert.detector,
        "severity": alert.severity.rawValue, "technique": alert.technique ?? "",
        "incident": alert.incident.map(String.init) ?? "",
      ])
    return alert
  }

  /// The data-poisoning drill: an attacker with write access to the landing zone appends
  /// `rate × rows` rows copied from real ones with every numeric column pushed to three times
  /// its maximum, as a new landing version. Audited as a drill (start and stop).
  public func poison(_ dataset: String, rate: Double, seed: UInt64, as p: Principal)
    throws(EngineError) -> DatasetVersion
  {
    guard rate > 0, rate <= 1 else {
      throw .invalidRequest("--rate must be in (0, 1], got \(rate)")
    }
    let (source, table): (DatasetVersion, DataTable) = try engineCall {
      try governance.authorize(
        p.name, .drillRun, target: Self.target(dataset),
        details: ["drill": "data-poison", "rate": String(rate)], auditAllowed: false)
      let versions = try governance.store.writer.read {
        try DatasetStore.versions(of: dataset, in: $0)
      }
      guard let v = versions.last(where: { $0.zone == .landing }) else {
        throw EngineError.invalidRequest("dataset \(dataset) has no landing version to poison")
      }
      return (v, try openLanding(v))
    }
    var poisoned = table
    var state = seed &+ 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    let maxima = table.cells.map { column -> Double? in
      let numbers = column.compactMap { Double($0) }
      // Numeric columns only, and finite ones ("inf" parses as a number, and has no triple).
      return numbers.count == column.count && !numbers.isEmpty && numbers.allSatisfy(\.isFinite)
        ? numbers.max() : nil
    }
    let count = max(1, Int((Double(table.rowCount) * rate).rounded()))
    for _ in 0..<count {
      let r = Int(next() % UInt64(max(table.rowCount, 1)))
      for c in 0..<table.columns.count {
        let value: String
        if let m = maxima[c] {
          // Whole numbers stay whole while an Int holds them exactly (a 20-digit id does not).
          let v = max(m, 1) * 3
          value = v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
        } else {
          value = table.rowCount > 0 ? table.cells[c][r] : ""
        }
        poisoned.cells[c].append(value)
      }
      poisoned.lines.append(0)
    }
    let classification =
      (try? governance.store.writer.read { try DatasetStore.classification(of: dataset, in: $0) })
      .flatMap { $0 } ?? .restricted
    let version = try ingest(
      bytes: CSVWriter.write(poisoned), format: .csv, source: "drill:data-poison",
      dataset: dataset, classification: classification, as: p, drill: true)
    try engineCall {
      try governance.record(
        p.name, "drill.stop", target: Self.target(dataset), outcome: .executed,
        details: [
          "drill": "data-poison", "version": String(version.version),
          "from_version": String(source.version), "rows_injected": String(count),
        ])
    }
    return version
  }
}
