/// A key press or mouse event, as the terminal backend decodes it.
public enum Key: Hashable, Sendable {
  case character(Character)
  /// Ctrl plus a letter (`control("l")` is Ctrl-L).
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, delete, tab, backTab
  case function(Int)
  /// The terminal changed size.
  case resize
  case mouse(MouseEvent)
}

/// A mouse event (only with `--mouse`).
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
  public var x: Int
  public var y: Int
  public var kind: Kind

  public init(x: Int, y: Int, kind: Kind) {
    self.x = x
    self.y = y
    self.kind = kind
  }
}
