/// Why a theme could not be loaded. Line errors read `source:line: reason`, like a compiler's.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A line that is neither blank, a `#` comment, nor `theme[key]="value"`.
  case malformedLine(source: String, line: Int)
  /// `key` is not one of `Theme.Key`'s raw values.
  case unknownKey(source: String, line: Int, key: String)
  /// `value` is not `"#RRGGBB"`, `"#BW"`, `"R G B"` or `""`.
  case invalidColor(source: String, line: Int, key: String, value: String)
  /// `key` was already set on `firstLine`.
  case duplicateKey(source: String, line: Int, key: String, firstLine: Int)
  /// A theme path that does not name a file.
  case fileNotFound(path: String)
  /// A theme file that exists but cannot be read as UTF-8 text.
  case unreadable(path: String, reason: String)
  /// No `NAME.theme` in any search path.
  case notFound(name: String, searchPaths: [String])

  public var description: String {
    switch self {
    case .malformedLine(let source, let line):
      return "\(source):\(line): malformed line, expected theme[key]=\"value\""
    case .unknownKey(let source, let line, let key):
      let known = Theme.Key.allCases.map(\.rawValue).joined(separator: ", ")
      return "\(source):\(line): unknown key \"\(key)\" (known keys: \(known))"
    case .invalidColor(let source, let line, let key, let value):
      return
        "\(source):\(line): invalid colour value \"\(value)\" for \(key) "
        + "(expected \"#RRGGBB\", \"#BW\", \"R G B\" or \"\")"
    case .duplicateKey(let source, let line, let key, let firstLine):
      return "\(source):\(line): duplicate key \"\(key)\" (first set on line \(firstLine))"
    case .fileNotFound(let path):
      return "\(path): no such theme file"
    case .unreadable(let path, let reason):
      return "\(path): cannot read theme file (\(reason))"
    case .notFound(let name, let searchPaths):
      let places = searchPaths.isEmpty ? "no search paths" : searchPaths.joined(separator: ", ")
      return "no theme named \"\(name)\" (looked for \(name).theme in: \(places))"
    }
  }
}
