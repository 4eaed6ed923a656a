import DataPipeline
import Engine
import Foundation
import Governance

/// Screen 8: datasets and their zones; the selected dataset's versions with lineage, k-anonymity
/// and drift; the selected version's PII findings and transform; recent accesses to the dataset
/// from the audit log (for principals who may read it).
struct DataScreen {
  let data: GovernanceData
  let selected: String?
  let versionSelected: Int?
  let calendar: Calendar
  let context: RenderContext

  static let datasetColumns: [TableColumn] = [
    TableColumn("DATASET", width: .flexible(min: 12)),
    TableColumn("CLASS", width: .fixed(12)),
    TableColumn("VERSIONS", width: .fixed(8), alignment: .right),
    TableColumn("LANDING", width: .fixed(7), alignment: .right),
    TableColumn("PROCESSED", width: .fixed(9), alignment: .right),
    TableColumn("CREATED", width: .fixed(19)),
    TableColumn("BY", width: .fixed(10)),
  ]

  static let versionColumns: [TableColumn] = [
    TableColumn("VER", width: .fixed(4), alignment: .right),
    TableColumn("ZONE", width: .fixed(10)),
    TableColumn("ROWS", width: .fixed(8), alignment: .right),
    TableColumn("COLS", width: .fixed(4), alignment: .right),
    TableColumn("SHA256", width: .fixed(13)),
    TableColumn("BY", width: .fixed(8)),
    TableColumn("K", width: .fixed(5), alignment: .right),
    TableColumn("PII", width: .fixed(4), alignment: .right),
    TableColumn("DRIFT", width: .fixed(6), alignment: .right),
    TableColumn("LINEAGE", width: .flexible(min: 12)),
  ]

  static let findingColumns: [TableColumn] = [
    TableColumn("COLUMN", width: .flexible(min: 10)),
    TableColumn("FOUND", width: .fixed(14)),
    TableColumn("CELLS", width: .fixed(11), alignment: .right),
    TableColumn("CONF", width: .fixed(5), alignment: .right),
    TableColumn("ROWS", width: .flexible(min: 8)),
  ]

  static let accessColumns: [TableColumn] = [
    TableColumn("TIME", width: .fixed(14)),
    TableColumn("PRINCIPAL", width: .fixed(10)),
    TableColumn("ACTION", width: .fixed(19)),
    TableColumn("OUTCOME", width: .fixed(8)),
    TableColumn("DETAILS", width: .flexible(min: 10)),
  ]

  static func lineage(_ v: DatasetVersion) -> String {
    if let from = v.sourceVersion {
      return "from v\(from) · transform \(GovernanceFormat.abbreviate(v.transformSHA256 ?? "", 8))"
    }
    return v.source ?? "-"
  }

  func render(into grid: inout Grid, area: Rect) {
    let datasets: [DatasetSummary]
    switch data.datasets {
    case .pending:
      let inner = Box(title: "Datasets", focused: true).render(
        into: &grid, area: area, context: context)
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
      return
    case .failed(let message):
      let inner = Box(title: "Datasets", focused: true).render(
        into: &grid, area: area, context: context)
      GovernanceFormat.drawProblem(
        message, prefix: "datasets", into: &grid, area: inner, context: context)
      return
    case .value(let d):
      datasets = d
    }
    let topHeight = min(max(datasets.count + 3, 5), max(area.height * 25 / 100, 5))
    let (top, lower) = area.splitTop(topHeight)
    let inner = Box(title: "Datasets · \(datasets.count)", focused: true).render(
      into: &grid, area: top, context: context)
    let index = datasets.firstIndex { $0.name == selected }
    Table(
      columns: Self.datasetColumns,
      rows: datasets.map {
        TableRow(
          [
            $0.name, $0.classification.rawValue, "\($0.versions)",
            $0.latestLanding.map { "v\($0)" } ?? "-", $0.latestProcessed.map { "v\($0)" } ?? "-",
            GovernanceFormat.dateTime($0.createdAt, calendar), $0.createdBy,
          ], tone: $0.classification == .restricted ? .warn : .normal)
      }, selected: index,
      emptyText: "No datasets: rampart data ingest FILE --dataset NAME --classification C"
    ).render(into: &grid, area: inner, context: context)
    guard let index, lower.height >= 8 else { return }
    let parts = lower.rows([2, 2, 2])
    renderVersions(datasets[index], into: &grid, area: parts[0])
    let halves = parts[1].columns([3, 2])
    renderFindings(into: &grid, area: halves[0])
    renderTransform(into: &grid, area: halves[1])
    renderAccesses(datasets[index], into: &grid, area: parts[2])
  }

  var version: DatasetVersion? {
    data.datasetVersions.value?.first { $0.version == versionSelected }
  }

