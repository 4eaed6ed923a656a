import Detection
import Engine
import Foundation
import Governance

/// Screen 7: one incident in depth: its header, the timeline (alerts, audit entries on the job,
/// notes), the evidence of its alerts, the job's reward around the selected alert with its step
/// marked, and the models trained by the job. Actions on keys (a o n Q L R), through the Engine.
struct IncidentScreen {
  let data: DetectionData
  let selectedAlert: Int64?
  let timelineScroll: Int
  let calendar: Calendar
  let context: RenderContext

  func render(into grid: inout Grid, area: Rect) {
    let view: IncidentView
    switch data.incident {
    case .pending:
      let inner = Box(title: "Incident", focused: true).render(
        into: &grid, area: area, context: context)
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
      return
    case .failed(let message):
      let inner = Box(title: "Incident", focused: true).render(
        into: &grid, area: area, context: context)
      GovernanceFormat.drawProblem(
        message, prefix: "incident", into: &grid, area: inner, context: context)
      return
    case .value(let v):
      view = v
    }
    let (header, body) = area.splitTop(4)
    renderHeader(view, into: &grid, area: header)
    let columns = body.columns([3, 2])
    let left = columns[0].rows([1, 1])
    let right = columns[1].rows([3, 2])
    let alert = view.alerts.first { $0.id == selectedAlert } ?? view.alerts.last
    renderTimeline(view, into: &grid, area: left[0])
    renderReward(view, alert: alert, into: &grid, area: left[1])
    renderEvidence(view, alert: alert, into: &grid, area: right[0])
    renderModels(view, into: &grid, area: right[1])
  }

  private func statusStyle(_ s: Incident.Status) -> Style {
    let theme = context.theme
    return switch s {
    case .open: theme.danger
    case .acknowledged, .contained: theme.warn
    case .resolved: theme.ok
    }
  }

  private func renderHeader(_ view: IncidentView, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let i = view.incident
    let inner = Box(title: "Incident \(i.id) · \(i.title)", focused: true).render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    var first: StyledLine = [
      Span(i.status.rawValue.uppercased(), style: statusStyle(i.status).with(.bold)),
      Span("  severity ", style: theme.muted),
      Span(i.severity.rawValue, style: DetectionFormat.style(i.severity, theme)),
      Span(" · owner ", style: theme.muted),
      Span(i.owner ?? "unassigned", style: i.owner == nil ? theme.warn : theme.text),
      Span(" · ", style: theme.muted), Span(DetectionFormat.subject(i), style: theme.highlight),
    ]
    if view.quarantined == true { first.append(Span(" QUARANTINED", style: theme.danger)) }
    first += [
      Span(" · opened ", style: theme.muted),
      Span(GovernanceFormat.dateTime(i.openedAt, calendar), style: theme.text),
      Span(" · updated ", style: theme.muted),
      Span(GovernanceFormat.dateTime(i.updatedAt, calendar), style: theme.text),
    ]
    var second: StyledLine = [
      Span("\(view.alerts.count) alert\(view.alerts.count == 1 ? "" : "s")", style: theme.text),
      Span(" · \(i.notes.count) note\(i.notes.count == 1 ? "" : "s")", style: theme.text),
    ]
    if let job = view.job {
      let s = job.summary
      second += [
        Span(" · job ", style: theme.muted), Span(s.name, style: theme.text),
        Span(" (\(s.status.rawValue), owner \(s.owner), ", style: theme.muted),
        Span(
          "\(Format.compact(Double(s.step))) of \(Format.compact(Double(s.budget))) steps)",
          style: theme.muted),
      ]
    } else if let job = i.job {
      second.append(Span(" · job \(job) is not in this engine", style: theme.muted))
    }
    if let last = i.notes.last {
      second += [
        Span(" · last: ", style: theme.muted),
        Span("\(last.principal) \(last.action): \(last.text)", style: theme.text),
      ]
    }
    ScrollingList(lines: [first, second], showsScrollIndicator: false).render(
      into: &grid, area: inner, context: context)
  }

  private func renderTimeline(_ view: IncidentView, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(
      title:
        "Timeline · \(view.timeline.count) \(view.timeline.count == 1 ? "event" : "events") (J K scroll)"
    ).render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    let lines: [StyledLine] = view.timeline.map { item in
      let style: Style =
        switch item.source {
        case "alert": theme.danger
        case "note": theme.highlight
        default: theme.muted
        }
      return [
        Span(GovernanceFormat.shortDateTime(item.time, calendar), style: theme.muted), Span(" "),
        Span(Text.fit(item.source, width: 5), style: style), Span(" "),
        Span(item.text, style: item.source == "audit" ? theme.text : style),
      ]
    }
    let offset = min(
      timelineScroll, ScrollingList.maxOffset(lineCount: lines.count, height: inner.height))
    ScrollingList(
      lines: lines.isEmpty ? [[Span("nothing yet", style: theme.muted)]] : lines, offset: offset
    ).render(into: &grid, area: inner, context: context)
  }

