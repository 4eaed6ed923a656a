import Console
import ConsoleTesting
import Foundation
import Testing

@Suite struct BrailleTests {
  @Test func dotBits() {
    let expected: [(Int, Int, UInt8)] = [
      (0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (0, 3, 0x40),
      (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (1, 3, 0x80),
    ]
    for (column, row, bit) in expected {
      #expect(Braille.bit(column: column, row: row) == bit)
    }
    #expect(Braille.bit(column: 2, row: 0) == 0)
    #expect(Braille.bit(column: 0, row: 4) == 0)
    #expect(Braille.bit(column: -1, row: 0) == 0)
    #expect(Braille.scalar(0) == "\u{2800}")
    #expect(Braille.scalar(0xFF) == "\u{28FF}")
  }

  /// A one-cell chart (no room for the gutter) has 2x4 dots: known points give known patterns.
  @Test(
    arguments: [
      ([0, 1], 0x40 | 0x08 | 0x10 | 0x20),  // bottom left, then joined up to the top right
      ([1, 0], 0x01 | 0x10 | 0x20 | 0x80),  // top left, joined down to the bottom right
      ([0.5, 0.5], 0x04 | 0x20),  // 0.5 of rows 0–3 rounds to row 2 (from the top)
      ([1, 1], 0x01 | 0x08),  // the top row
      ([0, .nan], 0x40),  // a gap
    ] as [([Double], Int)])
  func knownPoints(values: [Double], bits: Int) {
    let grid = draw(1, 1) { g, c in
      LineChart(series: [ChartSeries(name: "s", values: values)], yRange: 0...1)
        .render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid[0, 0].scalar == Braille.scalar(UInt8(bits)))
  }

  @Test func joiningFillsEveryRowBetweenPoints() {
    // Two cells high: 8 dot rows. From the bottom (row 7) to the top (row 0) in one step: the
    // right column holds rows 0–6 (the left one row 7), so both cells of the right column are set.
    let grid = draw(1, 2) { g, c in
      LineChart(series: [ChartSeries(name: "s", values: [0, 1])], yRange: 0...1)
        .render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid[0, 0].scalar == Braille.scalar(0x08 | 0x10 | 0x20 | 0x80))
    #expect(grid[0, 1].scalar == Braille.scalar(0x08 | 0x10 | 0x20 | 0x40))
  }
}

@Suite struct ResampleTests {
  @Test func averagesBuckets() {
    #expect(LineChart.resample([1, 2, 3, 4], to: 2) == [1.5, 3.5])
    #expect(LineChart.resample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], to: 3) == [2, 5, 8.5])
    #expect(LineChart.resample([1, .nan, 3, 5], to: 2) == [1, 4])
    #expect(LineChart.resample([2, 4, 6], to: 1) == [4])
  }

  @Test func bucketOfOnlyNonFiniteValuesIsAGap() {
    let r = LineChart.resample([.nan, .infinity, 1, 2], to: 2)
    #expect(r[0].isNaN)
    #expect(r[1] == 1.5)
  }

  @Test func interpolatesWhenFewerValuesThanColumns() {
    #expect(LineChart.resample([0, 10], to: 3) == [0, 5, 10])
    #expect(LineChart.resample([0, 10, 0], to: 5) == [0, 5, 10, 5, 0])
    #expect(LineChart.resample([7], to: 3) == [7, 7, 7])
    let gap = LineChart.resample([0, .nan, 10], to: 5)
    #expect(gap[0] == 0 && gap[4] == 10 && gap[1].isNaN && gap[2].isNaN && gap[3].isNaN)
  }

  @Test func edges() {
    #expect(LineChart.resample([1, 2], to: 0).isEmpty)
    #expect(LineChart.resample([], to: 2).allSatisfy { $0.isNaN })
    #expect(LineChart.resample([1, 2, 3], to: 3) == [1, 2, 3])
  }

  @Test func bounds() {
    let s = [
      ChartSeries(name: "a", values: [3, .nan, -2, .infinity]), ChartSeries(name: "b", values: [5]),
    ]
    #expect(LineChart.bounds(of: s) == -2...5)
    #expect(LineChart.bounds(of: s, fixed: 0...1) == 0...1)
    #expect(LineChart.bounds(of: [ChartSeries(name: "a", values: [4, 4])]) == 3.6...4.4)
    #expect(LineChart.bounds(of: [ChartSeries(name: "a", values: [0])]) == -1...1)
    #expect(LineChart.bounds(of: [ChartSeries(name: "a", values: [.nan])]) == nil)
    #expect(LineChart.bounds(of: []) == nil)
  }
}

@Suite struct LineChartTests {
  let reward = ChartSeries(name: "reward", values: rewardCurve(240))

  @Test func singleSeries() {
    let grid = draw(48, 12) { g, c in
      LineChart(series: [reward], xLabels: ["0", "120k steps"])
        .render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "chart-single")
  }

  @Test func singleSeriesIsColouredByHeight() {
    let theme = Theme.fallback
    let grid = draw(30, 8) { g, c in
      LineChart(series: [ChartSeries(name: "up", values: [0, 1])], yRange: 0...1)
        .render(into: &g, area: g.bounds, context: c)
    }
    // Gutter "1"/"0" and the axis take two columns; the line runs bottom left to top right.
    #expect(grid[2, 7].scalar != " " && grid[2, 7].style.foreground == theme.graph(0))
    #expect(grid[29, 0].scalar != " " && grid[29, 0].style.foreground == theme.graph(1))
    #expect(grid[15, 4].style.foreground == theme.graph(3.0 / 7))
  }

  @Test func multiSeriesWithLegend() {
    let loss = ChartSeries(
      name: "policy loss", values: (0..<80).map { 1.5 * exp(-Double($0) / 25) })
    let entropy = ChartSeries(
      name: "entropy", values: (0..<80).map { 0.69 - 0.004 * Double($0) + 0.05 * sin(Double($0)) })
    let grid = draw(48, 12) { g, c in
      LineChart(series: [loss, entropy], xLabels: ["0", "40", "80"], showsLegend: true)
        .render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "chart-multi")
    let theme = Theme.fallback
    let marker = grid.cells.first { $0.scalar == "■" }
    #expect(marker?.style.foreground == theme.series(0))
    let colours = Set(
      (0..<grid.cells.count).map { grid.cells[$0] }.filter {
        $0.scalar.value >= 0x2801 && $0.scalar.value <= 0x28FF
      }.map(\.style.foreground))
    #expect(colours == [theme.series(0), theme.series(1)])
  }

  @Test func explicitSeriesColour() {
    let red = Color.rgb(255, 0, 0)
    let grid = draw(20, 4) { g, c in
      LineChart(series: [ChartSeries(name: "r", values: [1, 2, 3], color: red)])
        .render(into: &g, area: g.bounds, context: c)
    }
    let dots = grid.cells.filter { $0.scalar.value > 0x2800 && $0.scalar.value <= 0x28FF }
    #expect(!dots.isEmpty && dots.allSatisfy { $0.style.foreground == red })
  }

  @Test func ascii() {
    let grid = draw(48, 12, glyphs: .ascii) { g, c in
      LineChart(series: [reward], xLabels: ["0", "120k steps"], showsLegend: true)
        .render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "chart-ascii")
    #expect(isASCII(grid))
  }

  @Test func gapsForNaNAndInfinity() {
    var values = rewardCurve(60)
    for i in 20..<30 { values[i] = .nan }
    values[45] = .infinity
    let grid = draw(40, 8) { g, c in
      LineChart(series: [ChartSeries(name: "r", values: values)]).render(
        into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "chart-gaps")
  }

  @Test func flatDataAndFixedRange() {
    let flat = draw(30, 5) { g, c in
      LineChart(series: [ChartSeries(name: "f", values: [42, 42, 42])])
        .render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(flat, named: "chart-flat")
    let fixed = draw(30, 5) { g, c in
      LineChart(series: [ChartSeries(name: "f", values: [-1, 0.5, 2])], yRange: 0...1)
        .render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(fixed, named: "chart-fixed-range")
  }

  @Test func emptyData() {
    for series in [
      [], [ChartSeries(name: "e", values: [])],
      [ChartSeries(name: "n", values: [.nan, .infinity])],
    ] {
      let grid = draw(20, 5) { g, c in
        LineChart(series: series, xLabels: ["0", "1"], showsLegend: true)
          .render(into: &g, area: g.bounds, context: c)
      }
      #expect(grid.line(2) == "      no data       ")
      #expect(grid[6, 2].style == Theme.fallback.muted)
    }
  }

  @Test func narrowChartDropsTheGutter() {
    let grid = draw(6, 2) { g, c in
      LineChart(series: [reward]).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == "    ⣀⠔\n⣀⠤⠔⠊  ")
  }
}
