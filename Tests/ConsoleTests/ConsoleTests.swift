import Console
import ConsoleTesting
import Foundation
import Testing

/// Properties every widget keeps: it draws only inside its area, survives any area (empty, one
/// cell, partly off the grid) and uses only ASCII with ASCII glyphs.
@Suite struct WidgetContractTests {
  static let areas: [Rect] = [
    Rect(x: 3, y: 3, width: 0, height: 0), Rect(x: 3, y: 3, width: 0, height: 5),
    Rect(x: 3, y: 3, width: 5, height: 0), Rect(x: 3, y: 3, width: 1, height: 1),
    Rect(x: 3, y: 3, width: 2, height: 1), Rect(x: 3, y: 3, width: 1, height: 2),
    Rect(x: 3, y: 3, width: 2, height: 2), Rect(x: 3, y: 3, width: 3, height: 3),
    Rect(x: 2, y: 1, width: 7, height: 4), Rect(x: 1, y: 2, width: 16, height: 3),
    Rect(x: 1, y: 1, width: 40, height: 12), Rect(x: -5, y: -3, width: 20, height: 9),
    Rect(x: 30, y: 10, width: 30, height: 20), Rect(x: 50, y: 20, width: 4, height: 4),
  ]

  @Test(arguments: samples)
  func drawsOnlyInsideItsArea(sample: Sample) {
    let sentinel = Cell("@", style: Style(attributes: .italic))
    for glyphs in [Glyphs.unicode, .ascii] {
      for area in Self.areas {
        var grid = Grid(width: 44, height: 16, fill: sentinel)
        sample.render(&grid, area, RenderContext(glyphs: glyphs))
        for y in 0..<grid.height {
          for x in 0..<grid.width where !area.contains(x: x, y: y) {
            #expect(grid[x, y] == sentinel, "\(sample.name) drew at (\(x),\(y)) outside \(area)")
          }
        }
      }
    }
  }

  @Test(arguments: samples)
  func asciiGlyphsAreASCII(sample: Sample) {
    for area in Self.areas {
      var grid = Grid(width: 44, height: 16)
      sample.render(&grid, area, RenderContext(glyphs: .ascii))
      #expect(isASCII(grid), "\(sample.name) in \(area)")
    }
  }

  @Test(arguments: samples)
  func monochromeThemeHasNoColour(sample: Sample) {
    var grid = Grid(width: 44, height: 16)
    sample.render(&grid, grid.bounds, RenderContext(theme: Theme.fallback.monochrome))
    let coloured = grid.cells.filter {
      $0.style.foreground != .terminalDefault || $0.style.background != .terminalDefault
    }
    // Spans built with the colour theme in the sample data keep their colours; nothing else may.
    if !["list", "status"].contains(sample.name) { #expect(coloured.isEmpty, "\(sample.name)") }
  }

  @Test func controlCharactersAreNotWritten() {
    let grid = draw(12, 1) { g, c in
      StatusBar(left: [Span("a\tb\nc\u{1B}[0m")]).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == "a b c [0m   ")
  }
}

/// A full 200x60 console of widgets, as the app draws every frame (data built beforehand).
@Suite struct RenderBudgetTests {
  let series = [
    ChartSeries(name: "reward", values: rewardCurve(5000)),
    ChartSeries(name: "baseline", values: rewardCurve(3000).map { $0 * 0.8 }),
  ]
  let sparkline = Sparkline(values: rewardCurve(400))
  let table = sampleTable(selected: 30, count: 200)
  let log = ScrollingList(lines: sampleLog(500), followsTail: true)
  let tabs = TabBar(titles: ["Overview", "Job", "Logs", "Safety", "Telemetry"], active: 1)
  let status = StatusBar(left: [Span("rampart")], right: [Span("cpu 43%")])

  func screen(_ grid: inout Grid, _ context: RenderContext) {
    let (top, rest) = grid.bounds.splitTop(1)
    let (body, bottom) = rest.splitBottom(1)
    tabs.render(into: &grid, area: top, context: context)
    let columns = body.columns([3, 2])
    for (i, area) in columns[0].rows([1, 1, 1]).enumerated() {
      let inner = Box(title: "Chart \(i)", focused: i == 0).render(
        into: &grid, area: area, context: context)
      LineChart(
        series: i == 2 ? series : [series[0]], xLabels: ["0", "120k steps"], showsLegend: i == 2
      ).render(into: &grid, area: inner, context: context)
    }
    let side = columns[1].rows([2, 1, 2])
    let tableArea = Box(title: "Jobs").render(into: &grid, area: side[0], context: context)
    table.render(into: &grid, area: tableArea, context: context)
    let gauges = Box(title: "Resources").render(into: &grid, area: side[1], context: context)
    for r in 0..<gauges.height {
      let row = Rect(x: gauges.x, y: gauges.y + r, width: gauges.width, height: 1)
      if r % 2 == 0 {
        Gauge(label: "gpu \(r)", fraction: Double(r) / Double(gauges.height))
          .render(into: &grid, area: row, context: context)
      } else {
        sparkline.render(into: &grid, area: row, context: context)
      }
    }
    let logArea = Box(title: "Log").render(into: &grid, area: side[2], context: context)
    log.render(into: &grid, area: logArea, context: context)
    status.render(into: &grid, area: bottom, context: context)
  }

  @Test func fullScreen() {
    let context = RenderContext()
    var grid = Grid(width: 200, height: 60)
    screen(&grid, context)  // warm up
    let frames = 50
    let start = ContinuousClock.now
    for _ in 0..<frames {
      grid = Grid(width: 200, height: 60)
      screen(&grid, context)
    }
    let perFrame = (ContinuousClock.now - start) / frames
    print("note: a 200x60 screen of widgets renders in \(perFrame) per frame")
    // Debug builds are far slower than release (where the budget is 2 ms); this only catches
    // accidental blow-ups.
    #expect(perFrame < .milliseconds(100))
    #expect(grid.text.contains("120k steps") && grid.text.contains("job-31"))
  }
}