  /// The job's episode return around the alert's step (up to 60 points either side), the step
  /// marked with a vertical line.
  private func renderReward(
    _ view: IncidentView, alert: Alert?, into grid: inout Grid, area: Rect
  ) {
    let theme = context.theme
    let step = alert?.evidence.step
    let title =
      step.map { "Return around step \(DetectionFormat.step($0)) (marked ┊)" } ?? "Return"
    let inner = Box(title: title).render(into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    guard let detail = view.job else {
      let why =
        view.incident.job == nil
        ? "a principal's incident: no training curve"
        : "the job's metrics are not in this engine (it ran in another process)"
      grid.drawText(
        why, x: inner.x, y: inner.y + (inner.height - 1) / 2, width: inner.width,
        style: theme.muted, clip: inner, glyphs: context.glyphs, alignment: .center)
      return
    }
    let series = detail.metrics.episodeReturn
    let steps = series.steps
    let values = series.values
    guard let step, !values.isEmpty else {
      LineChart(
        series: [ChartSeries(name: "return", values: values)], emptyMessage: "no finished episodes"
      ).render(into: &grid, area: inner, context: context)
      return
    }
    let at = steps.firstIndex { $0 >= Double(step) } ?? steps.count - 1
    let lo = max(0, at - 60)
    let hi = min(values.count - 1, at + 60)
    let marker = hi > lo ? Double(at - lo) / Double(hi - lo) : 0.5
    LineChart(
      series: [ChartSeries(name: "return", values: Array(values[lo...hi]))],
      xLabels: [
        Format.compact(steps[lo].rounded()), Format.compact(steps[hi].rounded()) + " steps",
      ],
      emptyMessage: "no finished episodes", marker: marker
    ).render(into: &grid, area: inner, context: context)
  }

  private func renderEvidence(
    _ view: IncidentView, alert: Alert?, into grid: inout Grid, area: Rect
  ) {
    let theme = context.theme
    let count = "\(view.alerts.count) alert\(view.alerts.count == 1 ? "" : "s")"
    let inner = Box(title: "Evidence · \(count) (↑↓ select)").render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    guard let alert else {
      grid.write("no alerts", x: inner.x, y: inner.y, style: theme.muted, maxWidth: inner.width)
      return
    }
    // The incident's alerts, one line each (the selected one marked), then its evidence.
    let listHeight = min(view.alerts.count, max(inner.height / 3, 1))
    let index = view.alerts.firstIndex { $0.id == alert.id } ?? 0
    let marker = context.glyphs == .ascii ? ">" : "▶"
    let rows: [StyledLine] = view.alerts.map { a in
      let chosen = a.id == alert.id
      return [
        Span(chosen ? marker : " ", style: theme.highlight),
        Span(Text.fit("\(a.id)", width: 4, alignment: .right), style: theme.muted), Span(" "),
        Span(
          Text.fit(a.severity.rawValue, width: 8), style: DetectionFormat.style(a.severity, theme)),
        Span(" "),
        Span(a.detector, style: chosen ? theme.title : theme.text),
        Span(" · \(DetectionFormat.technique(a.technique))", style: theme.muted),
      ]
    }
    let offset = min(
      max(0, index - listHeight + 1),
      ScrollingList.maxOffset(lineCount: rows.count, height: listHeight))
    ScrollingList(lines: rows, offset: offset).render(
      into: &grid, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: listHeight),
      context: context)
    var rest = inner.inset(top: listHeight)
    guard rest.height >= 2 else { return }
    let summary = GovernanceFormat.wrap(alert.summary, width: rest.width).prefix(2)
    for (i, line) in summary.enumerated() {
      grid.write(
        line, x: rest.x, y: rest.y + 1 + i, style: DetectionFormat.style(alert.severity, theme),
        maxWidth: rest.width)
    }
    rest = rest.inset(top: 1 + summary.count)
    EvidenceView(alert: alert, context: context).render(into: &grid, area: rest)
  }

  private func renderModels(_ view: IncidentView, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Models and datasets from the job").render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    var lines: [StyledLine] = []
    switch view.models {
    case .pending:
      lines = [[Span("loading…", style: theme.muted)]]
    case .failed(let message):
      lines = GovernanceFormat.wrap("not shown: \(message)", width: inner.width).map {
        [Span($0, style: theme.muted)]
      }
    case .value(let versions) where versions.isEmpty:
      lines = [
        [
          Span(
            view.incident.job == nil
              ? "a principal's incident: no job, no models" : "no model registered from the job",
            style: theme.muted)
        ]
      ]
    case .value(let versions):
      for v in versions {
        lines.append([
          Span("\(v.model) v\(v.version)", style: theme.highlight),
          Span(
            " · \(v.status) · \(GovernanceFormat.dateTime(v.createdAt, calendar))",
            style: theme.text),
          Span(
            " · sha256 \(GovernanceFormat.abbreviate(v.artifactSHA256, 12))", style: theme.muted),
        ])
        if let dataset = v.provenance.datasetID {
          lines.append([Span("  dataset ", style: theme.muted), Span(dataset, style: theme.text)])
        }
      }
    }
    if view.quarantined == true {
      lines.append([
        Span(
          "job quarantined: the promotion gate refuses its models (L lifts, with a note)",
          style: theme.danger)
      ])
    }
    ScrollingList(lines: lines).render(into: &grid, area: inner, context: context)
  }
}
