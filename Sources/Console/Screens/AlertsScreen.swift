import Detection
import Engine
import Foundation

/// Screen 6: the alerts, newest first and filtered (`/severity:high job:ID detector:NAME`); the
/// selected alert in full and its evidence (the window that tripped the detector against its
/// threshold).
struct AlertsScreen {
  let data: DetectionData
  let selected: Int64?
  let filter: AlertFilter
  let calendar: Calendar
  let context: RenderContext

  static let columns: [TableColumn] = [
    TableColumn("ID", width: .fixed(5), alignment: .right),
    TableColumn("TIME", width: .fixed(14)),
    TableColumn("SEVERITY", width: .fixed(8)),
    TableColumn("DETECTOR", width: .fixed(20)),
    TableColumn("JOB", width: .fixed(9)),
    TableColumn("ATLAS", width: .fixed(9)),
    TableColumn("INCIDENT", width: .fixed(16)),
    TableColumn("SUMMARY", width: .flexible(min: 20)),
  ]

  /// Without the time and technique, for terminals narrower than 120 columns.
  static let narrowColumns: [TableColumn] = columns.filter {
    !["TIME", "ATLAS"].contains($0.title)
  }
  .map {
    switch $0.title {
    case "SUMMARY": TableColumn("SUMMARY", width: .flexible(min: 12))
    case "INCIDENT": TableColumn("INCIDENT", width: .fixed(12))
    default: $0
    }
  }

  /// `3 open`: the incident and its status.
  func incidentText(_ a: Alert) -> String {
    guard let id = a.incident else { return "—" }
    return data.incidentStatus[id].map { "\(id) \($0.rawValue)" } ?? "\(id)"
  }

  func row(_ a: Alert, narrow: Bool) -> TableRow {
    var cells = [
      "\(a.id)", GovernanceFormat.shortDateTime(a.time, calendar), a.severity.rawValue,
      a.detector, DetectionFormat.subject(a), a.technique ?? "—",
      incidentText(a), a.summary,
    ]
    if narrow {
      cells.remove(at: 5)
      cells.remove(at: 1)
    }
    return TableRow(cells, tone: DetectionFormat.tone(a.severity))
  }

  func render(into grid: inout Grid, area: Rect) {
    let alerts: [Alert]
    switch data.alerts {
    case .pending:
      let inner = Box(title: "Alerts", focused: true).render(
        into: &grid, area: area, context: context)
      grid.write("loading…", x: inner.x, y: inner.y, style: context.theme.muted)
      return
    case .failed(let message):
      let inner = Box(title: "Alerts", focused: true).render(
        into: &grid, area: area, context: context)
      GovernanceFormat.drawProblem(
        message, prefix: "alerts", into: &grid, area: inner, context: context)
      return
    case .value(let a):
      alerts = a
    }
    let tableHeight = max(min(alerts.count + 3, area.height * 55 / 100), 5)
    let (top, lower) = area.splitTop(tableHeight)
    let counts = AlertCounts(alerts)
    let levels = Severity.allCases.reversed().filter { counts[$0] > 0 }
      .map { "\(counts[$0]) \($0.rawValue)" }.joined(separator: " · ")
    var title = "Alerts · \(alerts.count) shown"
    if !levels.isEmpty { title += " · \(levels)" }
    if !filter.isEmpty { title += " · filter \(filter.text)" }
    let inner = Box(title: title, focused: true).render(into: &grid, area: top, context: context)
    let index = alerts.firstIndex { $0.id == selected }
    let narrow = inner.width < 120
    Table(
      columns: narrow ? Self.narrowColumns : Self.columns,
      rows: alerts.map { row($0, narrow: narrow) }, selected: index,
      emptyText: filter.isEmpty
        ? "No alerts: the detectors have found nothing" : "No alert matches the filter"
    ).render(into: &grid, area: inner, context: context)
    guard let index, lower.height >= 4 else { return }
    let alert = alerts[index]
    let panels = lower.columns([1, 1])
    renderAlert(alert, into: &grid, area: panels[0])
    let evidence = Box(title: "Evidence · \(alert.detector)").render(
      into: &grid, area: panels[1], context: context)
    EvidenceView(alert: alert, context: context).render(into: &grid, area: evidence)
  }

