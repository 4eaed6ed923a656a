/// Lines of styled spans in a window, from `offset` down (or the last lines when following the
/// tail). Long lines are cut with an ellipsis. When the lines overflow the height, the rightmost
/// column shows a scroll bar (`│` track and `┃` thumb, ASCII `|` and `#`).
public struct ScrollingList: Hashable, Sendable {
  /// All lines, oldest first.
  public var lines: [StyledLine]
  /// Index of the first line shown (clamped to the valid range).
  public var offset: Int
  /// Show the last lines whatever `offset` says (a log that follows new output).
  public var followsTail: Bool
  /// Reserve the last column for a scroll bar when the lines overflow.
  public var showsScrollIndicator: Bool

  /// A list of `lines` scrolled to `offset`, or following the tail.
  public init(
    lines: [StyledLine], offset: Int = 0, followsTail: Bool = false,
    showsScrollIndicator: Bool = true
  ) {
    self.lines = lines
    self.offset = offset
    self.followsTail = followsTail
    self.showsScrollIndicator = showsScrollIndicator
  }

  /// The largest useful offset: the one that shows the last line on the bottom row.
  public static func maxOffset(lineCount: Int, height: Int) -> Int {
    max(lineCount - max(height, 0), 0)
  }

  /// The first line shown: the tail when following it, otherwise `offset` clamped to
  /// `0...maxOffset`.
  public static func firstVisibleLine(
    lineCount: Int, height: Int, offset: Int, followsTail: Bool
  ) -> Int {
    let maximum = maxOffset(lineCount: lineCount, height: height)
    return followsTail ? maximum : min(max(offset, 0), maximum)
  }

  /// The scroll bar's thumb (first row and length, relative to the top) for `lineCount` lines in
  /// `height` rows starting at line `first`; nil when everything fits.
  public static func thumb(lineCount: Int, height: Int, first: Int) -> (start: Int, length: Int)? {
    guard height > 0, lineCount > height else { return nil }
    let length = max(1, height * height / lineCount)
    let maximum = maxOffset(lineCount: lineCount, height: height)
    let start = (height - length) * min(max(first, 0), maximum) / maximum
    return (start, length)
  }

  /// Clears `area` and draws the visible lines (and the scroll bar).
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    grid.fill(area, " ", style: theme.text)
    let first = ScrollingList.firstVisibleLine(
      lineCount: lines.count, height: area.height, offset: offset, followsTail: followsTail)
    let thumb =
      showsScrollIndicator && area.width >= 2
      ? ScrollingList.thumb(lineCount: lines.count, height: area.height, first: first) : nil
    let textWidth = thumb == nil ? area.width : area.width - 1
    for r in 0..<area.height {
      let index = first + r
      guard index < lines.count else { break }
      grid.drawSpans(
        lines[index], x: area.x, y: area.y + r, width: textWidth, base: theme.text, clip: area,
        glyphs: context.glyphs)
    }
    guard let thumb else { return }
    let ascii = context.glyphs == .ascii
    let x = area.maxX - 1
    for r in 0..<area.height {
      let onThumb = r >= thumb.start && r < thumb.start + thumb.length
      let scalar: Unicode.Scalar = onThumb ? (ascii ? "#" : "┃") : (ascii ? "|" : "│")
      grid.set(x, area.y + r, scalar, onThumb ? theme.highlight : theme.border, clip: area)
    }
  }
}
