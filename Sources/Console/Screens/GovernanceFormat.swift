import Foundation

/// Formatting shared by the governance screens.
enum GovernanceFormat {
  /// `2027-01-15 08:00:00` in the calendar's time zone.
  static func dateTime(_ date: Date, _ calendar: Calendar) -> String {
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
      c.minute ?? 0, c.second ?? 0)
  }

  /// `01-15 08:00:00`: the date without the year, for tables.
  static func shortDateTime(_ date: Date, _ calendar: Calendar) -> String {
    String(dateTime(date, calendar).dropFirst(5))
  }

  /// The first `length` hex digits of a hash, marked as cut.
  static func abbreviate(_ hex: String, _ length: Int = 12) -> String {
    hex.count > length ? String(hex.prefix(length)) + "…" : hex
  }

  /// A figure with two decimals (`n/a` when missing or NaN).
  static func figure(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.2f", value)
  }

  /// Label–value lines: the label muted in `width` cells, then the value.
  static func pairs(_ items: [(String, String, Style?)], width: Int, context: RenderContext)
    -> [StyledLine]
  {
    items.map { label, value, style in
      [
        Span(Text.fit(label, width: width, glyphs: context.glyphs), style: context.theme.muted),
        Span(" "), Span(value, style: style),
      ]
    }
  }

  /// `text` in lines of at most `width` cells, broken at spaces (a longer word is cut).
  static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      if line.isEmpty {
        line = word
      } else if Text.width(line) + 1 + Text.width(word) <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = word
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// The message of a refused or failed read, wrapped from the top of `area`:
  /// `audit: denied: …`.
  static func drawProblem(
    _ message: String, prefix: String, into grid: inout Grid, area: Rect, context: RenderContext
  ) {
    guard !area.isEmpty else { return }
    let lines: [StyledLine] = wrap("\(prefix): \(message)", width: area.width).map {
      [Span($0, style: context.theme.danger)]
    }
    ScrollingList(lines: lines, showsScrollIndicator: false).render(
      into: &grid, area: area, context: context)
  }
}
