import Foundation

/// One JSON object printed on one line, keys in the order they were added (readable logs that
/// scripts can still parse).
struct JSONLine {
  private var fields: [(String, String)] = []

  init(_ pairs: KeyValuePairs<String, JSONValue> = [:]) {
    for (k, v) in pairs { fields.append((k, v.text)) }
  }

  subscript(key: String) -> JSONValue? {
    get { nil }
    set {
      guard let newValue else { return }
      fields.removeAll { $0.0 == key }
      fields.append((key, newValue.text))
    }
  }

  var text: String {
    "{" + fields.map { "\(JSONValue.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
  }
}

/// A JSON value for `JSONLine`.
enum JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case array([JSONValue])
  case raw(String)
  case null

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .int(value) }
  init(floatLiteral value: Double) { self = .double(value) }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(nilLiteral: ()) { self = .null }

  static func number(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
  static func number(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }

  var text: String {
    switch self {
    case .string(let s): Self.quote(s)
    case .int(let i): String(i)
    case .double(let d):
      d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)") : "null"
    case .bool(let b): b ? "true" : "false"
    case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
    case .raw(let text): text
    case .null: "null"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// Writes a line to standard output at once (unbuffered, so progress shows up in pipes).
func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
