import Console
import ConsoleTesting
import Testing

@Suite struct ScrollingListTests {
  @Test func overflowShowsScrollBar() {
    let grid = draw(44, 8) { g, c in
      ScrollingList(lines: sampleLog(30), offset: 10).render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "list-offset")
  }

  @Test func followsTail() {
    let grid = draw(44, 6, glyphs: .ascii) { g, c in
      ScrollingList(lines: sampleLog(30), offset: 0, followsTail: true)
        .render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "list-tail-ascii")
    #expect(grid.line(5).contains("chunk 29 done"))
  }

  @Test func fittingContentHasNoScrollBar() {
    let grid = draw(44, 6) { g, c in
      ScrollingList(lines: sampleLog(3), offset: 7).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid.line(0).hasPrefix("    0s info chunk 0 done"))
    #expect((0..<6).allSatisfy { grid[43, $0].scalar == " " })
  }

  @Test func spansKeepTheirStyles() {
    let theme = Theme.fallback
    let grid = draw(20, 1) { g, c in
      ScrollingList(lines: [[Span("ok ", style: theme.ok), Span("plain")]])
        .render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid[0, 0].style == theme.ok)
    #expect(grid[3, 0].style == theme.text)
  }

  @Test func scrollMath() {
    #expect(ScrollingList.maxOffset(lineCount: 30, height: 8) == 22)
    #expect(ScrollingList.maxOffset(lineCount: 3, height: 8) == 0)
    #expect(
      ScrollingList.firstVisibleLine(lineCount: 30, height: 8, offset: 10, followsTail: false) == 10
    )
    #expect(
      ScrollingList.firstVisibleLine(lineCount: 30, height: 8, offset: 99, followsTail: false) == 22
    )
    #expect(
      ScrollingList.firstVisibleLine(lineCount: 30, height: 8, offset: -5, followsTail: false) == 0)
    #expect(
      ScrollingList.firstVisibleLine(lineCount: 30, height: 8, offset: 0, followsTail: true) == 22)
    #expect(
      ScrollingList.firstVisibleLine(lineCount: 5, height: 8, offset: 3, followsTail: true) == 0)
    #expect(ScrollingList.thumb(lineCount: 5, height: 8, first: 0) == nil)
    #expect(
      ScrollingList.thumb(lineCount: 32, height: 8, first: 0).map { [$0.start, $0.length] } == [
        0, 2,
      ])
    #expect(
      ScrollingList.thumb(lineCount: 32, height: 8, first: 24).map { [$0.start, $0.length] } == [
        6, 2,
      ])
    #expect(
      ScrollingList.thumb(lineCount: 1000, height: 8, first: 500).map { [$0.start, $0.length] } == [
        3, 1,
      ])
  }
}
