import Console
import ConsoleTesting
import Testing

@Suite struct TableTests {
  @Test func rendersHeaderRowsSelectionAndSort() {
    let grid = draw(40, 8) { g, c in
      sampleTable(selected: 2, count: 5).render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "table")
    let theme = Theme.fallback
    #expect(grid[0, 0].style == theme.title)
    #expect(grid[39, 3].style == theme.selection)  // selection spans the full width
    #expect(grid[0, 2].style == theme.ok)
    #expect(grid[0, 4].style == theme.danger)
    #expect(grid[0, 5].style == theme.muted)
  }

  @Test func styles() {
    let theme = Theme.fallback
    let grid = draw(40, 6) { g, c in
      sampleTable(selected: 2, count: 5).render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(
      text: styleMap(
        grid,
        names: [
          "t": theme.text, "h": theme.title, "s": theme.selection, "o": theme.ok,
          "w": theme.warn, "d": theme.danger, "m": theme.muted,
        ]), named: "table-styles")
  }

  @Test func ascii() {
    let grid = draw(30, 5, glyphs: .ascii) { g, c in
      sampleTable(selected: 0, count: 4).render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "table-ascii")
    #expect(isASCII(grid))
  }

  @Test func selectionBeyondTheWindowScrollsIntoView() {
    let table = sampleTable(selected: 40, count: 50)
    let area = Rect(x: 0, y: 0, width: 40, height: 9)
    let grid = draw(40, 9) { g, c in table.render(into: &g, area: area, context: c) }
    assertSnapshot(grid, named: "table-scrolled")
    // 8 body rows with the selection in the middle: rows 36…43.
    #expect(table.rowIndex(atY: 1, area: area) == 36)
    #expect(table.rowIndex(atY: 5, area: area) == 40)
    #expect(grid[0, 5].style == Theme.fallback.selection)
    #expect(grid.line(5).hasPrefix("job-41"))
  }

  @Test func firstVisibleRow() {
    // Everything fits, or nothing selected: no scrolling.
    #expect(Table.firstVisibleRow(rowCount: 5, selected: 4, visibleRows: 10) == 0)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: nil, visibleRows: 10) == 0)
    // The selection stays in the middle …
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 4, visibleRows: 10) == 0)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 5, visibleRows: 10) == 0)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 6, visibleRows: 10) == 1)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 25, visibleRows: 10) == 20)
    // … until the end, where the window stays full.
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 47, visibleRows: 10) == 40)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 49, visibleRows: 10) == 40)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 500, visibleRows: 10) == 40)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: -3, visibleRows: 10) == 0)
    #expect(Table.firstVisibleRow(rowCount: 50, selected: 10, visibleRows: 0) == 0)
    // The selected row is always inside the window.
    for rows in [1, 7, 30] {
      for height in 1...12 {
        for selected in 0..<rows {
          let first = Table.firstVisibleRow(rowCount: rows, selected: selected, visibleRows: height)
          #expect(first <= selected && selected < first + height)
          #expect(first >= 0 && (first + height <= rows || first == 0))
        }
      }
    }
  }

  @Test func rowIndexHitTest() {
    let table = sampleTable(selected: nil, count: 3)
    let area = Rect(x: 2, y: 10, width: 30, height: 6)
    #expect(table.rowIndex(atY: 10, area: area) == nil)  // header
    #expect(table.rowIndex(atY: 11, area: area) == 0)
    #expect(table.rowIndex(atY: 13, area: area) == 2)
    #expect(table.rowIndex(atY: 14, area: area) == nil)  // past the last row
    #expect(table.rowIndex(atY: 9, area: area) == nil)
    #expect(table.rowIndex(atY: 16, area: area) == nil)
    #expect(table.columnIndex(atX: 2, area: area) == 0)
    #expect(table.columnIndex(atX: 9, area: area) == nil)  // the gap after "Job"
    #expect(table.columnIndex(atX: 10, area: area) == 1)
  }

  @Test func columnWidths() {
    let columns = [
      TableColumn("a", width: .fixed(5)), TableColumn("b", width: .flexible(min: 4)),
      TableColumn("c", width: .flexible(min: 2)),
    ]
    // 5 + 4 + 2 + 2 gaps = 13; 7 extra shared by the flexible columns (first gets the odd one).
    #expect(Table.columnWidths(columns, width: 20) == [5, 8, 5])
    #expect(Table.columnWidths(columns, width: 13) == [5, 4, 2])
    // Too narrow: cut from the right.
    #expect(Table.columnWidths(columns, width: 9) == [5, 3, 0])
    #expect(Table.columnWidths(columns, width: 3) == [3, 0, 0])
    #expect(Table.columnWidths(columns, width: 0) == [0, 0, 0])
    #expect(Table.columnWidths([TableColumn("x", width: .fixed(3))], width: 10) == [3])
    #expect(Table.columnWidths([], width: 10).isEmpty)
  }

  @Test func boundedColumnsStopAtTheirMaximum() {
    let columns = [
      TableColumn("a", width: .bounded(min: 4, max: 6)), TableColumn("b", width: .flexible(min: 2)),
    ]
    // 4 + 2 + 1 gap = 7; 13 extra: a takes 2 (to its maximum 6), b the other 11.
    #expect(Table.columnWidths(columns, width: 20) == [6, 13])
    // Below the maximum the share is even, as for flexible columns.
    #expect(Table.columnWidths(columns, width: 9) == [5, 3])
    // Only bounded columns: the room they cannot take stays empty.
    #expect(
      Table.columnWidths([TableColumn("x", width: .bounded(min: 1, max: 3))], width: 10) == [3])
  }

  @Test func emptyTable() {
    var table = sampleTable(selected: 3, count: 0)
    table.emptyText = "no jobs yet"
    let grid = draw(30, 3) { g, c in table.render(into: &g, area: g.bounds, context: c) }
    #expect(grid.line(1) == "no jobs yet                   ")
  }

  @Test func narrowTableCutsCellsAndArrow() {
    let grid = draw(18, 3) { g, c in
      sampleTable(selected: nil, count: 4).render(into: &g, area: g.bounds, context: c)
    }
    assertSnapshot(grid, named: "table-narrow")
  }
}
