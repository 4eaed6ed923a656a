/// One row with a left and a right group of spans. The right group is right-aligned; when both
/// do not fit (with a one-cell gap) the right group is cut first, then the left one.
public struct StatusBar: Hashable, Sendable {
  /// Spans drawn from the left edge.
  public var left: [Span]
  /// Spans drawn against the right edge; cut first when space runs out.
  public var right: [Span]
  /// The style of the row and of spans without their own; nil uses the theme's `text`.
  public var style: Style?

  /// A status row of left and right span groups.
  public init(left: [Span], right: [Span] = [], style: Style? = nil) {
    self.left = left
    self.right = right
    self.style = style
  }

  /// Draws on the first row of `area`.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let base = style ?? context.theme.text
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    grid.fill(row, " ", style: base)
    let leftWidth = left.reduce(0) { $0 + Text.width($1.text) }
    let rightWidth = right.reduce(0) { $0 + Text.width($1.text) }
    let usedLeft = grid.drawSpans(
      left, x: row.x, y: row.y, width: row.width, base: base, clip: row, glyphs: context.glyphs)
    let room = row.width - (leftWidth > 0 ? usedLeft + 1 : 0)
    guard rightWidth > 0, room > 0 else { return }
    let shown = min(rightWidth, room)
    grid.drawSpans(
      right, x: row.maxX - shown, y: row.y, width: shown, base: base, clip: row,
      glyphs: context.glyphs)
  }
}
