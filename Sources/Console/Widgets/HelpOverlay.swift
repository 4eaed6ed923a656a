/// A key binding shown by `HelpOverlay`.
public struct HelpEntry: Hashable, Sendable {
  /// The keys, as shown ("↑/↓ j/k").
  public var keys: String
  /// What the keys do.
  public var description: String

  /// A binding of `keys` to what they do.
  public init(_ keys: String, _ description: String) {
    self.keys = keys
    self.description = description
  }
}

/// A titled group of key bindings.
public struct HelpSection: Hashable, Sendable {
  /// The heading of the section.
  public var title: String
  /// The bindings, in order.
  public var entries: [HelpEntry]

  /// A section with its heading and bindings.
  public init(_ title: String, _ entries: [HelpEntry]) {
    self.title = title
    self.entries = entries
  }
}

/// A centred bordered panel over whatever is drawn already (it clears its own area) listing the
/// sections' key bindings in two columns, keys and description, titled "Keys" with "Esc to close"
/// in the bottom border. Scrolls from `offset` when taller than the area.
public struct HelpOverlay: Hashable, Sendable {
  /// The sections, separated by a blank line.
  public var sections: [HelpSection]
  /// First content line shown (clamped; see `maxOffset(in:)`).
  public var offset: Int
  /// The title in the top border.
  public var title: String
  /// The text in the bottom border.
  public var footer: String

  /// An overlay of `sections`, scrolled to `offset`.
  public init(
    sections: [HelpSection], offset: Int = 0, title: String = "Keys",
    footer: String = "Esc to close"
  ) {
    self.sections = sections
    self.offset = offset
    self.title = title
    self.footer = footer
  }

  /// The panel's rectangle when the overlay is rendered over `area`.
  public func panel(in area: Rect) -> Rect {
    let keyWidth = self.keyWidth
    var width = max(Text.width(title) + 4, Text.width(footer)) + 2
    var lines = 0
    for (i, section) in sections.enumerated() {
      lines += (i > 0 ? 1 : 0) + 1 + section.entries.count
      width = max(width, Text.width(section.title))
      for entry in section.entries {
        width = max(width, 2 + keyWidth + 2 + Text.width(entry.description))
      }
    }
    return area.centered(width: width + 4, height: lines + 2)
  }

  /// The largest useful `offset` for an overlay over `area`.
  public func maxOffset(in area: Rect) -> Int {
    let inner = Box.inner(of: panel(in: area))
    return ScrollingList.maxOffset(lineCount: lineCount, height: inner.height)
  }

  /// Clears the centred panel inside `area` and draws the bindings in it.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    let panel = panel(in: area)
    guard !panel.isEmpty else { return }
    let theme = context.theme
    grid.fill(panel, " ", style: theme.text)
    let inner = Box(title: title).render(into: &grid, area: panel, context: context)
    let footerWidth = Text.width(footer)
    if !footer.isEmpty, panel.width >= footerWidth + 6 {
      let x = panel.x + (panel.width - footerWidth - 2) / 2
      grid.drawText(
        " " + footer + " ", x: x, y: panel.maxY - 1, width: footerWidth + 2, style: theme.muted,
        clip: panel, glyphs: context.glyphs)
    }
    ScrollingList(lines: lines(context), offset: offset)
      .render(into: &grid, area: inner.inset(left: 1), context: context)
  }

  private var keyWidth: Int {
    min(sections.flatMap(\.entries).map { Text.width($0.keys) }.max() ?? 0, 24)
  }

  private var lineCount: Int {
    sections.enumerated().reduce(0) { $0 + ($1.offset > 0 ? 1 : 0) + 1 + $1.element.entries.count }
  }

  private func lines(_ context: RenderContext) -> [StyledLine] {
    let theme = context.theme
    let keyWidth = self.keyWidth
    var out: [StyledLine] = []
    for (i, section) in sections.enumerated() {
      if i > 0 { out.append([]) }
      out.append([Span(section.title, style: theme.title)])
      for entry in section.entries {
        out.append([
          Span("  "),
          Span(
            Text.fit(entry.keys, width: keyWidth, glyphs: context.glyphs), style: theme.highlight),
          Span("  "), Span(entry.description),
        ])
      }
    }
    return out
  }
}
