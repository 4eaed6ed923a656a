// Drawing primitives shared by the widgets: clipped, scalar by scalar, no per-cell allocation.

extension Glyphs {
  /// What marks cut text.
  var ellipsis: Unicode.Scalar { self == .ascii ? "~" : "…" }

  /// The scalar to put in a cell for `s`: control characters become spaces, and in ASCII mode
  /// anything outside printable ASCII becomes its `asciiFallback`.
  @inline(__always)
  func sanitize(_ s: Unicode.Scalar) -> Unicode.Scalar {
    let v = s.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return " " }
    if self == .ascii, v > 0x7E { return Glyphs.asciiFallback(for: s) }
    return s
  }

  /// The ASCII stand-in for a scalar the console's own text uses ("?" for anything else).
  public static func asciiFallback(for s: Unicode.Scalar) -> Unicode.Scalar {
    switch s {
    case "·": "."
    case "→", "›": ">"
    case "←", "‹": "<"
    case "↑", "▲": "^"
    case "↓", "▼": "v"
    case "…": "~"
    case "θ": "t"
    case "λ": "l"
    case "━", "─": "-"
    case "┃", "│": "|"
    case "┊": ":"
    case "▶": ">"
    case "—": "-"
    case "■", "█": "#"
    case "✓": "+"
    case "✗": "x"
    default: "?"
    }
  }
}

extension Rect {
  /// The part of `self` that is also inside `other`.
  func intersection(_ other: Rect) -> Rect {
    let x0 = max(x, other.x)
    let y0 = max(y, other.y)
    let x1 = min(maxX, other.maxX)
    let y1 = min(maxY, other.maxY)
    return Rect(x: x0, y: y0, width: max(x1 - x0, 0), height: max(y1 - y0, 0))
  }
}

extension Grid {
  /// Draws `text` within `width` cells from (x, y), cut with an ellipsis when longer and placed by
  /// `alignment` when shorter (cells the text does not cover are left alone). Returns the number
  /// of cells the text covers.
  @discardableResult
  mutating func drawText(
    _ text: String, x: Int, y: Int, width: Int, style: Style, clip: Rect, glyphs: Glyphs,
    alignment: TextAlignment = .left
  ) -> Int {
    guard width > 0, y >= clip.y, y < clip.maxY else { return 0 }
    let scalars = text.unicodeScalars
    let count = scalars.count
    let shown = min(count, width)
    let cut = count > width
    var cx = x
    switch alignment {
    case .left: break
    case .right: cx = x + width - shown
    case .center: cx = x + (width - shown) / 2
    }
    var i = 0
    for s in scalars {
      guard i < shown else { break }
      let scalar = cut && i == shown - 1 ? glyphs.ellipsis : glyphs.sanitize(s)
      set(cx + i, y, scalar, style, clip: clip)
      i += 1
    }
    return shown
  }

  /// Draws `spans` from (x, y) within `width` cells, cut with an ellipsis when longer. Spans
  /// without a style use `base`. Returns the number of cells covered.
  @discardableResult
  mutating func drawSpans(
    _ spans: [Span], x: Int, y: Int, width: Int, base: Style, clip: Rect, glyphs: Glyphs
  ) -> Int {
    guard width > 0 else { return 0 }
    var total = 0
    for span in spans { total += span.text.unicodeScalars.count }
    let shown = min(total, width)
    let cut = total > width
    var i = 0
    for span in spans {
      let style = span.style ?? base
      for s in span.text.unicodeScalars {
        guard i < shown else { return shown }
        let scalar = cut && i == shown - 1 ? glyphs.ellipsis : glyphs.sanitize(s)
        set(x + i, y, scalar, style, clip: clip)
        i += 1
      }
    }
    return shown
  }

  /// Fills the part of `rect` inside `clip` with `scalar`.
  mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar, style: Style, clip: Rect) {
    fill(rect.intersection(clip), scalar, style: style)
  }
}
