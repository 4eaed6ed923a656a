/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = Attributes(rawValue: 1)
  public static let dim = Attributes(rawValue: 2)
  public static let reverse = Attributes(rawValue: 4)
  public static let underline = Attributes(rawValue: 8)
  public static let italic = Attributes(rawValue: 16)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  public var attributes: Attributes

  public init(
    foreground: Color = .terminalDefault, background: Color = .terminalDefault,
    attributes: Attributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  public static let plain = Style()

  public func with(_ extra: Attributes) -> Style {
    var s = self
    s.attributes.formUnion(extra)
    return s
  }

  public func foreground(_ color: Color) -> Style {
    var s = self
    s.foreground = color
    return s
  }
}

/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
  public var scalar: Unicode.Scalar
  public var style: Style

  public init(_ scalar: Unicode.Scalar = " ", style: Style = .plain) {
    self.scalar = scalar
    self.style = style
  }
}
