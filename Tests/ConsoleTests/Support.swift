import Console
import ConsoleTesting
import Foundation
import Testing

/// A grid of `width × height` with `body` drawn into it.
func draw(
  _ width: Int, _ height: Int, glyphs: Glyphs = .unicode, theme: Theme = .fallback,
  _ body: (inout Grid, RenderContext) -> Void
) -> Grid {
  var grid = Grid(width: width, height: height)
  body(&grid, RenderContext(theme: theme, glyphs: glyphs))
  return grid
}

/// A widget under test, as a closure over its render method.
struct Sample: Sendable, CustomTestStringConvertible {
  var name: String
  var render: @Sendable (inout Grid, Rect, RenderContext) -> Void
  var testDescription: String { name }
}

/// Deterministic data: a rising, wobbling curve such as a training reward.
func rewardCurve(_ n: Int) -> [Double] {
  (0..<n).map { i in
    let t = Double(i) / Double(max(n - 1, 1))
    return 20 + 460 * t * t + 25 * sin(Double(i) * 0.7)
  }
}

/// One of every widget, with data that exercises long text, NaN and selections.
let samples: [Sample] = [
  Sample(name: "box") { g, a, c in
    Box(title: "A very long title for a box", focused: true).render(into: &g, area: a, context: c)
  },
  Sample(name: "chart") { g, a, c in
    LineChart(
      series: [ChartSeries(name: "reward", values: rewardCurve(50) + [.nan, .infinity, 3])],
      xLabels: ["0", "120k steps"], showsLegend: true
    ).render(into: &g, area: a, context: c)
  },
  Sample(name: "chart-multi") { g, a, c in
    LineChart(
      series: [
        ChartSeries(name: "loss", values: [3, 2, 1.5, 1.2, 1]),
        ChartSeries(name: "entropy", values: [0.7, 0.69, 0.6, .nan, 0.4]),
      ], showsLegend: true
    ).render(into: &g, area: a, context: c)
  },
  Sample(name: "chart-empty") { g, a, c in
    LineChart(series: [ChartSeries(name: "x", values: [.nan])])
      .render(into: &g, area: a, context: c)
  },
  Sample(name: "sparkline") { g, a, c in
    Sparkline(values: [1, 5, .nan, 3, 9, 2, 7]).render(into: &g, area: a, context: c)
  },
  Sample(name: "gauge") { g, a, c in
    Gauge(label: "GPU memory", fraction: 0.737).render(into: &g, area: a, context: c)
  },
  Sample(name: "table") { g, a, c in
    sampleTable(selected: 7).render(into: &g, area: a, context: c)
  },
  Sample(name: "list") { g, a, c in
    ScrollingList(lines: sampleLog(30), offset: 4).render(into: &g, area: a, context: c)
  },
  Sample(name: "tabs") { g, a, c in
    TabBar(titles: ["Overview", "Job", "Logs", "Safety"], active: 1)
      .render(into: &g, area: a, context: c)
  },
  Sample(name: "status") { g, a, c in
    StatusBar(left: [Span("rampart"), Span(" 3 jobs")], right: [Span("12:00:01 · cpu 43%")])
      .render(into: &g, area: a, context: c)
  },
  Sample(name: "help") { g, a, c in
    sampleHelp(offset: 2).render(into: &g, area: a, context: c)
  },
  Sample(name: "prompt") { g, a, c in
    PromptLine(prefix: ":", text: "train --env cartpole --algo ppo", cursor: 5, hint: " --seed")
      .render(into: &g, area: a, context: c)
  },
  Sample(name: "form") { g, a, c in
    sampleForm(error: "steps must be positive").render(into: &g, area: a, context: c)
  },
]

func sampleTable(selected: Int?, count: Int = 12) -> Table {
  let tones: [TableRow.Tone] = [.normal, .ok, .warn, .danger, .muted]
  let rows = (0..<count).map { i in
    TableRow(
      [
        "job-\(i + 1)", i == 3 ? "a-very-long-environment-name" : "cartpole",
        Format.compact(Double(i * i) * 1234.5), i % 4 == 2 ? "paused" : "running",
      ], tone: tones[i % tones.count])
  }
  return Table(
    columns: [
      TableColumn("Job", width: .fixed(7)),
      TableColumn("Environment", width: .flexible(min: 8)),
      TableColumn("Steps", width: .fixed(7), alignment: .right),
      TableColumn("State", width: .fixed(8)),
    ], rows: rows, selected: selected, sort: (column: 2, ascending: false))
}

func sampleLog(_ n: Int) -> [StyledLine] {
  let theme = Theme.fallback
  return (0..<n).map { i in
    let level = i % 7 == 3 ? Span("WARN ", style: theme.warn) : Span("info ", style: theme.muted)
    return [
      Span(Text.fit(Format.duration(seconds: Double(i * 37)), width: 6, alignment: .right)),
      Span(" "), level,
      Span("chunk \(i) done, mean return \(Format.compact(Double(i) * 16.5))"),
    ]
  }
}

func sampleHelp(offset: Int = 0) -> HelpOverlay {
  HelpOverlay(
    sections: [
      HelpSection(
        "Global",
        [
          HelpEntry("1-5", "switch tab"), HelpEntry(":", "command prompt"),
          HelpEntry("/", "search"), HelpEntry("?", "this help"), HelpEntry("q", "quit"),
        ]),
      HelpSection(
        "Jobs",
        [
          HelpEntry("↑/↓ j/k", "select job"), HelpEntry("Enter", "open job"),
          HelpEntry("p", "pause or resume"), HelpEntry("x", "cancel job"),
        ]),
    ], offset: offset)
}

func sampleForm(error: String? = nil, focused: Int = 1) -> Form {
  Form(
    title: "New job",
    fields: [
      FormField("Environment", value: "cartpole", kind: .choice(["cartpole", "frozenlake"])),
      FormField("Algorithm", value: "ppo", kind: .choice(["ppo", "q-learning"])),
      FormField("Steps", value: "100000", kind: .number),
      FormField("Name", value: "baseline", kind: .text),
    ], focused: focused, error: error)
}

/// Whether every character of `grid` is ASCII.
func isASCII(_ grid: Grid) -> Bool {
  grid.text.unicodeScalars.allSatisfy { $0.isASCII }
}
