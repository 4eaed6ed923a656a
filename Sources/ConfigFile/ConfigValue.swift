/// A value read from a configuration document, with the line it starts on.
public struct ConfigValue: Sendable, Equatable {
  /// What the value holds.
  public enum Kind: Sendable, Equatable {
    case string(String)
    /// A 64-bit integer, written in decimal, `0x`, `0o` or `0b`.
    case integer(Int)
    /// A finite float; `inf` and `nan` are refused when parsing.
    case float(Double)
    case boolean(Bool)
    /// An inline array, or an array of tables (`[[name]]`), whose elements are `.table`s.
    case array([ConfigValue])
    /// A `[table]`, an element of an array of tables, a table made by dotted keys, or an
    /// inline table.
    case table(ConfigTable)
  }

  /// What the value holds.
  public var kind: Kind
  /// The 1-based line the value starts on; for a table, the line of its header (or of the
  /// first key that created it), and for an array of tables, the line of its first `[[header]]`.
  public var line: Int

  /// A value as if read at `line`.
  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }

  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let value) = kind { value } else { nil }
  }

  /// The integer, if this is an integer.
  public var integerValue: Int? {
    if case .integer(let value) = kind { value } else { nil }
  }

  /// The number, if this is a float or an integer.
  public var doubleValue: Double? {
    switch kind {
    case .float(let value): value
    case .integer(let value): Double(value)
    default: nil
    }
  }

  /// The boolean, if this is a boolean.
  public var boolValue: Bool? {
    if case .boolean(let value) = kind { value } else { nil }
  }

  /// The elements, if this is an array.
  public var arrayValue: [ConfigValue]? {
    if case .array(let value) = kind { value } else { nil }
  }

  /// The table, if this is a table.
  public var tableValue: ConfigTable? {
    if case .table(let value) = kind { value } else { nil }
  }

  /// The type with an article, for messages: `a string`, `an integer`, `a float`,
  /// `a boolean`, `an array`, `a table`.
  public var typeDescription: String {
    switch kind {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .boolean: "a boolean"
    case .array: "an array"
    case .table: "a table"
    }
  }
}
