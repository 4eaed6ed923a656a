/// One row of block levels `▁▂▃▄▅▆▇█` (ASCII ` .:-=+*#`) for the last values that fit the width,
/// oldest on the left. Scales to the shown values unless `range` is fixed; NaN and infinities
/// are blank. Each cell is coloured by its level on the graph gradient, or with `color`.
public struct Sparkline: Hashable, Sendable {
  /// The samples, oldest first; only the last `width` are shown.
  public var values: [Double]
  /// A fixed scale; nil scales to the shown values.
  public var range: ClosedRange<Double>?
  /// One colour for every cell instead of the graph gradient.
  public var color: Color?

  /// A sparkline of `values`, optionally with a fixed range or colour.
  public init(values: [Double], range: ClosedRange<Double>? = nil, color: Color? = nil) {
    self.values = values
    self.range = range
    self.color = color
  }

  private static let blocks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  private static let ascii: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#"]

  /// The level (0…7) of `value` between `lower` and `upper` (clamped; the middle level 4 when
  /// the range is flat); nil for NaN and infinities.
  public static func level(of value: Double, lower: Double, upper: Double) -> Int? {
    guard value.isFinite else { return nil }
    guard upper > lower else { return 4 }
    let f = min(max((value - lower) / (upper - lower), 0), 1)
    return Int((f * 7).rounded())
  }

  /// Draws on the first row of `area`.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    let theme = context.theme
    grid.fill(row, " ", style: theme.text)
    let shown = values.suffix(area.width)
    var lo = Double.infinity
    var hi = -Double.infinity
    if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
      lo = range.lowerBound
      hi = range.upperBound
    } else {
      for v in shown where v.isFinite {
        lo = min(lo, v)
        hi = max(hi, v)
      }
    }
    let glyphs = context.glyphs == .ascii ? Sparkline.ascii : Sparkline.blocks
    for (i, v) in shown.enumerated() {
      guard let level = Sparkline.level(of: v, lower: lo, upper: hi) else { continue }
      let fg = theme.isMonochrome ? theme[.mainForeground] : color ?? theme.graph(Double(level) / 7)
      grid.set(area.x + i, area.y, glyphs[level], theme.text.foreground(fg), clip: row)
    }
  }
}
