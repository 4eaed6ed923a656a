/// One input row: a prefix (":" for commands, "/" for search) in `highlight`, the text, the
/// cursor cell in reverse video and an optional completion hint (muted) after the text, which the
/// cursor sits on when it is at the end. Scrolls horizontally to keep the cursor visible, marking
/// hidden text on the left with "…" (ASCII "~").
public struct PromptLine: Hashable, Sendable {
  /// What starts the row (":" or "/").
  public var prefix: String
  /// What has been typed.
  public var text: String
  /// The cursor position in Unicode scalars, 0…text length (clamped).
  public var cursor: Int
  /// The rest of a completion, drawn after the text (e.g. "rt" after "resta").
  public var hint: String?

  /// A prompt with the cursor at `cursor`, or at the end of `text` when nil.
  public init(prefix: String = ":", text: String = "", cursor: Int? = nil, hint: String? = nil) {
    self.prefix = prefix
    self.text = text
    self.cursor = cursor ?? text.unicodeScalars.count
    self.hint = hint
  }

  /// The first text position shown in `width` cells so that the cursor cell is visible: 0 while
  /// it fits, otherwise the cursor sits on the last cell.
  public static func scrollOffset(cursor: Int, width: Int) -> Int {
    max(cursor - max(width, 1) + 1, 0)
  }

  /// Draws on the first row of `area`.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    grid.fill(row, " ", style: theme.text)
    let prefixWidth = grid.drawText(
      prefix, x: row.x, y: row.y, width: row.width, style: theme.highlight, clip: row,
      glyphs: context.glyphs)
    let x0 = row.x + prefixWidth
    let width = row.maxX - x0
    guard width > 0 else { return }
    let count = text.unicodeScalars.count
    let cursor = min(max(self.cursor, 0), count)
    let scroll = PromptLine.scrollOffset(cursor: cursor, width: width)
    var under = Cell(" ", style: theme.text)
    for (i, s) in text.unicodeScalars.enumerated() where i >= scroll {
      guard i - scroll < width else { break }
      let scalar = context.glyphs.sanitize(s)
      grid.set(x0 + i - scroll, row.y, scalar, theme.text, clip: row)
      if i == cursor { under = Cell(scalar, style: theme.text) }
    }
    if let hint {
      for (j, s) in hint.unicodeScalars.enumerated() {
        let column = count + j - scroll
        guard column < width else { break }
        let scalar = context.glyphs.sanitize(s)
        grid.set(x0 + column, row.y, scalar, theme.muted, clip: row)
        if count + j == cursor { under = Cell(scalar, style: theme.muted) }
      }
    }
    if scroll > 0, cursor - scroll > 0 {
      grid.set(x0, row.y, context.glyphs.ellipsis, theme.muted, clip: row)
    }
    grid.set(x0 + cursor - scroll, row.y, under.scalar, under.style.with(.reverse), clip: row)
  }
}
