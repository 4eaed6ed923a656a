import Console
import ConsoleTesting
import Testing

/// A grid covered in dots, to show what an overlay clears.
private func background(_ width: Int, _ height: Int) -> Grid {
  Grid(width: width, height: height, fill: Cell(".", style: Theme.fallback.muted))
}

@Suite struct HelpOverlayTests {
  @Test func centredOverContent() {
    var grid = background(50, 18)
    sampleHelp().render(into: &grid, area: grid.bounds, context: RenderContext())
    assertSnapshot(grid, named: "help")
  }

  @Test func scrollsWhenTooTall() {
    var grid = background(40, 8)
    let help = sampleHelp(offset: 3)
    help.render(into: &grid, area: grid.bounds, context: RenderContext())
    assertSnapshot(grid, named: "help-scrolled")
    #expect(help.maxOffset(in: grid.bounds) == 6)
  }

  @Test func offsetIsClamped() {
    var a = background(40, 8)
    var b = background(40, 8)
    sampleHelp(offset: 6).render(into: &a, area: a.bounds, context: RenderContext())
    sampleHelp(offset: 600).render(into: &b, area: b.bounds, context: RenderContext())
    #expect(a == b)
  }

  @Test func ascii() {
    var grid = background(50, 18)
    sampleHelp().render(into: &grid, area: grid.bounds, context: RenderContext(glyphs: .ascii))
    assertSnapshot(grid, named: "help-ascii")
    #expect(isASCII(grid))
  }
}

@Suite struct PromptLineTests {
  @Test func commandWithHint() {
    let grid = draw(30, 1) { g, c in
      PromptLine(prefix: ":", text: "resta", hint: "rt job-3").render(
        into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == ":restart job-3                ")
    let theme = Theme.fallback
    #expect(grid[0, 0].style == theme.highlight)
    #expect(grid[1, 0].style == theme.text)
    #expect(grid[6, 0].scalar == "r" && grid[6, 0].style == theme.muted.with(.reverse))
    #expect(grid[7, 0].style == theme.muted)
  }

  @Test func cursorInsideText() {
    let grid = draw(20, 1) { g, c in
      PromptLine(prefix: "/", text: "reward", cursor: 2).render(
        into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == "/reward             ")
    #expect(grid[3, 0].style == Theme.fallback.text.with(.reverse))
    #expect(grid[7, 0].style == Theme.fallback.text)
  }

  @Test func scrollsToKeepTheCursorVisible() {
    let text = "train --env cartpole --algo ppo --steps 100000"
    let end = draw(20, 1) { g, c in
      PromptLine(text: text).render(into: &g, area: g.bounds, context: c)
    }
    #expect(end.text == ":…po --steps 100000 ")
    #expect(end[19, 0].style.attributes.contains(.reverse))
    let start = draw(20, 1) { g, c in
      PromptLine(text: text, cursor: 0).render(into: &g, area: g.bounds, context: c)
    }
    #expect(start.text == ":train --env cartpol")
    #expect(start[1, 0].style.attributes.contains(.reverse))
    #expect(PromptLine.scrollOffset(cursor: 5, width: 10) == 0)
    #expect(PromptLine.scrollOffset(cursor: 9, width: 10) == 0)
    #expect(PromptLine.scrollOffset(cursor: 10, width: 10) == 1)
    #expect(PromptLine.scrollOffset(cursor: 46, width: 19) == 28)
  }

  @Test func cursorOutOfRangeIsClamped() {
    let grid = draw(10, 1, glyphs: .ascii) { g, c in
      PromptLine(prefix: ":", text: "héllo", cursor: 99).render(
        into: &g, area: g.bounds, context: c)
    }
    #expect(grid.text == ":h?llo    ")
    #expect(grid[6, 0].style.attributes.contains(.reverse))
  }
}

@Suite struct FormTests {
  @Test func modal() {
    var grid = background(60, 12)
    let form = sampleForm(error: "steps must be positive")
    let size = form.preferredSize()
    let area = grid.bounds.centered(width: size.width, height: size.height)
    form.render(into: &grid, area: area, context: RenderContext())
    assertSnapshot(grid, named: "form")
    let theme = Theme.fallback
    let row = grid.line(area.y + 2)
    #expect(row.contains("Algorithm  ‹ ppo ›"))
    let valueX = Array(row.unicodeScalars).firstIndex(of: "‹") ?? 0
    #expect(grid[valueX, area.y + 2].style == theme.selection)
  }

  @Test func focusedTextFieldAndASCII() {
    var grid = background(60, 10)
    let form = sampleForm(focused: 3)
    let size = form.preferredSize(glyphs: .ascii)
    let area = grid.bounds.centered(width: size.width, height: size.height)
    form.render(into: &grid, area: area, context: RenderContext(glyphs: .ascii))
    assertSnapshot(grid, named: "form-ascii")
    #expect(isASCII(grid))
  }

  @Test func tooSmallKeepsFocusedFieldAndError() {
    let grid = draw(30, 5) { g, c in
      sampleForm(error: "bad", focused: 3).render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "form-small")
  }
}
