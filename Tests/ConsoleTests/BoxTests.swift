import Console
import ConsoleTesting
import Testing

@Suite struct BoxTests {
  @Test func titled() {
    let grid = draw(24, 5) { g, c in
      let inner = Box(title: "Jobs").render(into: &g, area: g.bounds, context: c)
      g.write("inside", x: inner.x, y: inner.y, style: c.theme.text)
    }
    assertSnapshot(grid, named: "box-titled")
  }

  @Test func ascii() {
    let grid = draw(24, 4, glyphs: .ascii) { g, c in
      Box(title: "Jobs").render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "box-ascii")
  }

  @Test func longTitleIsCutAndLeavesTheCorner() {
    let grid = draw(16, 3) { g, c in
      Box(title: "Telemetry and safety monitor").render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "box-long-title")
    #expect(grid[15, 0].scalar == "┐")
    #expect(grid[14, 0].scalar == "─")
  }

  @Test func focusedBorderUsesHighlight() {
    let theme = Theme.fallback
    let grid = draw(12, 3) { g, c in
      Box(title: "Log", focused: true).render(into: &g, area: g.bounds, context: c)
    }
    #expect(grid[0, 1].style == theme.highlight)
    #expect(grid[11, 2].style == theme.highlight)
    #expect(grid[4, 0].style == theme.title)
    let unfocused = draw(12, 3) { g, c in
      Box(title: "Log").render(into: &g, area: g.bounds, context: c)
    }
    #expect(unfocused[0, 1].style == theme.border)
  }

  @Test func innerRect() {
    #expect(
      Box.inner(of: Rect(x: 2, y: 3, width: 10, height: 5)) == Rect(x: 3, y: 4, width: 8, height: 3)
    )
    #expect(Box.inner(of: Rect(x: 2, y: 3, width: 1, height: 5)).isEmpty)
    #expect(Box.inner(of: Rect(x: 2, y: 3, width: 2, height: 2)).isEmpty)
  }

  @Test func tinyBoxes() {
    let two = draw(2, 2) { g, c in Box(title: "x").render(into: &g, area: g.bounds, context: c) }
    #expect(two.text == "┌┐\n└┘")
    let one = draw(1, 1) { g, c in Box(title: "x").render(into: &g, area: g.bounds, context: c) }
    #expect(one.text == " ")
  }
}
