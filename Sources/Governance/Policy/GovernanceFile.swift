import ConfigFile
import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What the policy and access files share: reading bytes, their content hash, and names.
enum GovernanceFile {
  /// Lower-case hex SHA-256 of `bytes`: the version of a document, recorded when it is applied.
  static func sha256(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  /// The bytes of the file at `path`; refusals name the path with line 0.
  static func read(_ path: String) throws(ConfigError) -> [UInt8] {
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
    return [UInt8](data)
  }

  /// Letters, digits and `extra`, 1–64 characters (ASCII only, so names look the same
  /// everywhere and cannot hide look-alike characters).
  static func isValidName(_ name: String, extra: String) -> Bool {
    let allowed = Set(extra.utf8)
    return (1...64).contains(name.utf8.count)
      && name.utf8.allSatisfy { byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || allowed.contains(byte)
      }
  }

  /// A key as TOML needs it in a header: bare when it can be, quoted otherwise.
  static func tomlKey(_ key: String) -> String {
    if isValidName(key, extra: "_-") { return key }
    var escaped = ""
    for character in key {
      if character == "\"" || character == "\\" { escaped.append("\\") }
      escaped.append(character)
    }
    return "\"\(escaped)\""
  }

  /// Names joined for a message: `a, b, c`, or `none`.
  static func list(_ names: some Sequence<String>) -> String {
    let joined = names.joined(separator: ", ")
    return joined.isEmpty ? "none" : joined
  }
}
