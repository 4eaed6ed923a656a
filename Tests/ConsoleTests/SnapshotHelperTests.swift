import Console
import ConsoleTesting
import Testing

@Suite struct SnapshotHelperTests {
  @Test func diffShowsOnlyDifferingLines() {
    let diff = snapshotDiff(expected: "same\nabcdef\nsame", actual: "same\nabXdef\nsame")
    #expect(diff == "2 -|abcdef|\n  +|abXdef|\n      ^ column 3")
  }

  @Test func diffReportsMissingLinesAndIsCut() {
    let diff = snapshotDiff(expected: "a\nb", actual: "a")
    #expect(diff == "line count: expected 2, actual 1\n2 -|b|\n  +(no line)")
    let many = snapshotDiff(
      expected: (0..<100).map { "e\($0)" }.joined(separator: "\n"),
      actual: (0..<100).map { "a\($0)" }.joined(separator: "\n"))
    let lines = many.split(separator: "\n")
    #expect(lines.count <= 41)
    #expect(lines.last == "… and 87 more differing lines")
  }

  @Test func styleMapNamesAndLetters() {
    let theme = Theme.fallback
    var grid = Grid(width: 4, height: 2, fill: Cell(" ", style: theme.text))
    grid.set(1, 0, "x", theme.ok)
    grid.set(2, 1, "y", theme.danger)
    grid.set(3, 1, "z", Style.plain)
    #expect(
      styleMap(grid, names: ["t": theme.text, "d": theme.danger]) == """
        tAtt
        ttdB
        --
        t  fg #CCCCCC  bg #16191F
        A  fg #5FD787  bg #16191F
        d  fg #FF5F5F  bg #16191F  bold
        B  fg default  bg default
        """)
    #expect(
      styleMap(grid, area: Rect(x: 2, y: 1, width: 5, height: 5))
        == "AB\n--\nA  fg #FF5F5F  bg #16191F  bold\nB  fg default  bg default")
    #expect(styleMap(grid, area: Rect(x: 9, y: 9, width: 2, height: 2)) == "--")
  }
}
