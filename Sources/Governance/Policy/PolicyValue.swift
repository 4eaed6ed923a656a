/// A value of a request attribute, or the operand of a rule's condition.
///
/// Encoded as a plain JSON value: `"ppo"`, `475`, `true`, `["data-scientist", "admin"]`.
/// Integers and floats are both numbers (`Double`), as they are in JSON.
public enum PolicyValue: Codable, Sendable, Hashable, CustomStringConvertible,
  ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
  case string(String)
  case number(Double)
  case bool(Bool)
  /// A list of strings, such as the principal's roles.
  case list([String])

  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: String...) { self = .list(elements) }

  /// Decodes a JSON string, number, boolean or array of strings; anything else (null, an
  /// object, an array holding other types) is refused.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([String].self) {
      self = .list(value)
    } else {
      throw DecodingError.typeMismatch(
        PolicyValue.self,
        DecodingError.Context(
          codingPath: decoder.codingPath,
          debugDescription: "expected a string, number, boolean or list of strings"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .list(let value): try container.encode(value)
    }
  }

  /// The value as a denial message shows it: `ppo`, `2`, `0.65`, `true`, `[a, b]`.
  public var description: String {
    switch self {
    case .string(let value): value
    case .number(let value): Self.format(value)
    case .bool(let value): value ? "true" : "false"
    case .list(let values): "[" + values.joined(separator: ", ") + "]"
    }
  }

  /// The type with an article, for messages.
  public var typeDescription: String {
    switch self {
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .list: "a list"
    }
  }

  /// Whole numbers without a fraction (`600000000`, not `6e+08`), others as Swift prints them.
  static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 {
      return String(Int64(number))
    }
    return number.description
  }
}
