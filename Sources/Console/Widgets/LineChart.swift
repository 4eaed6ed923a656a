/// A line chart of one or more series in braille dots (2x4 per cell), with the y range in a left
/// gutter (max at the top, min at the bottom), optional x labels under the plot and an optional
/// legend above it. Values are equally spaced on x and resampled to the dot columns; consecutive
/// points are joined vertically, NaN and infinities leave gaps. One series is coloured by height
/// with the theme's graph gradient (btop style); several use their own colours. In ASCII: one
/// sample per column, `*` for points and `|` joining them.
public struct LineChart: Hashable, Sendable {
  /// The lines, drawn in order (later ones on top).
  public var series: [ChartSeries]
  /// A fixed y range; nil scales to the data. Values outside it are drawn at the edge.
  public var yRange: ClosedRange<Double>?
  /// Labels under the plot, spread evenly: the first left-aligned, the last right-aligned.
  public var xLabels: [String]
  /// A row of the series names in their colours above the plot.
  public var showsLegend: Bool
  /// Shown (muted, centred) when no series has a finite value.
  public var emptyMessage: String
  /// Where to mark a moment (e.g. an alert's step) with a vertical line behind the data: a
  /// fraction of the x axis (0 = the first value, 1 = the last); nil for none.
  public var marker: Double?

  /// A chart of `series` with optional fixed y range, x labels and legend.
  public init(
    series: [ChartSeries], yRange: ClosedRange<Double>? = nil, xLabels: [String] = [],
    showsLegend: Bool = false, emptyMessage: String = "no data", marker: Double? = nil
  ) {
    self.series = series
    self.yRange = yRange
    self.xLabels = xLabels
    self.showsLegend = showsLegend
    self.emptyMessage = emptyMessage
    self.marker = marker
  }

  /// Draws the chart, or the empty message when there is nothing finite to plot.
  public func render(into grid: inout Grid, area: Rect, context: RenderContext) {
    guard !area.isEmpty else { return }
    let theme = context.theme
    grid.fill(area, " ", style: theme.text)
    guard let range = LineChart.bounds(of: series, fixed: yRange) else {
      grid.drawText(
        emptyMessage, x: area.x, y: area.y + (area.height - 1) / 2, width: area.width,
        style: theme.muted, clip: area, glyphs: context.glyphs, alignment: .center)
      return
    }
    var plot = area
    var legendRow: Int?
    var labelRow: Int?
    if showsLegend, plot.height >= 3 {
      legendRow = plot.y
      plot = plot.inset(top: 1)
    }
    if !xLabels.isEmpty, plot.height >= 3 {
      labelRow = plot.maxY - 1
      plot = plot.inset(bottom: 1)
    }
    let top = Format.compact(range.upperBound)
    let bottom = Format.compact(range.lowerBound)
    let labelWidth = min(7, max(Text.width(top), Text.width(bottom)))
    if plot.width >= labelWidth + 1 + 4 {
      drawGutter(
        top: top, bottom: bottom, labelWidth: labelWidth, plot: plot, into: &grid, clip: area,
        context: context)
      plot = plot.inset(left: labelWidth + 1)
    }
    if let legendRow { drawLegend(y: legendRow, x: plot.x, into: &grid, clip: area, context) }
    if let labelRow { drawXLabels(y: labelRow, plot: plot, into: &grid, clip: area, context) }
    if let marker, marker.isFinite, !plot.isEmpty {
      let x = plot.x + Int((min(max(marker, 0), 1) * Double(plot.width - 1)).rounded())
      let scalar: Unicode.Scalar = context.glyphs == .ascii ? ":" : "┊"
      for y in plot.y..<plot.maxY { grid.set(x, y, scalar, context.theme.danger, clip: plot) }
    }
    if context.glyphs == .ascii {
      drawASCII(range: range, plot: plot, into: &grid, context: context)
    } else {
      drawBraille(range: range, plot: plot, into: &grid, context: context)
    }
  }

  // MARK: Plot

  private func drawBraille(
    range: ClosedRange<Double>, plot: Rect, into grid: inout Grid, context: RenderContext
  ) {
    guard !plot.isEmpty else { return }
    var canvas = BrailleCanvas(width: plot.width, height: plot.height)
    let rows = plot.height * 4
    for (index, s) in series.enumerated() {
      var previous: Int?
      for (x, v) in LineChart.resample(s.values, to: plot.width * 2).enumerated() {
        guard let y = dotRow(v, range: range, rows: rows) else {
          previous = nil
          continue
        }
        // Join from the row next to the previous point so the line has no gaps.
        let from = previous.map { $0 < y ? $0 + 1 : $0 > y ? $0 - 1 : y } ?? y
        for yy in min(from, y)...max(from, y) { canvas.set(x: x, y: yy, series: index) }
        previous = y
      }
    }
    for cy in 0..<plot.height {
      for cx in 0..<plot.width {
        let cell = cy * plot.width + cx
        let dots = canvas.dots[cell]
        guard dots != 0 else { continue }
        let style = self.style(series: canvas.owner[cell], row: cy, rows: plot.height, context)
        grid.set(plot.x + cx, plot.y + cy, Braille.scalar(dots), style, clip: plot)
      }
    }
  }

