/// Where text sits inside a wider field.
public enum TextAlignment: Hashable, Sendable {
  case left
  case right
  case center
}

/// Fitting text into a number of cells. Widths count Unicode scalars: the grid holds one scalar
/// per cell, so wide (CJK, emoji) and combining characters are not measured specially.
public enum Text {
  /// The number of cells `s` takes.
  public static func width(_ s: String) -> Int { s.unicodeScalars.count }

  /// `s` cut to at most `width` cells, ending in an ellipsis ("…", ASCII "~") when it was cut.
  public static func truncate(_ s: String, width: Int, glyphs: Glyphs = .unicode) -> String {
    guard width > 0 else { return "" }
    let scalars = s.unicodeScalars
    guard scalars.count > width else { return s }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars.prefix(width - 1))
    out.append(glyphs.ellipsis)
    return String(out)
  }

  /// `s` in exactly `width` cells: truncated with an ellipsis when too long, padded with spaces
  /// on the side `alignment` asks for when too short.
  public static func fit(
    _ s: String, width: Int, alignment: TextAlignment = .left, glyphs: Glyphs = .unicode
  ) -> String {
    guard width > 0 else { return "" }
    let cut = truncate(s, width: width, glyphs: glyphs)
    let pad = width - cut.unicodeScalars.count
    guard pad > 0 else { return cut }
    switch alignment {
    case .left: return cut + String(repeating: " ", count: pad)
    case .right: return String(repeating: " ", count: pad) + cut
    case .center:
      return String(repeating: " ", count: pad / 2) + cut
        + String(repeating: " ", count: pad - pad / 2)
    }
  }
}
