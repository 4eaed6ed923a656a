/// Rows under a header of column titles. The selected row is drawn in the theme's `selection`
/// style across the full width and kept visible by scrolling (see `firstVisibleRow`); the sort
/// column's title carries ▲/▼ (ASCII ^/v); cells are cut with "…" (ASCII "~"). Columns are
/// separated by one space.
public struct Table: Sendable {
  /// The columns, left to right.
  public var columns: [TableColumn]
  /// All rows; the visible window follows the selection.
  public var rows: [TableRow]
  /// Index of the selected row; nil for none.
  public var selected: Int?
  /// The sort column and direction, marked in its title.
  public var sort: (column: Int, ascending: Bool)?
  /// Shown (muted) on the first body row when there are no rows.
  public var emptyText: String?

  /// A table of `rows` under `columns`, with an optional selection and sort mark.
  public init(
    columns: [TableColumn], rows: [TableRow], selected: Int? = nil,
    sort: (column: Int, ascending: Bool)? = nil, emptyText: String? = nil
  ) {
    self.columns = columns
    self.rows = rows
    self.selected = selected
    self.sort = sort
    self.emptyText = emptyText
  }

  /// The widths of `columns` in `width` cells (one-cell gaps between columns). Fixed columns get
  /// their width and flexible ones their minimum plus an even share of the rest; when that does
  /// not fit, columns are cut from the right (the ones past the edge get 0).
  public static func columnWidths(_ columns: [TableColumn], width: Int) -> [Int] {
    var widths = columns.map { column -> Int in
      switch column.width {
      case .fixed(let n): return max(n, 0)
      case .flexible(let minimum), .bounded(let minimum, _): return max(minimum, 0)
      }
    }
    let needed = widths.reduce(0, +) + max(columns.count - 1, 0)
    if needed <= width {
      // Even shares of the room left; a bounded column that reaches its maximum stops there and
      // the others share what it leaves.
      var growing = columns.indices.filter {
        if case .fixed = columns[$0].width { return false }
        return true
      }
      var extra = width - needed
      while extra > 0, !growing.isEmpty {
        let share = growing.enumerated().map { k, _ in
          extra / growing.count + (k < extra % growing.count ? 1 : 0)
        }
        var capped: [Int] = []
        for (k, i) in growing.enumerated() {
          var add = share[k]
          if case .bounded(_, let maximum) = columns[i].width, widths[i] + add >= maximum {
            add = max(maximum - widths[i], 0)
            capped.append(i)
          }
          widths[i] += add
          extra -= add
        }
        if capped.isEmpty { break }
        growing.removeAll { capped.contains($0) }
      }
      return widths
    }
    var remaining = max(width, 0)
    for i in widths.indices {
      widths[i] = min(widths[i], remaining)
      remaining = max(remaining - widths[i] - 1, 0)
    }
    return widths
  }

  /// The first row shown in `visibleRows` body rows: 0 while everything fits or nothing is
  /// selected; otherwise the selection is kept in the middle, clamped so the window stays full.
  /// A selection past the end counts as the last row.
  public static func firstVisibleRow(rowCount: Int, selected: Int?, visibleRows: Int) -> Int {
    guard visibleRows > 0, rowCount > visibleRows, let selected, selected >= 0 else { return 0 }
    let s = min(selected, rowCount - 1)
    return min(max(s - visibleRows / 2, 0), rowCount - visibleRows)
  }

  /// The row drawn at screen row `y` for a table rendered in `area`; nil for the header, outside
  /// the body or past the last row.
  public func rowIndex(atY y: Int, area: Rect) -> Int? {
    guard area.height >= 2, y > area.y, y < area.maxY else { return nil }
    let visible = area.height - 1
    let index =
      Table.firstVisibleRow(rowCount: rows.count, selected: selected, visibleRows: visible)
      + (y - area.y - 1)
    return index < rows.count ? index : nil
  }

  /// The column drawn at screen column `x` for a table rendered in `area` (nil in a gap).
  public func columnIndex(atX x: Int, area: Rect) -> Int? {
    var cx = area.x
    for (i, w) in Table.columnWidths(columns, width: area.width).enumerated() {
      if x >= cx, x < cx + w { return i }
      cx += w + 1
    }
    return nil
  }

  /// Clears `area` and draws the header on its first row and the visible rows below.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    grid.fill(area, " ", style: theme.text)
    let widths = Table.columnWidths(columns, width: area.width)
    drawHeader(widths: widths, into: &grid, area: area, context: context)
    let visible = area.height - 1
    guard visible > 0 else { return }
    if rows.isEmpty, let emptyText {
      grid.drawText(
        emptyText, x: area.x, y: area.y + 1, width: area.width, style: theme.muted, clip: area,
        glyphs: context.glyphs)
      return
    }
    let first = Table.firstVisibleRow(
      rowCount: rows.count, selected: selected, visibleRows: visible)
    for r in 0..<visible {
      let index = first + r
      guard index < rows.count else { break }
      let y = area.y + 1 + r
      let row = rows[index]
      var style = row.tone.style(in: theme)
      if index == selected {
        style = theme.selection
        grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), " ", style: style)
      }
      var x = area.x
      for (i, w) in widths.enumerated() {
        if i < row.cells.count {
          grid.drawText(
            row.cells[i], x: x, y: y, width: w, style: style, clip: area, glyphs: context.glyphs,
            alignment: columns[i].alignment)
        }
        x += w + 1
      }
    }
  }

  private func drawHeader(widths: [Int], into grid: inout Grid, area: Rect, context: RenderContext)
  {
    var x = area.x
    let ascii = context.glyphs == .ascii
    for (i, column) in columns.enumerated() {
      let w = widths[i]
      var title = column.title
      if let sort, sort.column == i, w > 0 {
        let arrow = sort.ascending ? (ascii ? "^" : "▲") : (ascii ? "v" : "▼")
        title =
          w > 2 ? Text.truncate(title, width: w - 2, glyphs: context.glyphs) + " " + arrow : arrow
      }
      grid.drawText(
        title, x: x, y: area.y, width: w, style: context.theme.title, clip: area,
        glyphs: context.glyphs, alignment: column.alignment)
      x += w + 1
    }
  }
}
