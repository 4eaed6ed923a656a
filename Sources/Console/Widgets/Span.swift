/// A run of text in one style.
public struct Span: Hashable, Sendable {
  /// The characters, drawn one scalar per cell.
  public var text: String
  /// The style to draw with; nil draws with the theme's `text` style.
  public var style: Style?

  /// A span of `text`, in `style` or the theme's text style.
  public init(_ text: String, style: Style? = nil) {
    self.text = text
    self.style = style
  }
}

/// One line of styled text.
public typealias StyledLine = [Span]