  private func renderVersions(_ d: DatasetSummary, into grid: inout Grid, area: Rect) {
    let versions = data.datasetVersions.value ?? []
    let inner = Box(title: "Versions · \(d.name) · J K select").render(
      into: &grid, area: area, context: context)
    if case .failed(let message) = data.datasetVersions {
      GovernanceFormat.drawProblem(
        message, prefix: "versions", into: &grid, area: inner, context: context)
      return
    }
    let rows = versions.map { v -> TableRow in
      let worst = v.drift?.map(\.distance).max()
      let drifted = (worst ?? 0) > data.driftThreshold
      return TableRow(
        [
          "v\(v.version)", v.zone.rawValue, ConsoleApp.grouped(Int64(v.rows)), "\(v.columns.count)",
          GovernanceFormat.abbreviate(v.sha256), v.createdBy,
          v.kAnonymity.map(String.init) ?? (v.zone == .processing ? "n/a" : "-"),
          v.pii.map { "\($0.count)" } ?? "-", worst.map { String(format: "%.2f", $0) } ?? "-",
          Self.lineage(v),
        ],
        tone: drifted || v.source?.hasPrefix("drill:") == true
          ? .danger : (v.zone == .landing ? .muted : .normal))
    }
    Table(
      columns: Self.versionColumns, rows: rows,
      selected: versions.firstIndex { $0.version == versionSelected }, emptyText: "No versions"
    ).render(into: &grid, area: inner, context: context)
  }

  private func renderFindings(into grid: inout Grid, area: Rect) {
    let v = version
    let title = v.map { "PII scan · v\($0.version) · s scan" } ?? "PII scan"
    let inner = Box(title: title).render(into: &grid, area: area, context: context)
    guard let v else { return }
    guard let findings = v.pii else {
      grid.write(
        "not scanned yet (s scans it: landing needs data.raw.read)", x: inner.x, y: inner.y,
        style: context.theme.muted)
      return
    }
    let rows = findings.map { f -> TableRow in
      TableRow(
        [
          f.column, f.kind.rawValue, "\(f.count)/\(f.nonEmpty)",
          String(format: "%.2f", f.confidence),
          f.sampleRows.map(String.init).joined(separator: " "),
        ], tone: v.zone == .processing && v.transform?[f.column] == "keep" ? .danger : .normal)
    }
    Table(
      columns: Self.findingColumns, rows: rows,
      emptyText: v.zone == .processing
        ? "No PII found in the processed version" : "No PII found"
    ).render(into: &grid, area: inner, context: context)
  }

  private func renderTransform(into grid: inout Grid, area: Rect) {
    let inner = Box(title: "Lineage").render(into: &grid, area: area, context: context)
    guard let v = version else { return }
    var items: [(String, String, Style?)] = [
      ("version", "\(v.label) (\(v.zone.rawValue))", nil),
      ("sha256", GovernanceFormat.abbreviate(v.sha256, 24), nil),
      ("by", "\(v.createdBy) · \(GovernanceFormat.dateTime(v.createdAt, calendar))", nil),
    ]
    if let from = v.sourceVersion {
      items.append(("source", "landing v\(from)", nil))
      items.append(("transform", GovernanceFormat.abbreviate(v.transformSHA256 ?? "", 24), nil))
    } else if let source = v.source {
      items.append(
        ("source", source, source.hasPrefix("drill:") ? context.theme.danger : nil))
    }
    if let qi = v.quasiIdentifiers, !qi.isEmpty {
      items.append(
        (
          "k-anonymity",
          "\(v.kAnonymity.map(String.init) ?? "n/a") over \(qi.joined(separator: ", "))", nil
        ))
    }
    if let t = v.transform {
      for name in v.columns where t[name] != nil { items.append((name, t[name] ?? "", nil)) }
      for (name, action) in t.sorted(by: { $0.key < $1.key }) where !v.columns.contains(name) {
        items.append((name, action, context.theme.muted))
      }
    }
    ScrollingList(lines: GovernanceFormat.pairs(items, width: 12, context: context)).render(
      into: &grid, area: inner, context: context)
  }

  private func renderAccesses(_ d: DatasetSummary, into grid: inout Grid, area: Rect) {
    let inner = Box(title: "Recent accesses · \(d.name) · from the audit log").render(
      into: &grid, area: area, context: context)
    switch data.datasetAccesses {
    case .pending:
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
    case .failed(let message):
      GovernanceFormat.drawProblem(
        message, prefix: "accesses", into: &grid, area: inner, context: context)
    case .value(let rows):
      Table(
        columns: Self.accessColumns,
        rows: rows.map { e in
          TableRow(
            [
              GovernanceFormat.shortDateTime(e.time, calendar), e.principal, e.action, e.outcome,
              e.detailText,
            ],
            tone: e.outcome == "denied" || e.outcome == "failed"
              ? .warn : (e.action.hasPrefix("drill.") ? .danger : .normal))
        }, emptyText: "No access recorded"
      ).render(into: &grid, area: inner, context: context)
    }
  }
}
