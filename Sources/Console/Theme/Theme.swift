/// A colour theme: named colours (btop's `theme[key]="#RRGGBB"` keys) and the styles the widgets
/// draw with. `monochrome` themes (NO_COLOR) carry no colour: selection is reverse video and
/// alerts are bold.
public struct Theme: Hashable, Sendable {
  /// The keys a theme file sets.
  public enum Key: String, CaseIterable, Sendable {
    case mainBackground = "main_bg"
    case mainForeground = "main_fg"
    case title = "title"
    case highlight = "hi_fg"
    case selectedBackground = "selected_bg"
    case selectedForeground = "selected_fg"
    case inactive = "inactive_fg"
    case border = "div_line"
    case ok = "ok"
    case warn = "warn"
    case danger = "danger"
    case graphStart = "graph_start"
    case graphMid = "graph_mid"
    case graphEnd = "graph_end"
    case meterStart = "meter_start"
    case meterMid = "meter_mid"
    case meterEnd = "meter_end"
    case series1 = "series_1"
    case series2 = "series_2"
    case series3 = "series_3"
  }

  public var name: String
  public var colors: [Key: Color]
  /// No colour at all (NO_COLOR or a monochrome terminal).
  public var isMonochrome = false

  public init(name: String, colors: [Key: Color], isMonochrome: Bool = false) {
    self.name = name
    self.colors = colors
    self.isMonochrome = isMonochrome
  }

  public subscript(key: Key) -> Color {
    isMonochrome
      ? .terminalDefault : (colors[key] ?? Theme.fallback.colors[key] ?? .terminalDefault)
  }

  /// The built-in dark theme; also what a theme file's missing keys fall back to.
  public static let fallback = Theme(
    name: "default",
    colors: [
      .mainBackground: .rgb(0x16, 0x19, 0x1F), .mainForeground: .rgb(0xCC, 0xCC, 0xCC),
      .title: .rgb(0xEE, 0xEE, 0xEE), .highlight: .rgb(0x5F, 0xAF, 0xFF),
      .selectedBackground: .rgb(0x2C, 0x4A, 0x6E), .selectedForeground: .rgb(0xFF, 0xFF, 0xFF),
      .inactive: .rgb(0x70, 0x70, 0x70), .border: .rgb(0x3A, 0x40, 0x4A),
      .ok: .rgb(0x5F, 0xD7, 0x87), .warn: .rgb(0xFF, 0xC8, 0x57), .danger: .rgb(0xFF, 0x5F, 0x5F),
      .graphStart: .rgb(0x5F, 0xAF, 0xFF), .graphMid: .rgb(0xAF, 0x87, 0xFF),
      .graphEnd: .rgb(0xFF, 0x87, 0xAF), .meterStart: .rgb(0x5F, 0xD7, 0x87),
      .meterMid: .rgb(0xFF, 0xC8, 0x57), .meterEnd: .rgb(0xFF, 0x5F, 0x5F),
      .series1: .rgb(0x5F, 0xAF, 0xFF), .series2: .rgb(0xFF, 0xAF, 0x5F),
      .series3: .rgb(0xAF, 0xD7, 0x5F),
    ])

  /// The same theme without colour.
  public var monochrome: Theme {
    var t = self
    t.isMonochrome = true
    return t
  }

  // MARK: Styles

  public var text: Style {
    Style(foreground: self[.mainForeground], background: self[.mainBackground])
  }
  public var muted: Style {
    isMonochrome ? text.with(.dim) : text.foreground(self[.inactive])
  }
  public var border: Style { isMonochrome ? text : text.foreground(self[.border]) }
  public var title: Style { text.foreground(self[.title]).with(.bold) }
  public var highlight: Style {
    isMonochrome ? text.with(.bold) : text.foreground(self[.highlight]).with(.bold)
  }
  public var selection: Style {
    isMonochrome
      ? text.with(.reverse)
      : Style(
        foreground: self[.selectedForeground], background: self[.selectedBackground],
        attributes: .bold)
  }
  public var ok: Style { isMonochrome ? text : text.foreground(self[.ok]) }
  public var warn: Style { isMonochrome ? text.with(.bold) : text.foreground(self[.warn]) }
  public var danger: Style {
    isMonochrome ? text.with([.bold, .underline]) : text.foreground(self[.danger]).with(.bold)
  }

  /// The chart gradient at `fraction` (0 = start, 0.5 = mid, 1 = end), as btop builds it.
  public func graph(_ fraction: Double) -> Color {
    gradient(.graphStart, .graphMid, .graphEnd, fraction)
  }

  /// The gauge gradient at `fraction`.
  public func meter(_ fraction: Double) -> Color {
    gradient(.meterStart, .meterMid, .meterEnd, fraction)
  }

  /// Colour of the `index`-th series of a chart.
  public func series(_ index: Int) -> Color {
    [self[.series1], self[.series2], self[.series3]][((index % 3) + 3) % 3]
  }

  private func gradient(_ a: Key, _ m: Key, _ b: Key, _ fraction: Double) -> Color {
    let f = min(max(fraction, 0), 1)
    return f < 0.5
      ? self[a].blended(with: self[m], f * 2) : self[m].blended(with: self[b], (f - 0.5) * 2)
  }
}

/// Which characters the widgets may use.
public enum Glyphs: Sendable, Hashable {
  /// Braille, block elements and box drawing (a UTF-8 terminal).
  case unicode
  /// Plain ASCII (a terminal without a UTF-8 locale, or a TTY).
  case ascii
}

/// What every widget renders with.
public struct RenderContext: Sendable {
  public var theme: Theme
  public var glyphs: Glyphs

  public init(theme: Theme = .fallback, glyphs: Glyphs = .unicode) {
    self.theme = theme
    self.glyphs = glyphs
  }
}
