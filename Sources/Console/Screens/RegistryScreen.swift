import Engine
import Foundation
import Governance

/// Screen 4: the registry's models; the selected model's versions and its alias history (who
/// moved which alias to which version, when and why).
struct RegistryScreen {
  let data: GovernanceData
  let selected: String?
  let historyScroll: Int
  let calendar: Calendar
  let context: RenderContext

  static let modelColumns: [TableColumn] = [
    TableColumn("MODEL", width: .flexible(min: 16)),
    TableColumn("VERSIONS", width: .fixed(8), alignment: .right),
    TableColumn("LATEST", width: .fixed(6), alignment: .right),
    TableColumn("ALIASES", width: .flexible(min: 20)),
    TableColumn("CREATED", width: .fixed(19)),
    TableColumn("BY", width: .fixed(10)),
  ]

  static let versionColumns: [TableColumn] = [
    TableColumn("VER", width: .fixed(4), alignment: .right),
    TableColumn("STATUS", width: .fixed(9)),
    TableColumn("CREATED", width: .fixed(14)),
    TableColumn("BY", width: .fixed(8)),
    TableColumn("SHA256", width: .fixed(13)),
    TableColumn("RETURN", width: .fixed(7), alignment: .right),
    TableColumn("ALIASES", width: .flexible(min: 8)),
    TableColumn("JOB", width: .flexible(min: 6)),
  ]

  static let historyColumns: [TableColumn] = [
    TableColumn("TIME", width: .fixed(19)),
    TableColumn("ALIAS", width: .fixed(10)),
    TableColumn("VERSION", width: .fixed(7)),
    TableColumn("BY", width: .fixed(10)),
    TableColumn("REQUEST", width: .fixed(7), alignment: .right),
    TableColumn("REASON", width: .flexible(min: 12)),
  ]

  static func aliasText(_ aliases: [String: Int]) -> String {
    aliases.keys.sorted().map { "\($0)→v\(aliases[$0] ?? 0)" }.joined(separator: " ")
  }

  func render(into grid: inout Grid, area: Rect) {
    let models: [ModelSummary]
    switch data.models {
    case .pending:
      let inner = Box(title: "Models", focused: true).render(
        into: &grid, area: area, context: context)
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
      return
    case .failed(let message):
      let inner = Box(title: "Models", focused: true).render(
        into: &grid, area: area, context: context)
      GovernanceFormat.drawProblem(
        message, prefix: "registry", into: &grid, area: inner, context: context)
      return
    case .value(let m):
      models = m
    }
    let modelHeight = min(max(models.count + 3, 5), max(area.height * 30 / 100, 5))
    let (top, lower) = area.splitTop(modelHeight)
    let inner = Box(title: "Models · \(models.count)", focused: true).render(
      into: &grid, area: top, context: context)
    let index = models.firstIndex { $0.name == selected }
    Table(
      columns: Self.modelColumns,
      rows: models.map {
        TableRow([
          $0.name, "\($0.versions)", "v\($0.latest)", Self.aliasText($0.aliases),
          GovernanceFormat.dateTime($0.createdAt, calendar), $0.createdBy,
        ])
      }, selected: index,
      emptyText: "No models yet: a training job that completes registers a candidate"
    ).render(into: &grid, area: inner, context: context)
    guard let index, lower.height >= 6 else { return }
    let model = models[index]
    let parts = lower.rows([1, 1])
    renderVersions(model, into: &grid, area: parts[0])
    renderHistory(model, into: &grid, area: parts[1])
  }

  private func renderVersions(_ model: ModelSummary, into grid: inout Grid, area: Rect) {
    let versions = data.versions.value ?? []
    let inner = Box(title: "Versions · \(model.name) · \(versions.count)").render(
      into: &grid, area: area, context: context)
    if case .failed(let message) = data.versions {
      GovernanceFormat.drawProblem(
        message, prefix: "versions", into: &grid, area: inner, context: context)
      return
    }
    let rows = versions.map { v -> TableRow in
      TableRow(
        [
          "v\(v.version)", v.status, GovernanceFormat.shortDateTime(v.createdAt, calendar),
          v.createdBy,
          GovernanceFormat.abbreviate(v.artifactSHA256),
          GovernanceFormat.figure(v.provenance.evaluation.meanReturn),
          v.aliases.sorted().joined(separator: " "), v.job ?? v.provenance.job,
        ], tone: v.status == "archived" ? .muted : (v.aliases.isEmpty ? .normal : .ok))
    }
    Table(columns: Self.versionColumns, rows: rows, emptyText: "No versions").render(
      into: &grid, area: inner, context: context)
  }

  private func renderHistory(_ model: ModelSummary, into grid: inout Grid, area: Rect) {
    let events = data.history.value ?? []
    let inner = Box(title: "Alias history · \(model.name) · newest first").render(
      into: &grid, area: area, context: context)
    if case .failed(let message) = data.history {
      GovernanceFormat.drawProblem(
        message, prefix: "history", into: &grid, area: inner, context: context)
      return
    }
    let shown = Array(events.dropFirst(min(historyScroll, max(events.count - 1, 0))))
    let rows = shown.map { e -> TableRow in
      TableRow(
        [
          GovernanceFormat.dateTime(e.time, calendar), e.alias,
          e.version.map { "→ v\($0)" } ?? "cleared", e.principal, e.request.map { "\($0)" } ?? "-",
          e.reason,
        ])
    }
    Table(
      columns: Self.historyColumns, rows: rows,
      emptyText: "No alias has pointed at a version of this model yet"
    ).render(into: &grid, area: inner, context: context)
  }
}
