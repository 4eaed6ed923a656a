/// A bordered frame with an optional title in the top border: `┌─┤ Title ├───┐` (ASCII
/// `+- Title ---+`). The border is drawn in the theme's `border` style, or `highlight` when
/// focused. The interior is left alone: draw the content into `Box.inner(of:)`.
public struct Box: Hashable, Sendable {
  /// Drawn in the top border (cut to fit); nil or empty for none.
  public var title: String?
  /// Draws the border in the theme's `highlight` style.
  public var focused: Bool

  /// A box with an optional title, focused or not.
  public init(title: String? = nil, focused: Bool = false) {
    self.title = title
    self.focused = focused
  }

  /// The area inside the border (empty when `area` is smaller than 2x2).
  public static func inner(of area: Rect) -> Rect {
    guard area.width >= 2, area.height >= 2 else {
      return Rect(x: area.x, y: area.y, width: 0, height: 0)
    }
    return area.inset(1)
  }

  /// Draws the border (nothing when `area` is smaller than 2x2) and returns the inner area.
  @discardableResult
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) -> Rect {
    let inner = Box.inner(of: area)
    guard area.width >= 2, area.height >= 2 else { return inner }
    let ascii = context.glyphs == .ascii
    let style = focused ? context.theme.highlight : context.theme.border
    let h: Unicode.Scalar = ascii ? "-" : "─"
    let v: Unicode.Scalar = ascii ? "|" : "│"
    let top = area.y
    let bottom = area.maxY - 1
    let left = area.x
    let right = area.maxX - 1
    for x in (left + 1)..<right {
      grid.set(x, top, h, style, clip: area)
      grid.set(x, bottom, h, style, clip: area)
    }
    for y in (top + 1)..<bottom {
      grid.set(left, y, v, style, clip: area)
      grid.set(right, y, v, style, clip: area)
    }
    grid.set(left, top, ascii ? "+" : "┌", style, clip: area)
    grid.set(right, top, ascii ? "+" : "┐", style, clip: area)
    grid.set(left, bottom, ascii ? "+" : "└", style, clip: area)
    grid.set(right, bottom, ascii ? "+" : "┘", style, clip: area)
    if let title, !title.isEmpty {
      drawTitle(title, into: &grid, area: area, style: style, context: context)
    }
    return inner
  }

  /// `┤ title ├` (ASCII ` title `) after the top-left corner and one dash, cut to leave at least
  /// one dash before the top-right corner; left out when not even one character fits.
  private func drawTitle(
    _ title: String, into grid: inout Grid, area: Rect, style: Style, context: RenderContext
  ) {
    let ascii = context.glyphs == .ascii
    let decoration = ascii ? 2 : 4
    let room = area.width - 4 - decoration
    guard room >= 1 else { return }
    var x = area.x + 2
    if !ascii {
      grid.set(x, area.y, "┤", style, clip: area)
      x += 1
    }
    grid.set(x, area.y, " ", context.theme.title, clip: area)
    x += 1
    x += grid.drawText(
      title, x: x, y: area.y, width: room, style: context.theme.title, clip: area,
      glyphs: context.glyphs)
    grid.set(x, area.y, " ", context.theme.title, clip: area)
    x += 1
    if !ascii { grid.set(x, area.y, "├", style, clip: area) }
  }
}
