import CNcursesw
import Console
import Foundation

/// Why the terminal could not be used.
public enum TerminalError: Error, CustomStringConvertible {
  case cannotOpen(term: String)
  case notATerminal

  public var description: String {
    switch self {
    case .cannotOpen(let term):
      "cannot open the terminal (TERM=\(term.isEmpty ? "unset" : term)): set TERM to a known terminal such as xterm-256color"
    case .notATerminal: "standard input and output must be a terminal (use --headless for scripts)"
    }
  }
}

/// The ncurses backend: draws a Console grid, copying only the cells that changed since the last
/// frame through the wide-character API, and reads keys, mouse events and resizes. Every call
/// must come from the thread that opened it.
public final class TerminalScreen {
  public struct Options: Sendable {
    public var mouse = false
    public var escapeDelayMs: Int32 = 25
    public init(mouse: Bool = false) { self.mouse = mouse }
  }

  public let depth: ColorDepth
  /// The locale is UTF-8: braille and box drawing may be used.
  public let isUTF8: Bool
  private let window: UnsafeMutablePointer<WINDOW>
  private let screen: OpaquePointer
  private var previous: Grid?
  private var pairs: [PairKey: Int16] = [:]
  /// Colour numbers already mapped (the nearest-colour search is not free).
  private var colorNumbers: [Color: Int32] = [:]
  private var nextPair: Int32 = 1
  private var buffer: [wchar_t] = []
  private var closed = false

  private struct PairKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  /// Opens the terminal. `setlocale` runs first; an unknown TERM is an error, not an exit.
  public init(
    options: Options = .init(), environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(TerminalError) {
    setlocale(LC_ALL, "")
    guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
    isUTF8 = rt_locale_is_utf8() != 0
    guard let screen = newterm(nil, rt_stdout(), rt_stdin()) else {
      throw .cannotOpen(term: environment["TERM"] ?? "")
    }
    self.screen = screen
    set_term(screen)
    guard let window = rt_stdscr() else { throw .cannotOpen(term: environment["TERM"] ?? "") }
    self.window = window
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    curs_set(0)
    set_escdelay(options.escapeDelayMs)
    var depth = ColorDepth.detect(
      colors: Int(has_colors() ? rt_colors() : 0), environment: environment)
    if depth != .monochrome {
      if start_color() == OK {
        use_default_colors()
      } else {
        depth = .monochrome
      }
    }
    self.depth = depth
    if options.mouse {
      mousemask(rt_mouse_mask_all(), nil)
      mouseinterval(0)
    }
  }

  deinit { close() }

  /// Leaves curses mode and restores the terminal.
  public func close() {
    guard !closed else { return }
    closed = true
    endwin()
    delscreen(screen)
  }

  /// The terminal's size in cells.
  public var size: (width: Int, height: Int) {
    (Int(getmaxx(window)), Int(getmaxy(window)))
  }

  /// Copies the cells that changed since the last frame and refreshes; returns how many changed.
  @discardableResult
  public func draw(_ grid: Grid) -> Int {
    let changed = grid.changedCells(since: previous)
    if previous == nil || previous?.width != grid.width || previous?.height != grid.height {
      werase(window)
    }
    var i = 0
    while i < changed.count {
      // A run: consecutive changed cells on one row with the same style.
      let start = changed[i]
      let style = grid.cells[start].style
      let row = start / grid.width
      var end = i + 1
      while end < changed.count, changed[end] == changed[end - 1] + 1,
        changed[end] / grid.width == row,
        grid.cells[changed[end]].style == style
      {
        end += 1
      }
      buffer.removeAll(keepingCapacity: true)
      for k in i..<end { buffer.append(wchar_t(bitPattern: grid.cells[changed[k]].scalar.value)) }
      let (attributes, pair) = curses(style)
      // The bottom-right cell makes curses scroll; leave it out of the run.
      var count = Int32(buffer.count)
      if row == grid.height - 1 && (changed[end - 1] % grid.width) == grid.width - 1 { count -= 1 }
      if count > 0 {
        _ = rt_put(
          window, Int32(row), Int32(start % grid.width), buffer, count, attributes, Int32(pair))
      }
      i = end
    }
    wnoutrefresh(window)
    doupdate()
    previous = grid
    return changed.count
  }

  /// Forgets the last frame so the next draw repaints everything (after a resize or Ctrl-L).
  public func invalidate() {
    previous = nil
    clearok(window, true)
  }

  /// Waits up to `timeoutMs` for input; nil on timeout.
  public func readKey(timeoutMs: Int) -> Key? {
    wtimeout(window, Int32(max(timeoutMs, 0)))
    var ch: wint_t = 0
    let result = wget_wch(window, &ch)
    if result == ERR { return nil }
    if result == rt_key_code_yes() { return functionKey(Int32(ch)) }
    return characterKey(UInt32(ch))
  }

  private func characterKey(_ code: UInt32) -> Key? {
    switch code {
    case 27: return .escape
    case 9: return .tab
    case 10, 13: return .enter
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(code + 96) ?? "?"))
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }

  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE:
      invalidate()
      return .resize
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      let kind: MouseEvent.Kind
      if rt_wheel_up(event.bstate) != 0 {
        kind = .wheelUp
      } else if rt_wheel_down(event.bstate) != 0 {
        kind = .wheelDown
      } else if rt_button1(event.bstate) != 0 {
        kind = .press
      } else {
        return nil
      }
      return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), kind: kind))
    case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
    default: return nil
    }
  }

  private func colorNumber(_ color: Color) -> Int32 {
    if let known = colorNumbers[color] { return known }
    let number = ColorMapping.index(for: color, depth: depth).map(Int32.init) ?? -1
    colorNumbers[color] = number
    return number
  }

  private func curses(_ style: Style) -> (attr_t, Int16) {
    var attributes: attr_t = 0
    if style.attributes.contains(.bold) { attributes |= rt_a_bold() }
    if style.attributes.contains(.dim) { attributes |= rt_a_dim() }
    if style.attributes.contains(.reverse) { attributes |= rt_a_reverse() }
    if style.attributes.contains(.underline) { attributes |= rt_a_underline() }
    if style.attributes.contains(.italic) { attributes |= rt_a_italic() }
    guard depth != .monochrome else { return (attributes, 0) }
    let fg = colorNumber(style.foreground)
    let bg = colorNumber(style.background)
    if fg == -1 && bg == -1 { return (attributes, 0) }
    let key = PairKey(foreground: fg, background: bg)
    if let pair = pairs[key] { return (attributes, pair) }
    guard nextPair < min(rt_color_pairs(), Int32(Int16.max)) else { return (attributes, 0) }
    let pair = Int16(nextPair)
    rt_init_pair(Int32(pair), fg, bg)
    nextPair += 1
    pairs[key] = pair
    return (attributes, pair)
  }
}
