import Engine
import Foundation
import Learning

/// Screen 2: one job in depth: its curves, the live environment with the monitor's vetoes,
/// hyper-parameters and resources.
struct JobScreen {
  let detail: JobDetail
  let now: Date
  let context: RenderContext
  let vetoScroll: Int

  func render(into grid: inout Grid, area: Rect) {
    let (header, body) = area.splitTop(4)
    renderHeader(into: &grid, area: header)
    let columns = body.columns([3, 2])
    renderCharts(into: &grid, area: columns[0])
    let right = columns[1].rows([5, 3, 4])
    let envArea = Box(title: "Environment · \(detail.spec.environment.rawValue)").render(
      into: &grid, area: right[0], context: context)
    EnvironmentView(detail: detail, context: context).render(into: &grid, area: envArea)
    renderVetoes(into: &grid, area: right[1])
    renderSettings(into: &grid, area: right[2])
  }

  private func renderHeader(into grid: inout Grid, area: Rect) {
    let s = detail.summary
    let theme = context.theme
    let inner = Box(title: "\(s.name) · \(s.id.rawValue)", focused: true).render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    var statusStyle: Style =
      switch s.status {
      case .running: theme.ok
      case .failed: theme.danger
      case .paused: theme.warn
      default: theme.muted
      }
    if s.quarantined { statusStyle = theme.danger }
    var x = inner.x
    for (text, style) in [
      (
        s.status.rawValue.uppercased() + (s.quarantined ? " · QUARANTINED" : ""),
        statusStyle.with(.bold)
      ),
      (
        "  \(s.environment.rawValue) · \(s.algorithm.rawValue) · monitor \(s.monitor.rawValue) · owner \(s.owner)",
        theme.text
      ),
      (
        "  episodes \(Format.compact(Double(s.episodes))) · return \(Format.compact(s.recentReturn))",
        theme.text
      ),
    ] {
      x += grid.write(text, x: x, y: inner.y, style: style, maxWidth: inner.maxX - x)
    }
    if let error = s.error {
      grid.write(
        "error: \(error)", x: inner.x, y: inner.y + 1, style: theme.danger, maxWidth: inner.width)
    } else {
      Gauge(
        label: "progress", fraction: Double(s.step) / Double(max(s.budget, 1)),
        text: "\(Format.compact(Double(s.step))) / \(Format.compact(Double(s.budget))) steps"
          // The rate is a running job's: a paused or finished one shows none, not a stale one.
          + ((s.status == .running ? s.stepsPerSecond : nil).map {
            " · \(Format.compact($0)) steps/s"
          } ?? "")
      ).render(
        into: &grid, area: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1),
        context: context)
    }
  }

  private func renderCharts(into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let m = detail.metrics
    let cells = area.rows([1, 1]).flatMap { $0.columns([1, 1]) }
    let steps = ["0", Format.compact(Double(detail.summary.step)) + " steps"]
    let charts: [(String, LineChart)] = [
      (
        "Episode return",
        LineChart(
          series: [ChartSeries(name: "return", values: m.episodeReturn.values)], xLabels: steps,
          showsLegend: false, emptyMessage: "no finished episodes yet")
      ),
      (
        "Losses",
        LineChart(
          series: [
            ChartSeries(name: "policy", values: m.policyLoss.values, color: theme.series(0)),
            ChartSeries(name: "value", values: m.valueLoss.values, color: theme.series(1)),
          ], xLabels: steps, showsLegend: true,
          emptyMessage: detail.spec.algorithm == .qlearning
            ? "tabular Q-learning has no loss" : "no updates yet")
      ),
      (
        detail.spec.environment.hasGoal ? "Success rate" : "Entropy",
        detail.spec.environment.hasGoal
          ? LineChart(
            series: [ChartSeries(name: "success", values: m.success.values)], yRange: 0...1,
            xLabels: steps, showsLegend: false, emptyMessage: "no finished episodes yet")
          : LineChart(
            series: [ChartSeries(name: "entropy", values: m.entropy.values)], xLabels: steps,
            showsLegend: false, emptyMessage: "no updates yet")
      ),
      (
        "Veto rate (\(detail.spec.monitor.mode.rawValue))",
        LineChart(
          series: [ChartSeries(name: "veto rate", values: m.vetoRate.values)], xLabels: steps,
          showsLegend: false,
          emptyMessage: detail.spec.monitor.mode == .off
            ? "monitor off: nothing checked" : "no decisions yet")
      ),
    ]
    for (cell, (title, chart)) in zip(cells, charts) {
      let inner = Box(title: title).render(into: &grid, area: cell, context: context)
      chart.render(into: &grid, area: inner, context: context)
    }
  }

  private func renderVetoes(into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let safety = detail.safety
    let rate = safety.decisions > 0 ? Double(safety.flagged) / Double(safety.decisions) : nil
    let title =
      "Monitor · \(safety.vetoes) vetoes · \(safety.flagged) flagged · rate \(Format.percent(rate, decimals: 1))"
    let inner = Box(title: title).render(into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    let env = detail.spec.environment
    // Slippery ice cannot be made hole-free: the shield lowers the risk (README, Assurance).
    let why =
      safety.violations > 0 && env.isDiscrete && detail.spec.monitor.mode == .enforce
      ? " (slips: shield lowers risk)" : ""
    grid.write(
      "safety violations in training: \(safety.violations)\(why)", x: inner.x, y: inner.y,
      style: safety.violations == 0 ? theme.ok : theme.warn, maxWidth: inner.width)
    var lines: [StyledLine] = detail.recentVetoes.reversed().map { v in
      [
        Span("step \(Format.compact(Double(v.step))) ", style: theme.muted),
        Span(v.enforced ? "VETO " : "would veto ", style: v.enforced ? theme.danger : theme.warn),
        Span("\(env.actionName(v.proposed))", style: theme.text),
        Span(v.enforced ? " → \(env.actionName(v.substituted))" : " (executed)", style: theme.ok),
        Span("  \(v.rule)", style: theme.muted),
      ]
    }
    if lines.isEmpty {
      lines = [
        [
          Span(
            detail.spec.monitor.mode == .off ? "monitor off" : "no vetoes yet", style: theme.muted)
        ]
      ]
    }
    ScrollingList(lines: lines, offset: vetoScroll).render(
      into: &grid, area: inner.inset(top: 1), context: context)
  }

  private func renderSettings(into grid: inout Grid, area: Rect) {
    let theme = context.theme
    let inner = Box(title: "Hyper-parameters · resources").render(
      into: &grid, area: area, context: context)
    guard !inner.isEmpty else { return }
    let s = detail.summary
    var pairs = detail.hyperParameters.map { ($0.name, $0.value) }
    pairs += [
      (
        "CPU",
        "\(String(format: "%.0f%%", s.cpuPercent)) now · \(Format.duration(seconds: s.cpuSeconds))"
      ),
      ("GPU", "none (CPU job)"),
      ("training", Format.duration(seconds: detail.trainingSeconds)),
    ]
    if let t = detail.target {
      pairs.append(
        (
          "target at",
          "\(Format.compact(Double(t.steps))) · \(Format.duration(seconds: t.seconds))"
        ))
    }
    if let e = detail.evaluation {
      // Two short rows rather than one line a half-width column cuts.
      pairs.append(("evaluation", "\(String(format: "%.2f", e.meanReturn)) (\(e.episodes) ep)"))
      pairs.append(("violations", "\(e.safetyViolations) in eval"))
    }
    // One column when the rows allow it (values get the whole width) or when two columns would
    // leave a value no room; else two.
    let single = inner.height >= pairs.count || inner.width < 2 * (14 + 16)
    let half = single ? pairs.count : (pairs.count + 1) / 2
    let columns = single ? [inner] : inner.columns([1, 1])
    for (column, chunk) in zip(columns, [pairs.prefix(half), pairs.dropFirst(half)]) {
      for (i, (name, value)) in chunk.enumerated() where i < column.height {
        let y = column.y + i
        grid.write(Text.fit(name, width: 13), x: column.x, y: y, style: theme.muted)
        grid.write(value, x: column.x + 14, y: y, style: theme.text, maxWidth: column.width - 15)
      }
    }
  }
}
