import Crypto
import Foundation

/// Applies a transform to a table. Keys come from the caller (derived from the workspace's key
/// material): one for pseudonyms, shared by every dataset so joins across datasets still match;
/// one FF1 key per dataset for format-preserving tokens.
public struct Deidentifier: Sendable {
  private let pseudonymKeyBytes: [UInt8]
  private let tokenKeyBytes: [UInt8]

  public init(pseudonymKey: SymmetricKey, tokenKey: SymmetricKey) {
    pseudonymKeyBytes = pseudonymKey.withUnsafeBytes { Array($0) }
    tokenKeyBytes = tokenKey.withUnsafeBytes { Array($0) }
  }

  /// The processed table (dropped columns left out) and the vault of the random tokens it
  /// issued. Refuses a transform that does not cover the table's columns exactly.
  public func apply(_ transform: TransformDocument, to table: DataTable) throws -> (
    DataTable, TokenVault
  ) {
    try transform.check(against: table)
    var vault = TokenVault()
    var columns: [String] = []
    var cells: [[String]] = []
    let ff1 = try FF1(key: SymmetricKey(data: tokenKeyBytes), radix: 10)
    // The keyed state after the key block, copied per value (HMAC's key setup costs two hashes).
    let hmacKey = HMAC<SHA256>(key: SymmetricKey(data: pseudonymKeyBytes))
    for (c, name) in table.columns.enumerated() {
      guard let action = transform.actions[name] else { continue }
      let source = table.cells[c]
      var out: [String]
      switch action {
      case .drop: continue
      case .keep: out = source
      case .pseudonymise(let prefix):
        out = Self.memoised(source) { Self.pseudonym($0, prefix: prefix, key: hmacKey) }
      case .generalise(let g):
        // Dates and prefixes cost less than a dictionary lookup; parsed ranges do not.
        if case .range = g {
          out = Self.memoised(source) { Generaliser.apply(g, to: $0) }
        } else {
          out = source.map { Generaliser.apply(g, to: $0) }
        }
      case .tokenise:
        let tweak = Array(name.utf8)
        var failure: (any Error)?
        out = Self.memoised(source) { value in
          if let digits = FormatPreserving.digits(of: value) {
            do {
              return FormatPreserving.replace(value, digits: try ff1.encrypt(digits, tweak: tweak))
            } catch {
              failure = error
              return value
            }
          }
          return vault.token(for: value, column: name)
        }
        if let failure { throw failure }
      }
      columns.append(name)
      cells.append(out)
    }
    return (DataTable(columns: columns, cells: cells, lines: table.lines), vault)
  }

  /// The original value of a token: FF1-decrypted for digit strings, looked up in the vault for
  /// random tokens. nil when the token was never issued for that column.
  public func reidentify(_ token: String, column: String, vault: TokenVault) throws -> String? {
    if TokenVault.isRandomToken(token) { return vault.value(for: token, column: column) }
    guard let digits = FormatPreserving.digits(of: token) else { return nil }
    let ff1 = try FF1(key: SymmetricKey(data: tokenKeyBytes), radix: 10)
    return FormatPreserving.replace(
      token, digits: try ff1.decrypt(digits, tweak: Array(column.utf8)))
  }

  static func pseudonym(_ value: String, prefix: String, key: HMAC<SHA256>) -> String {
    if value.isEmpty { return value }
    var v = value
    var h = key
    v.withUTF8 { h.update(data: UnsafeRawBufferPointer($0)) }
    let mac = h.finalize()
    let hex = Array("0123456789abcdef".utf8)
    var digits = [UInt8](repeating: 0, count: 12)
    mac.withUnsafeBytes { bytes in
      for k in 0..<6 {
        digits[2 * k] = hex[Int(bytes[k] >> 4)]
        digits[2 * k + 1] = hex[Int(bytes[k] & 15)]
      }
    }
    return prefix + "_" + String(decoding: digits, as: UTF8.self)
  }

  /// Applies `f` once per distinct value: real columns repeat (the same customer, the same
  /// postcode), and every rule here is deterministic for a given value.
  static func memoised(_ source: [String], _ f: (String) -> String) -> [String] {
    var seen: [String: String] = [:]
    seen.reserveCapacity(min(source.count, 1 << 16))
    var out: [String] = []
    out.reserveCapacity(source.count)
    for value in source {
      if let known = seen[value] {
        out.append(known)
      } else {
        let mapped = f(value)
        seen[value] = mapped
        out.append(mapped)
      }
    }
    return out
  }
}

/// Digit strings with punctuation (`4111 1111-1111 1111`, `+44 (20) 7946 0958`): FF1 encrypts the
/// digits and the punctuation stays where it was, so the token keeps the value's format.
enum FormatPreserving {
  /// Space, `-`, `(`, `)`, `.`, `+`, `/`.
  @inline(__always) static func isSeparator(_ c: UInt8) -> Bool {
    switch c {
    case 0x20, 0x2D, 0x28, 0x29, 0x2E, 0x2B, 0x2F: true
    default: false
    }
  }

  /// The digits as numerals, when the value is only digits and separators and has at least the
  /// six digits FF1's domain rule needs in radix 10.
  static func digits(of value: String) -> [UInt8]? {
    var digits: [UInt8] = []
    digits.reserveCapacity(value.utf8.count)
    for c in value.utf8 {
      if c >= 0x30 && c <= 0x39 {
        digits.append(c - 0x30)
      } else if !isSeparator(c) {
        return nil
      }
    }
    return digits.count >= 6 ? digits : nil
  }

  static func replace(_ value: String, digits: [UInt8]) -> String {
    var k = 0
    var out: [UInt8] = []
    out.reserveCapacity(value.utf8.count)
    for c in value.utf8 {
      if c >= 0x30 && c <= 0x39 {
        out.append(0x30 + digits[k])
        k += 1
      } else {
        out.append(c)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// Random tokens and the values they stand for, per column. Stored encrypted beside the dataset
/// version; only re-identification (data-steward) opens it.
public struct TokenVault: Sendable, Codable, Hashable {
  public private(set) var entries: [String: [String: String]] = [:]
  private var issued: [String: [String: String]] = [:]

  public init() {}

  private enum CodingKeys: String, CodingKey { case entries }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    entries = try c.decode([String: [String: String]].self, forKey: .entries)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(entries, forKey: .entries)
  }

  public var count: Int { entries.values.reduce(0) { $0 + $1.count } }

  static func isRandomToken(_ s: String) -> Bool { s.hasPrefix("tok_") }

  mutating func token(for value: String, column: String) -> String {
    if value.isEmpty { return value }
    if let known = issued[column]?[value] { return known }
    var token: String
    repeat {
      var rng = SystemRandomNumberGenerator()
      let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
      token = "tok_" + String((0..<16).map { _ in alphabet[Int(rng.next() % 32)] })
    } while entries[column]?[token] != nil
    entries[column, default: [:]][token] = value
    issued[column, default: [:]][value] = token
    return token
  }

  public func value(for token: String, column: String) -> String? { entries[column]?[token] }
}
