/// A table of a configuration document: its keys in the order they were written, the line
/// that defined it, and enough context (document name, path) to phrase errors about it.
public struct ConfigTable: Sendable, Equatable {
  /// The name of the document the table was read from.
  public let source: String
  /// Where the table sits in the document, for messages.
  public let path: ConfigPath
  /// The line of the table's header, or of the key or brace that created it; 1 for the root.
  public let line: Int

  private let entries: [Entry]
  private let positions: [String: Int]

  private struct Entry: Sendable, Equatable {
    var key: String
    var value: ConfigValue
  }

  init(source: String, path: ConfigPath, line: Int, entries: [(key: String, value: ConfigValue)]) {
    self.source = source
    self.path = path
    self.line = line
    self.entries = entries.map { Entry(key: $0.key, value: $0.value) }
    var positions: [String: Int] = [:]
    for (position, entry) in entries.enumerated() { positions[entry.key] = position }
    self.positions = positions
  }

  /// The keys in the order they appear in the document.
  public var keys: [String] { entries.map(\.key) }

  /// The keys and values in the order they appear in the document.
  public var keyValuePairs: [(key: String, value: ConfigValue)] {
    entries.map { ($0.key, $0.value) }
  }

  /// The number of keys.
  public var count: Int { entries.count }

  /// Whether the table has no keys.
  public var isEmpty: Bool { entries.isEmpty }

  /// The value stored under `key`, if any.
  public subscript(key: String) -> ConfigValue? {
    guard let position = positions[key] else { return nil }
    return entries[position].value
  }

  /// An error in this table's document at `line`, for refusals the caller decides on.
  public func error(_ message: String, line: Int) -> ConfigError {
    ConfigError(source: source, line: line, message: message)
  }

  /// An error in this table's document at the line of `value`.
  public func error(_ message: String, at value: ConfigValue) -> ConfigError {
    error(message, line: value.line)
  }
}
