import Detection
import Engine
import Foundation

/// Screen 1: the jobs table, the live alert feed (for principals who may read alerts), the
/// selected job's reward and loss curves, its CPU history and the host's GPUs.
struct OverviewScreen {
  let app: ConsoleApp
  let snapshot: EngineSnapshot
  let detail: JobDetail?
  let detection: DetectionData

  static let columns: [TableColumn] = [
    TableColumn("ID", width: .fixed(8)),
    TableColumn("NAME", width: .flexible(min: 12)),
    TableColumn("OWNER", width: .fixed(10)),
    TableColumn("ENV", width: .fixed(13)),
    TableColumn("ALGO", width: .fixed(10)),
    TableColumn("STATUS", width: .fixed(11)),
    TableColumn("STEP", width: .fixed(9), alignment: .right),
    TableColumn("RETURN", width: .fixed(8), alignment: .right),
    TableColumn("LOSS", width: .fixed(8), alignment: .right),
    TableColumn("CPU%", width: .fixed(5), alignment: .right),
    TableColumn("GPU", width: .fixed(4), alignment: .right),
    TableColumn("VETOES", width: .fixed(8), alignment: .right),
  ]

  static func row(_ j: JobSummary) -> TableRow {
    var tone: TableRow.Tone =
      switch j.status {
      case .failed: .danger
      case .paused: .warn
      case .stopped, .completed: .muted
      case .queued, .running: .normal
      }
    if j.quarantined { tone = .danger }
    let gpu: String =
      switch j.gpu {
      case .none: "-"
      case .device(let index, _): "#\(index)"
      }
    return TableRow(
      [
        j.id.short, j.name, j.owner.name, j.environment.rawValue, j.algorithm.rawValue,
        j.quarantined && !j.status.isFinal ? "quarantined" : j.status.rawValue,
        Format.compact(Double(j.step)), Format.compact(j.recentReturn),
        Format.compact(j.policyLoss), String(format: "%.0f", j.cpuPercent), gpu,
        Format.compact(Double(j.vetoes)),
      ], tone: tone)
  }

  /// Draws the screen; returns the table's rows on screen (for mouse hits).
  func render(into grid: inout Grid, area: Rect) -> (rows: [(y: Int, index: Int)], x: Range<Int>) {
    let context = app.context
    let jobs = app.visibleJobs(snapshot)
    let tableHeight = min(max(jobs.count + 3, 6), max(area.height * 45 / 100, 6))
    let (tableArea, lower) = area.splitTop(tableHeight)
    let title =
      "Jobs \(jobs.count)\(app.filter.isEmpty ? "" : " of \(snapshot.jobs.count), filter /\(app.filter)")"
    let inner = Box(title: title, focused: true).render(
      into: &grid, area: tableArea, context: context)
    let selectedIndex = jobs.firstIndex { $0.id == app.selected }
    let table = Table(
      columns: Self.columns, rows: jobs.map(Self.row), selected: selectedIndex,
      sort: (app.sort.column.rawValue, app.sort.ascending),
      emptyText: snapshot.jobs.isEmpty
        ? "No jobs yet: press n to submit one" : "No job matches the filter")
    table.render(into: &grid, area: inner, context: context)
    var rows: [(y: Int, index: Int)] = []
    for y in inner.y..<inner.maxY {
      if let index = table.rowIndex(atY: y, area: inner) { rows.append((y, index)) }
    }
    var panels = lower
    if let feed = detection.feed, lower.height >= 5 + 3 {
      // Five lines when there is room, so the panels do not jump as alerts arrive.
      let (feedArea, rest) = lower.splitTop(lower.height >= 7 + 8 ? 7 : 3)
      renderFeed(feed, into: &grid, area: feedArea)
      panels = rest
    }
    renderPanels(into: &grid, area: panels)
    return (rows, inner.x..<inner.maxX)
  }

