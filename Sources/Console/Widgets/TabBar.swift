/// One row of tabs with their number keys, ` 1 Overview  2 Job  3 Logs `: the active tab in the
/// theme's `selection` style, the others with the key in `highlight`. Tabs 1–9 get keys 1–9, the
/// tenth 0, later ones none. A tab that does not fit is cut, the ones after it are left out.
public struct TabBar: Hashable, Sendable {
  /// The tab titles, in order.
  public var titles: [String]
  /// Index of the highlighted tab.
  public var active: Int

  /// A bar of `titles` with `active` highlighted.
  public init(titles: [String], active: Int = 0) {
    self.titles = titles
    self.active = active
  }

  /// The number key of tab `index`, if it has one.
  public static func key(of index: Int) -> String? {
    switch index {
    case 0..<9: return String(index + 1)
    case 9: return "0"
    default: return nil
    }
  }

  /// The tab drawn at screen column `x` for a bar rendered in `area`.
  public func tab(atX x: Int, area: Rect) -> Int? {
    var cx = area.x
    for (i, title) in titles.enumerated() {
      guard cx < area.maxX else { return nil }
      let end = min(cx + segmentWidth(i, title), area.maxX)
      if x >= cx, x < end { return i }
      cx = end
    }
    return nil
  }

  /// Draws on the first row of `area`.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    grid.fill(row, " ", style: theme.text)
    var x = area.x
    for (i, title) in titles.enumerated() {
      guard x < row.maxX else { return }
      let isActive = i == active
      let text = isActive ? theme.selection : theme.text
      let keyStyle = isActive ? theme.selection : theme.highlight
      var spans = [Span(" ", style: text)]
      if let key = TabBar.key(of: i) {
        spans.append(Span(key, style: keyStyle))
        spans.append(Span(" ", style: text))
      }
      spans.append(Span(title, style: text))
      spans.append(Span(" ", style: text))
      x += grid.drawSpans(
        spans, x: x, y: row.y, width: row.maxX - x, base: text, clip: row, glyphs: context.glyphs)
    }
  }

  private func segmentWidth(_ index: Int, _ title: String) -> Int {
    Text.width(title) + 2 + (TabBar.key(of: index) == nil ? 0 : 2)
  }
}
