extension Theme {
  /// Parses a theme file in btop's format (`themes/*.theme`).
  ///
  /// Every line is blank, a comment (first non-blank character `#`), or
  /// `theme[key]="value"` with optional blanks around `=` and an optional `# comment` after the
  /// closing quote. `key` is a `Theme.Key` raw value; `value` is whatever
  /// `Color(themeValue:)` accepts: `#RRGGBB`, `#BW` (a grey), `R G B` (decimal), or empty for the
  /// terminal's default colour. Unlike btop, which skips what it does not understand, a bad line
  /// refuses the whole file, so a typo never silently paints the wrong colour. Keys the file
  /// does not set fall back to `Theme.fallback` (see `subscript(key:)`).
  ///
  /// - Parameters:
  ///   - name: the theme's name (for a file, its name without `.theme`).
  ///   - source: where the text came from, used in error messages (`source:line: reason`).
  public static func parse(_ text: String, name: String, source: String) throws(ThemeError)
    -> Theme
  {
    var colors: [Key: Color] = [:]
    var firstLine: [Key: Int] = [:]
    var body = Substring(text)
    if body.first == "\u{FEFF}" { body = body.dropFirst() }
    let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = offset + 1
      let line = rawLine.trimmingBlanks()
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let (rawKey, value) = splitAssignment(line) else {
        throw .malformedLine(source: source, line: lineNumber)
      }
      guard let key = Key(rawValue: String(rawKey)) else {
        throw .unknownKey(source: source, line: lineNumber, key: String(rawKey))
      }
      if let first = firstLine[key] {
        throw .duplicateKey(source: source, line: lineNumber, key: key.rawValue, firstLine: first)
      }
      guard let color = Color(themeValue: String(value)) else {
        throw .invalidColor(
          source: source, line: lineNumber, key: key.rawValue, value: String(value))
      }
      colors[key] = color
      firstLine[key] = lineNumber
    }
    return Theme(name: name, colors: colors)
  }

  /// Splits `theme[KEY] = "VALUE"  # comment` into (KEY, VALUE); nil if the line has another
  /// shape. `line` is already trimmed.
  private static func splitAssignment(_ line: Substring) -> (Substring, Substring)? {
    let prefix = "theme["
    guard line.hasPrefix(prefix) else { return nil }
    let afterPrefix = line.dropFirst(prefix.count)
    guard let close = afterPrefix.firstIndex(of: "]") else { return nil }
    let key = afterPrefix[..<close]
    var rest = afterPrefix[afterPrefix.index(after: close)...].trimmingLeadingBlanks()
    guard rest.first == "=" else { return nil }
    rest = rest.dropFirst().trimmingLeadingBlanks()
    guard rest.first == "\"" else { return nil }
    rest = rest.dropFirst()
    guard let endQuote = rest.firstIndex(of: "\"") else { return nil }
    let value = rest[..<endQuote]
    let trailer = rest[rest.index(after: endQuote)...].trimmingLeadingBlanks()
    guard trailer.isEmpty || trailer.hasPrefix("#") else { return nil }
    return (key, value)
  }
}

extension Substring {
  fileprivate func trimmingLeadingBlanks() -> Substring {
    drop { $0 == " " || $0 == "\t" }
  }

  fileprivate func trimmingBlanks() -> Substring {
    var s = trimmingLeadingBlanks()
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return s
  }
}