  /// The unresolved alerts, worst then newest first, one line each, and their counts by severity.
  private func renderFeed(_ feed: [Alert], into grid: inout Grid, area: Rect) {
    let context = app.context
    let theme = context.theme
    let counts = detection.counts.map { c in
      DetectionFormat.counts(c, theme).map(\.text).joined()
    }
    let title = "Alerts · unresolved \(counts ?? "?") · 6 lists them"
    let inner = Box(title: title).render(into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    let lines =
      feed.isEmpty
      ? [[Span("no alerts: the detectors have found nothing", style: theme.muted)]]
      : feed.prefix(5).map { DetectionFormat.feedLine($0, calendar: app.calendar, theme: theme) }
    ScrollingList(lines: lines, showsScrollIndicator: false).render(
      into: &grid, area: inner, context: context)
  }

  private func renderPanels(into grid: inout Grid, area: Rect) {
    guard area.height >= 5 else { return }
    let context = app.context
    let theme = context.theme
    let panels = area.columns([3, 3, 2])
    let name = detail.map { " · \($0.summary.name)" } ?? ""
    let m = detail?.metrics
    let steps = detail.map { Format.compact(Double($0.summary.step)) + " steps" } ?? ""
    let returnArea = Box(title: "Return\(name)").render(
      into: &grid, area: panels[0], context: context)
    LineChart(
      series: [ChartSeries(name: "episode return", values: m?.episodeReturn.values ?? [])],
      xLabels: ["0", steps], showsLegend: false, emptyMessage: "no finished episodes yet"
    ).render(into: &grid, area: returnArea, context: context)
    let lossArea = Box(title: "Loss").render(into: &grid, area: panels[1], context: context)
    LineChart(
      series: [
        ChartSeries(name: "policy", values: m?.policyLoss.values ?? [], color: theme.series(0)),
        ChartSeries(name: "value", values: m?.valueLoss.values ?? [], color: theme.series(1)),
      ],
      xLabels: ["0", steps], showsLegend: true,
      emptyMessage: detail?.spec.algorithm == .qlearning
        ? "tabular Q-learning has no loss" : "no updates yet"
    ).render(into: &grid, area: lossArea, context: context)
    let cpuArea = Box(title: "Resources").render(into: &grid, area: panels[2], context: context)
    renderResources(into: &grid, area: cpuArea)
  }

  private func renderResources(into grid: inout Grid, area: Rect) {
    guard !area.isEmpty else { return }
    let context = app.context
    let theme = context.theme
    var y = area.y
    let total = snapshot.jobs.reduce(0.0) { $0 + ($1.status == .running ? $1.cpuPercent : 0) }
    Gauge(
      label: "jobs CPU", fraction: total / (100 * Double(max(snapshot.workerSlots, 1))),
      text: String(format: "%.0f%% of %d cores", total, snapshot.workerSlots)
    ).render(
      into: &grid, area: Rect(x: area.x, y: y, width: area.width, height: 1), context: context)
    y += 1
    if let d = detail {
      grid.write(
        "\(Text.truncate(d.summary.name, width: 14)) CPU \(String(format: "%.0f%%", d.summary.cpuPercent))"
          + " · \(Format.duration(seconds: d.summary.cpuSeconds)) CPU time",
        x: area.x, y: y, style: theme.muted, maxWidth: area.width)
      y += 1
      let chartHeight = max(0, area.maxY - y - 2)
      if chartHeight >= 2 {
        LineChart(
          series: [ChartSeries(name: "CPU %", values: d.metrics.cpuPercent.values)],
          yRange: 0...100,
          xLabels: [], showsLegend: false, emptyMessage: "no CPU samples yet"
        ).render(
          into: &grid, area: Rect(x: area.x, y: y, width: area.width, height: chartHeight),
          context: context)
        y += chartHeight
      }
    }
    guard y < area.maxY else { return }
    switch snapshot.gpu {
    case .unavailable(let why):
      let reason =
        why.contains("not loaded")
        ? "NVML not found" : why.replacingOccurrences(of: "no GPU: ", with: "")
      grid.write("GPU: none (\(reason))", x: area.x, y: y, style: theme.muted, maxWidth: area.width)
      y += 1
    case .devices(let devices) where devices.isEmpty:
      grid.write("GPU: no devices", x: area.x, y: y, style: theme.muted, maxWidth: area.width)
      y += 1
    case .devices(let devices):
      for d in devices where y < area.maxY {
        // A figure NVML could not read is n/a, never 0.
        let mem: String =
          if let used = d.memoryUsedBytes, let total = d.memoryTotalBytes, total > 0 {
            Format.percent(Double(used) / Double(total))
          } else { "n/a" }
        Gauge(
          label: "GPU\(d.index)", fraction: Double(d.utilizationPercent ?? 0) / 100,
          text: "\(d.utilizationPercent.map { "\($0)%" } ?? "n/a") · mem \(mem)"
        ).render(
          into: &grid, area: Rect(x: area.x, y: y, width: area.width, height: 1), context: context)
        y += 1
      }
    }
    if y < area.maxY {
      grid.write(
        "jobs run on CPU: no GPU use", x: area.x, y: y, style: theme.muted, maxWidth: area.width)
    }
  }
}
