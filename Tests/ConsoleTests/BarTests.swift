import Console
import ConsoleTesting
import Testing

@Suite struct TabBarTests {
  let bar = TabBar(titles: ["Overview", "Job", "Logs", "Safety"], active: 1)

  @Test func rendersKeysAndActiveTab() {
    let grid = draw(44, 1) { g, c in bar.render(into: &g, area: g.bounds, context: c) }
    #expect(grid.text == " 1 Overview  2 Job  3 Logs  4 Safety        ")
    let theme = Theme.fallback
    #expect(grid[1, 0].style == theme.highlight)
    #expect(grid[3, 0].style == theme.text)
    #expect((12...18).allSatisfy { grid[$0, 0].style == theme.selection })
    #expect(grid[19, 0].style == theme.text)
  }

  @Test func hitTest() {
    let area = Rect(x: 4, y: 0, width: 40, height: 1)
    #expect(bar.tab(atX: 3, area: area) == nil)
    #expect(bar.tab(atX: 4, area: area) == 0)
    #expect(bar.tab(atX: 15, area: area) == 0)
    #expect(bar.tab(atX: 16, area: area) == 1)
    #expect(bar.tab(atX: 22, area: area) == 1)
    #expect(bar.tab(atX: 23, area: area) == 2)
    #expect(bar.tab(atX: 39, area: area) == 3)
    #expect(bar.tab(atX: 40, area: area) == 3)
    #expect(bar.tab(atX: 41, area: area) == nil)
    // Cut by a narrow area.
    #expect(bar.tab(atX: 10, area: Rect(x: 0, y: 0, width: 10, height: 1)) == nil)
  }

  @Test func narrowAndASCII() {
    let grid = draw(20, 1, glyphs: .ascii) { g, c in
      bar.render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == " 1 Overview  2 Job ~")
    let keys = (0..<12).map { TabBar.key(of: $0) }
    #expect(keys == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", nil, nil])
  }
}

@Suite struct StatusBarTests {
  let status = StatusBar(
    left: [Span("rampart", style: Theme.fallback.title), Span("  3 jobs running")],
    right: [Span("cpu 43%  "), Span("gpu 71%", style: Theme.fallback.warn)])

  @Test func leftAndRight() {
    let grid = draw(50, 1) { g, c in status.render(into: &g, area: g.bounds, context: c) }
    #expect(grid.text == "rampart  3 jobs running           cpu 43%  gpu 71%")
    #expect(grid[49, 0].style == Theme.fallback.warn)
  }

  @Test func rightPartIsCutFirst() {
    let cut = draw(30, 1) { g, c in status.render(into: &g, area: g.bounds, context: c) }
    #expect(cut.text == "rampart  3 jobs running cpu 4…")
    let left = draw(23, 1) { g, c in status.render(into: &g, area: g.bounds, context: c) }
    #expect(left.text == "rampart  3 jobs running")
    let narrow = draw(12, 1, glyphs: .ascii) { g, c in
      status.render(into: &g, area: g.bounds, context: c)
    }
    #expect(narrow.text == "rampart  3 ~")
  }

  @Test func rightOnly() {
    let grid = draw(12, 1) { g, c in
      StatusBar(left: [], right: [Span("12:00")]).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == "       12:00")
  }
}
