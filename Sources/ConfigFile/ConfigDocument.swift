#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A parsed configuration document in Rampart's TOML subset.
///
/// Every value remembers its line and every table its document name, so whatever reads the
/// document can refuse bad input as `file:line: reason`:
///
/// ```swift
/// let document = try ConfigDocument(contentsOfFile: "demo.toml")
/// for job in try document.root.tables("job") {
///   try job.rejectUnknownKeys(allowed: ["at", "env", "steps", "hp"])
///   let steps = try job.integer("steps", in: 1...)
/// }
/// ```
public struct ConfigDocument: Sendable {
  /// The document's name in messages, usually its path.
  public let source: String
  /// The top-level table.
  public let root: ConfigTable

  /// Parses `text`; `source` names the document in errors.
  public init(parsing text: String, source: String) throws(ConfigError) {
    try self.init(parsing: Array(text.utf8), source: source)
  }

  /// Parses UTF-8 `bytes`, refusing invalid UTF-8 at the first line that holds it.
  public init(parsing bytes: [UInt8], source: String) throws(ConfigError) {
    self.source = source
    root = try Parser.parse(bytes, source: source)
  }

  /// Reads and parses the file at `path`, which also names the document in errors.
  /// A file that cannot be read is refused with line 0.
  public init(contentsOfFile path: String) throws(ConfigError) {
    let files = FileManager.default
    let type = (try? files.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    guard let type else {
      throw ConfigError(source: path, line: 0, message: "no such file")
    }
    guard type != .typeDirectory else {
      throw ConfigError(source: path, line: 0, message: "is a directory, not a file")
    }
    guard let data = files.contents(atPath: path) else {
      throw ConfigError(source: path, line: 0, message: "cannot read the file")
    }
    try self.init(parsing: [UInt8](data), source: path)
  }

  /// The top-level value under `key`.
  public subscript(key: String) -> ConfigValue? {
    root[key]
  }
}
