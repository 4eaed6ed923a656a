/// A horizontal bar on one row: `label ██████▍─────  42%`. The bar is filled with full blocks and
/// one partial block (▏▎▍▌▋▊▉) in the meter gradient's colour at the gauge's fraction; ASCII
/// uses `#` and `-`. The label and then the percentage are dropped when the row is too narrow.
public struct Gauge: Hashable, Sendable {
  /// Shown before the bar; empty for none.
  public var label: String
  /// 0…1 (clamped); nil or NaN draws an empty bar and "n/a".
  public var fraction: Double?
  /// Replaces the percentage text (e.g. "3.1/8 GB").
  public var text: String?
  /// A fixed label column (to line up a stack of gauges); nil fits the label (at most a third
  /// of the row).
  public var labelWidth: Int?

  /// A gauge at `fraction` with an optional label, value text and label column width.
  public init(label: String = "", fraction: Double?, text: String? = nil, labelWidth: Int? = nil) {
    self.label = label
    self.fraction = fraction
    self.text = text
    self.labelWidth = labelWidth
  }

  private static let partials: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// How much of a `width`-cell bar `fraction` fills: whole cells and the eighths of the next.
  public static func fill(fraction: Double, width: Int) -> (cells: Int, eighths: Int) {
    guard fraction.isFinite, width > 0 else { return (0, 0) }
    let total = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded())
    return (total / 8, total % 8)
  }

  /// Draws on the first row of `area`.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    grid.fill(row, " ", style: theme.text)
    let value = text ?? Format.percent(fraction)
    let valueWidth = max(4, Text.width(value))
    var labelWidth = max(
      self.labelWidth ?? (label.isEmpty ? 0 : min(Text.width(label), area.width / 3)), 0)
    var showsValue = true
    func barWidth() -> Int {
      area.width - (labelWidth > 0 ? labelWidth + 1 : 0) - (showsValue ? valueWidth + 1 : 0)
    }
    if barWidth() < 3 { labelWidth = 0 }
    if barWidth() < 3 { showsValue = false }
    var x = area.x
    if labelWidth > 0 {
      grid.drawText(
        label, x: x, y: area.y, width: labelWidth, style: theme.text, clip: row,
        glyphs: context.glyphs)
      x += labelWidth + 1
    }
    drawBar(x: x, width: barWidth(), into: &grid, clip: row, context: context)
    if showsValue {
      grid.drawText(
        value, x: area.maxX - valueWidth, y: area.y, width: valueWidth, style: theme.text,
        clip: row, glyphs: context.glyphs, alignment: .right)
    }
  }

  private func drawBar(
    x: Int, width: Int, into grid: inout Grid, clip: Rect, context: RenderContext
  ) {
    guard width > 0 else { return }
    let theme = context.theme
    let f = fraction.flatMap { $0.isNaN ? nil : min(max($0, 0), 1) }
    let ascii = context.glyphs == .ascii
    let filled = theme.text.foreground(theme.meter(f ?? 0))
    var (cells, eighths) = Gauge.fill(fraction: f ?? 0, width: width)
    if ascii {
      if eighths >= 4 { cells += 1 }
      eighths = 0
    }
    for i in 0..<width {
      if i < cells {
        grid.set(x + i, clip.y, ascii ? "#" : "█", filled, clip: clip)
      } else if i == cells, eighths > 0 {
        grid.set(x + i, clip.y, Gauge.partials[eighths - 1], filled, clip: clip)
      } else {
        grid.set(x + i, clip.y, ascii ? "-" : "─", theme.muted, clip: clip)
      }
    }
  }
}
