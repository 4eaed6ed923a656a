import ConfigFile
import Crypto
import Foundation

/// What to do with one column on its way to the processing zone.
public enum ColumnAction: Sendable, Hashable, Codable {
  /// Leave it out of the processed version.
  case drop
  /// Copy it unchanged (the PII scan must then find nothing in it to publish).
  case keep
  /// A keyed HMAC of the value, e.g. `user_4f2a9c81d0e3`: stable within the workspace, so joins
  /// still work, and not reversible.
  case pseudonymise(prefix: String)
  /// Reversible: digit strings of at least 6 digits by FF1 (format-preserving, punctuation kept);
  /// anything else by a random token kept encrypted in the dataset's vault.
  case tokenise
  /// Coarser values: dates to a year or month, codes to a prefix, numbers to a range.
  case generalise(Generalisation)

  public var name: String {
    switch self {
    case .drop: "drop"
    case .keep: "keep"
    case .pseudonymise: "pseudonymise"
    case .tokenise: "tokenise"
    case .generalise(let g): "generalise (\(g.name))"
    }
  }
}

public enum Generalisation: Sendable, Hashable, Codable {
  case year
  case month
  /// Keep the first `n` characters and replace the rest with `*`.
  case prefix(Int)
  /// Numbers to `[lo, lo + width)`, written `lo-hi`.
  case range(Double)

  public var name: String {
    switch self {
    case .year: "year"
    case .month: "month"
    case .prefix(let n): "prefix \(n)"
    case .range(let w): "range \(w.formatted())"
    }
  }
}

extension Double {
  fileprivate func formatted() -> String {
    self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
  }
}

/// A dataset's transform file: one `[columns.NAME]` section per column of the source, and the
/// quasi-identifier columns k-anonymity is measured over.
///
/// ```toml
/// quasi_identifiers = ["postcode", "birth_date"]
/// [columns.email]
/// action = "pseudonymise"   # optional: prefix = "user"
/// [columns.card]
/// action = "tokenise"
/// [columns.birth_date]
/// action = "generalise"
/// to = "year"               # or "month"; for codes: prefix = 3; for numbers: range = 10
/// [columns.notes]
/// action = "drop"
/// ```
public struct TransformDocument: Sendable {
  public var actions: [String: ColumnAction]
  /// The line of each column's section, for refusals that concern it.
  public var lines: [String: Int]
  public var quasiIdentifiers: [String]
  public let source: String
  /// Lower-case hex SHA-256 of the file's bytes (goes into the version's lineage).
  public let sha256: String

  public init(text: String, source: String) throws(ConfigError) {
    let document = try ConfigDocument(parsing: text, source: source)
    self.source = source
    sha256 = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    let root = document.root
    try root.rejectUnknownKeys(allowed: ["quasi_identifiers", "columns"])
    quasiIdentifiers = try root.optionalStringArray("quasi_identifiers") ?? []
    let columns = try root.table("columns")
    var actions: [String: ColumnAction] = [:]
    var lines: [String: Int] = [:]
    for (name, value) in columns.keyValuePairs {
      guard let t = value.tableValue else {
        throw columns.error("[columns.\(name)] must be a table with an action", at: value)
      }
      lines[name] = t.line
      let action = try t.oneOf(
        "action", ["drop", "keep", "pseudonymise", "tokenise", "generalise"])
      switch action {
      case "drop":
        try t.rejectUnknownKeys(allowed: ["action"])
        actions[name] = .drop
      case "keep":
        try t.rejectUnknownKeys(allowed: ["action"])
        actions[name] = .keep
      case "tokenise":
        try t.rejectUnknownKeys(allowed: ["action"])
        actions[name] = .tokenise
      case "pseudonymise":
        try t.rejectUnknownKeys(allowed: ["action", "prefix"])
        let prefix = try t.optionalString("prefix") ?? "id"
        guard !prefix.isEmpty, prefix.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x2C }) else {
          throw t.error("prefix must be plain ASCII text without commas", line: t.line)
        }
        actions[name] = .pseudonymise(prefix: prefix)
      default:
        try t.rejectUnknownKeys(allowed: ["action", "to", "prefix", "range"])
        let given = [t["to"], t["prefix"], t["range"]].compactMap { $0 }
        guard given.count == 1 else {
          throw t.error(
            "generalise needs exactly one of to = \"year\"|\"month\", prefix = N or range = WIDTH",
            line: t.line)
        }
        if t["to"] != nil {
          let to = try t.oneOf("to", ["year", "month"])
          actions[name] = .generalise(to == "year" ? .year : .month)
        } else if t["prefix"] != nil {
          actions[name] = .generalise(.prefix(try t.integer("prefix", in: 0...64)))
        } else {
          let width = try t.double("range")
          guard width > 0, width.isFinite else {
            throw t.error("range must be a positive width", line: t.line)
          }
          actions[name] = .generalise(.range(width))
        }
      }
    }
    guard !actions.isEmpty else {
      throw columns.error("[columns] names no column", line: columns.line)
    }
    for q in quasiIdentifiers where actions[q] == nil || actions[q] == .drop {
      throw root.error(
        "quasi-identifier \"\(q)\" must be a column the transform publishes",
        line: root["quasi_identifiers"]?.line ?? 1)
    }
    self.actions = actions
    self.lines = lines
  }

  public static func load(path: String) throws(ConfigError) -> TransformDocument {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigError(source: path, line: 0, message: "cannot read the transform file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigError(source: path, line: 0, message: "the transform file is not UTF-8")
    }
    return try TransformDocument(text: text, source: path)
  }

  /// Refuses a transform that does not cover the table's columns exactly: a column left without
  /// an action would otherwise slip through unexamined.
  public func check(against table: DataTable) throws(ConfigError) {
    let present = Set(table.columns)
    for (name, line) in lines.sorted(by: { $0.value < $1.value }) where !present.contains(name) {
      throw ConfigError(
        source: source, line: line,
        message: "column \"\(name)\" is not in the dataset (its columns: "
          + table.columns.joined(separator: ", ") + ")")
    }
    for name in table.columns where actions[name] == nil {
      throw ConfigError(
        source: source, line: 0,
        message: "the dataset's column \"\(name)\" has no [columns.\(name)] section "
          + "(every column needs an action, drop included)")
    }
  }
}