  private func renderAlert(_ a: Alert, into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Alert \(a.id) · \(a.severity.rawValue)").render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    var lines: [StyledLine] = GovernanceFormat.wrap(a.summary, width: inner.width).map {
      [Span($0, style: DetectionFormat.style(a.severity, theme))]
    }
    var items: [(String, String, Style?)] = [
      ("time", GovernanceFormat.dateTime(a.time, calendar), nil),
      ("detector", a.detector, nil),
      ("severity", a.severity.rawValue, DetectionFormat.style(a.severity, theme)),
      ("technique", DetectionFormat.technique(a.technique), nil),
    ]
    if let job = a.job { items.append(("job", job, nil)) }
    if let p = a.principal { items.append(("principal", p, nil)) }
    items.append(
      (
        "incident",
        a.incident == nil ? "none" : "\(incidentText(a))  (Enter opens it, a acknowledges it)",
        a.incident == nil ? theme.muted : nil
      ))
    lines.append([])
    lines += GovernanceFormat.pairs(items, width: 11, context: context)
    ScrollingList(lines: lines).render(into: &grid, area: inner, context: context)
  }
}

/// An alert's evidence: the value against the threshold at its step, the detector's details,
/// and its window as a chart with the threshold drawn across it (a sparkline when short).
struct EvidenceView {
  let alert: Alert
  let context: RenderContext

  var lines: [StyledLine] {
    let theme = context.theme
    let e = alert.evidence
    var first: StyledLine = [
      Span("value ", style: theme.muted),
      Span(DetectionFormat.value(e.value), style: DetectionFormat.style(alert.severity, theme)),
      Span(
        e.value > e.threshold ? " > " : e.value == e.threshold ? " = " : " vs ", style: theme.muted),
      Span("threshold ", style: theme.muted),
      Span(DetectionFormat.value(e.threshold), style: theme.text),
    ]
    // A step only means something for an alert on a job (not on a principal or a dataset).
    if alert.job != nil {
      first += [
        Span(" · step ", style: theme.muted), Span(DetectionFormat.step(e.step), style: theme.text),
      ]
    }
    var lines: [StyledLine] = [first]
    let details = e.details.keys.sorted().map { "\($0)=\(e.details[$0] ?? "")" }
    if !details.isEmpty {
      lines.append([Span(details.joined(separator: " "), style: theme.muted)])
    }
    return lines
  }

  func render(into grid: inout Grid, area: Rect) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    let text = lines
    let e = alert.evidence
    let chartRows = area.height - text.count
    let finite = e.window.filter(\.isFinite)
    guard finite.count >= 4, chartRows >= 4 else {
      // A short window is listed; a longer one without room for a chart is a sparkline.
      var all = text
      if finite.count < 4, !e.window.isEmpty {
        all.append([
          Span("window ", style: theme.muted),
          Span(e.window.map(DetectionFormat.value).joined(separator: ", "), style: theme.text),
        ])
      } else if !finite.isEmpty {
        all.append([Span("window ", style: theme.muted), Span(sparkline(width: area.width - 8))])
      }
      ScrollingList(lines: all, showsScrollIndicator: false).render(
        into: &grid, area: area, context: context)
      return
    }
    ScrollingList(lines: text, showsScrollIndicator: false).render(
      into: &grid, area: Rect(x: area.x, y: area.y, width: area.width, height: text.count),
      context: context)
    let chart = Rect(x: area.x, y: area.y + text.count, width: area.width, height: chartRows)
    LineChart(
      series: [
        ChartSeries(name: "window", values: e.window, color: theme.series(0)),
        ChartSeries(
          name: "threshold \(DetectionFormat.value(e.threshold))",
          values: Array(repeating: e.threshold, count: e.window.count),
          color: theme.isMonochrome ? nil : theme[.danger]),
      ],
      xLabels: ["oldest", alert.job == nil ? "newest" : "step \(DetectionFormat.step(e.step))"],
      showsLegend: true
    ).render(into: &grid, area: chart, context: context)
  }

  /// The window in block levels, scaled with the threshold in range.
  private func sparkline(width: Int) -> String {
    let e = alert.evidence
    let values = e.window.suffix(max(width, 1))
    let finite = values.filter(\.isFinite) + [e.threshold]
    let lo = finite.min() ?? 0
    let hi = finite.max() ?? 0
    let blocks: [Character] =
      context.glyphs == .ascii
      ? [" ", ".", ":", "-", "=", "+", "*", "#"] : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    return String(
      values.map { v in
        Sparkline.level(of: v, lower: lo, upper: hi).map { blocks[$0] } ?? " "
      })
  }
}