  private func drawASCII(
    range: ClosedRange<Double>, plot: Rect, into grid: inout Grid, context: RenderContext
  ) {
    guard !plot.isEmpty else { return }
    for (index, s) in series.enumerated() {
      var previous: Int?
      for (x, v) in LineChart.resample(s.values, to: plot.width).enumerated() {
        guard let y = dotRow(v, range: range, rows: plot.height) else {
          previous = nil
          continue
        }
        if let previous, abs(previous - y) > 1 {
          for yy in (min(previous, y) + 1)..<max(previous, y) {
            let style = self.style(series: index, row: yy, rows: plot.height, context)
            grid.set(plot.x + x, plot.y + yy, "|", style, clip: plot)
          }
        }
        let style = self.style(series: index, row: y, rows: plot.height, context)
        grid.set(plot.x + x, plot.y + y, "*", style, clip: plot)
        previous = y
      }
    }
  }

  /// The raster row (0 = top) of `v` among `rows`, clamped; nil for a gap.
  private func dotRow(_ v: Double, range: ClosedRange<Double>, rows: Int) -> Int? {
    guard v.isFinite, rows > 0 else { return nil }
    let fraction = (v - range.lowerBound) / (range.upperBound - range.lowerBound)
    let row = Int(((1 - min(max(fraction, 0), 1)) * Double(rows - 1)).rounded())
    return min(max(row, 0), rows - 1)
  }

  /// A plot cell's style: a lone series by height on the graph gradient, otherwise its colour.
  private func style(series index: Int, row: Int, rows: Int, _ context: RenderContext) -> Style {
    let theme = context.theme
    if series.count == 1, series[0].color == nil {
      let fraction = rows > 1 ? Double(rows - 1 - row) / Double(rows - 1) : 1
      return theme.text.foreground(theme.graph(fraction))
    }
    return theme.text.foreground(color(of: index, theme))
  }

  private func color(of index: Int, _ theme: Theme) -> Color {
    guard !theme.isMonochrome, series.indices.contains(index) else { return theme[.mainForeground] }
    if let color = series[index].color { return color }
    return series.count == 1 ? theme.graph(0.5) : theme.series(index)
  }

  // MARK: Axes and legend

  private func drawGutter(
    top: String, bottom: String, labelWidth: Int, plot: Rect, into grid: inout Grid, clip: Rect,
    context: RenderContext
  ) {
    let ascii = context.glyphs == .ascii
    let axisX = plot.x + labelWidth
    for y in plot.y..<plot.maxY {
      let tick = y == plot.y || y == plot.maxY - 1
      let scalar: Unicode.Scalar = ascii ? (tick ? "+" : "|") : (tick ? "┤" : "│")
      grid.set(axisX, y, scalar, context.theme.border, clip: clip)
    }
    grid.drawText(
      top, x: plot.x, y: plot.y, width: labelWidth, style: context.theme.muted, clip: clip,
      glyphs: context.glyphs, alignment: .right)
    if plot.height >= 2 {
      grid.drawText(
        bottom, x: plot.x, y: plot.maxY - 1, width: labelWidth, style: context.theme.muted,
        clip: clip, glyphs: context.glyphs, alignment: .right)
    }
  }

  private func drawLegend(
    y: Int, x: Int, into grid: inout Grid, clip: Rect, _ context: RenderContext
  ) {
    let marker: Unicode.Scalar = context.glyphs == .ascii ? "*" : "■"
    var cx = x
    for (index, s) in series.enumerated() {
      guard cx < clip.maxX else { return }
      let style = context.theme.text.foreground(color(of: index, context.theme))
      grid.set(cx, y, marker, style, clip: clip)
      cx += 2
      cx += grid.drawText(
        s.name, x: cx, y: y, width: clip.maxX - cx, style: style, clip: clip,
        glyphs: context.glyphs)
      cx += 2
    }
  }

  private func drawXLabels(
    y: Int, plot: Rect, into grid: inout Grid, clip: Rect, _ context: RenderContext
  ) {
    let k = xLabels.count
    for (i, label) in xLabels.enumerated() {
      let w = Text.width(label)
      var x = plot.x
      if k > 1, i == k - 1 {
        x = plot.maxX - w
      } else if k > 1, i > 0 {
        x = plot.x + i * (plot.width - 1) / (k - 1) - w / 2
      }
      x = max(x, clip.x)
      grid.drawText(
        label, x: x, y: y, width: clip.maxX - x, style: context.theme.muted, clip: clip,
        glyphs: context.glyphs)
    }
  }
}
