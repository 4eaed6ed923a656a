/// A field of a `Form`.
public struct FormField: Hashable, Sendable {
  /// What a field holds, which decides how it is drawn and edited.
  public enum Kind: Hashable, Sendable {
    /// One of the options, changed with ←/→; shown as `‹ value ›`.
    case choice([String])
    case number
    case text
  }

  /// Shown right-aligned before the value.
  public var label: String
  /// The current value as text (for a choice, one of the options).
  public var value: String
  /// How the value is drawn and edited.
  public var kind: Kind

  /// A field with its label, current value and kind.
  public init(_ label: String, value: String, kind: Kind = .text) {
    self.label = label
    self.value = value
    self.kind = kind
  }
}

/// The body of a small modal: one row per field (label right-aligned, then the value), the
/// focused field highlighted (label in `highlight`, value in `selection`, a cursor after text and
/// number values), an error line in `danger` and a hint line of the keys at the bottom. With a
/// title it clears its area and draws a focused `Box` around itself.
public struct Form: Hashable, Sendable {
  /// The modal's title; with one the form draws its own border.
  public var title: String?
  /// The fields, one per row, top to bottom.
  public var fields: [FormField]
  /// Index of the field that has the focus.
  public var focused: Int
  /// A validation message shown in `danger` style; nil for none.
  public var error: String?
  /// The keys line; nil uses `Form.defaultHint(_:)`.
  public var hint: String?

  /// A form with its fields, the focused one, an optional error and keys line.
  public init(
    title: String? = nil, fields: [FormField], focused: Int = 0, error: String? = nil,
    hint: String? = nil
  ) {
    self.title = title
    self.fields = fields
    self.focused = focused
    self.error = error
    self.hint = hint
  }

  /// "Enter submit · Tab next · ←/→ change · Esc cancel", in ASCII when the glyphs are.
  public static func defaultHint(_ glyphs: Glyphs) -> String {
    glyphs == .ascii
      ? "Enter submit | Tab next | <-/-> change | Esc cancel"
      : "Enter submit · Tab next · ←/→ change · Esc cancel"
  }

  /// The size that shows everything (for centring the modal), with the border when titled.
  public func preferredSize(glyphs: Glyphs = .unicode) -> (width: Int, height: Int) {
    var valueWidth = 12
    for field in fields {
      switch field.kind {
      case .choice(let options):
        valueWidth = max(valueWidth, (options.map(Text.width).max() ?? 0) + 4)
      case .number, .text: valueWidth = max(valueWidth, Text.width(field.value) + 1)
      }
    }
    var width = labelWidth + 2 + valueWidth
    width = max(width, Text.width(hint ?? Form.defaultHint(glyphs)), Text.width(error ?? ""))
    var height = fields.count + 2 + (error == nil ? 0 : 1)
    width += 2
    if let title {
      width = max(width, Text.width(title) + 6) + 2
      height += 2
    }
    return (width, height)
  }

  /// Clears `area` and draws the form (and its border when titled) inside it.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    grid.fill(area, " ", style: theme.text)
    var content = area
    if let title {
      content = Box(title: title, focused: true).render(into: &grid, area: area, context: context)
    }
    content = content.inset(left: 1, right: 1)
    guard !content.isEmpty else { return }
    var bottom = content.maxY
    if content.height >= fields.count + (error == nil ? 0 : 1) + 2 {
      bottom -= 1
      grid.drawText(
        hint ?? Form.defaultHint(context.glyphs), x: content.x, y: bottom, width: content.width,
        style: theme.muted, clip: content, glyphs: context.glyphs)
      bottom -= 1
    }
    if let error {
      bottom -= 1
      grid.drawText(
        error, x: content.x, y: bottom, width: content.width, style: theme.danger, clip: content,
        glyphs: context.glyphs)
    }
    let rows = bottom - content.y
    guard rows > 0 else { return }
    let first = max(min(focused, fields.count - 1) - rows + 1, 0)
    let labels = min(labelWidth, content.width / 2)
    for r in 0..<rows {
      let index = first + r
      guard index < fields.count else { break }
      drawField(index, y: content.y + r, labelWidth: labels, in: content, &grid, context)
    }
  }

  private var labelWidth: Int { fields.map { Text.width($0.label) }.max() ?? 0 }

  private func drawField(
    _ index: Int, y: Int, labelWidth: Int, in content: Rect, _ grid: inout Grid,
    _ context: RenderContext
  ) {
    let theme = context.theme
    let field = fields[index]
    let isFocused = index == focused
    grid.drawText(
      field.label, x: content.x, y: y, width: labelWidth,
      style: isFocused ? theme.highlight : theme.text, clip: content, glyphs: context.glyphs,
      alignment: .right)
    let x = content.x + labelWidth + 2
    let width = content.maxX - x
    guard width > 0 else { return }
    let style = isFocused ? theme.selection : theme.text
    if isFocused { grid.fill(Rect(x: x, y: y, width: width, height: 1), " ", style: style) }
    switch field.kind {
    case .choice:
      let ascii = context.glyphs == .ascii
      let arrows = isFocused ? style : theme.muted
      grid.set(x, y, ascii ? "<" : "‹", arrows, clip: content)
      let used = grid.drawText(
        field.value, x: x + 2, y: y, width: width - 4, style: style, clip: content,
        glyphs: context.glyphs)
      grid.set(x + 2 + used + 1, y, ascii ? ">" : "›", arrows, clip: content)
    case .number, .text:
      let used = grid.drawText(
        field.value, x: x, y: y, width: width - 1, style: style, clip: content,
        glyphs: context.glyphs)
      if isFocused { grid.set(x + used, y, " ", style.with(.reverse), clip: content) }
    }
  }
}
