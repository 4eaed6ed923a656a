import Console
import ConsoleTesting
import Testing

@Suite struct SparklineTests {
  @Test func lastValuesFitTheWidth() {
    let grid = draw(10, 1) { g, c in
      Sparkline(values: (0..<20).map(Double.init)).render(into: &g, area: g.bounds, context: c)
    }
    // 10…19 scaled to 8 levels.
    #expect(grid.text == "▁▂▃▃▄▅▆▆▇█")
  }

  @Test func fewerValuesThanCellsAndGaps() {
    let grid = draw(8, 1) { g, c in
      Sparkline(values: [0, 7, .nan, 3.5]).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == "▁█ ▅    ")
  }

  @Test func fixedRangeAndASCII() {
    let values: [Double] = [-5, 0, 1, 2, 3, 4, 5, 6, 7, 99]
    let unicode = draw(10, 1) { g, c in
      Sparkline(values: values, range: 0...7).render(into: &g, area: g.bounds, context: c)
    }
    #expect(unicode.text == "▁▁▂▃▄▅▆▇██")
    let ascii = draw(10, 1, glyphs: .ascii) { g, c in
      Sparkline(values: values, range: 0...7).render(into: &g, area: g.bounds, context: c)
    }
    #expect(ascii.text == "  .:-=+*##")
  }

  @Test func levels() {
    #expect(Sparkline.level(of: 0, lower: 0, upper: 1) == 0)
    #expect(Sparkline.level(of: 1, lower: 0, upper: 1) == 7)
    #expect(Sparkline.level(of: 0.5, lower: 0, upper: 1) == 4)
    #expect(Sparkline.level(of: 3, lower: 3, upper: 3) == 4)
    #expect(Sparkline.level(of: .nan, lower: 0, upper: 1) == nil)
    #expect(Sparkline.level(of: -.infinity, lower: 0, upper: 1) == nil)
  }

  @Test func colouredByLevelOrFixedColour() {
    let theme = Theme.fallback
    let graded = draw(2, 1) { g, c in
      Sparkline(values: [0, 1]).render(into: &g, area: g.bounds, context: c)
    }
    #expect(graded[0, 0].style.foreground == theme.graph(0))
    #expect(graded[1, 0].style.foreground == theme.graph(1))
    let fixed = draw(2, 1) { g, c in
      Sparkline(values: [0, 1], color: .rgb(1, 2, 3)).render(into: &g, area: g.bounds, context: c)
    }
    #expect(fixed[1, 0].style.foreground == .rgb(1, 2, 3))
  }
}

@Suite struct GaugeTests {
  @Test func fill() {
    #expect(Gauge.fill(fraction: 0.5, width: 10) == (5, 0))
    #expect(Gauge.fill(fraction: 0.43, width: 10) == (4, 2))
    #expect(Gauge.fill(fraction: 1.5, width: 10) == (10, 0))
    #expect(Gauge.fill(fraction: -1, width: 10) == (0, 0))
    #expect(Gauge.fill(fraction: .nan, width: 10) == (0, 0))
    #expect(Gauge.fill(fraction: 0.5, width: 0) == (0, 0))
  }

  @Test func gauges() {
    let fractions: [Double?] = [0, 0.05, 0.4237, 0.737, 1, nil]
    let grid = draw(36, fractions.count + 3) { g, c in
      for (i, f) in fractions.enumerated() {
        Gauge(label: "cpu \(i)", fraction: f)
          .render(into: &g, area: Rect(x: 0, y: i, width: 36, height: 1), context: c)
      }
      let y = fractions.count
      Gauge(label: "memory", fraction: 0.25, text: "2.0/8.0 GB", labelWidth: 5)
        .render(into: &g, area: Rect(x: 0, y: y, width: 36, height: 1), context: c)
      Gauge(label: "a label too long", fraction: 0.5)
        .render(into: &g, area: Rect(x: 0, y: y + 1, width: 10, height: 1), context: c)
      Gauge(label: "tiny", fraction: 0.5)
        .render(into: &g, area: Rect(x: 0, y: y + 2, width: 5, height: 1), context: c)
    }
    assertSnapshot(grid, named: "gauges")
  }

  @Test func ascii() {
    let grid = draw(24, 1, glyphs: .ascii) { g, c in
      Gauge(label: "gpu", fraction: 0.4237).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == "gpu ######---------  42%")
  }

  @Test func colourFollowsTheMeterGradient() {
    let theme = Theme.fallback
    for f in [0.1, 0.5, 0.95] {
      let grid = draw(20, 1) { g, c in
        Gauge(fraction: f).render(into: &g, area: g.bounds, context: c)
      }
      #expect(grid[0, 0].style.foreground == theme.meter(f))
    }
  }
}
