import Crypto
import Foundation
import Storage

/// How an audited action ended.
public enum AuditOutcome: String, Sendable, Codable, CaseIterable {
  /// An authorised action (the decision, before the action ran).
  case allowed
  /// Refused by a role or a policy rule (the details name which).
  case denied
  /// Something that happened and succeeded (a lifecycle change, an applied file).
  case ok
  /// Something that was attempted and failed (a verification, a tampered artifact).
  case failed
  /// A command written for the running engine to pick up.
  case queued
  /// A queued command the engine carried out.
  case executed
}

/// What a caller appends: the log assigns the sequence number and the time.
public struct AuditEvent: Sendable, Hashable {
  public var principal: String
  public var action: String
  public var target: String
  public var outcome: AuditOutcome
  public var details: [String: String]

  public init(
    principal: String, action: String, target: String, outcome: AuditOutcome,
    details: [String: String] = [:]
  ) {
    self.principal = principal
    self.action = action
    self.target = target
    self.outcome = outcome
    self.details = details
  }
}

/// One stored entry of the log, a leaf of the Merkle tree.
public struct AuditEntry: Sendable, Hashable, Encodable {
  /// The leaf index, from 0, contiguous.
  public let sequence: Int64
  public let timeMs: Int64
  public let principal: String
  public let action: String
  public let target: String
  public let outcome: AuditOutcome
  public let details: [String: String]
  /// The stored leaf hash (SHA-256(0x00 ‖ canonical entry)).
  public let leafHash: Data
  /// The details exactly as stored (canonical JSON), which the leaf hash covers.
  let detailsText: String
  /// The outcome exactly as stored (an edited, unknown outcome still fails the leaf hash).
  let outcomeText: String

  public var time: Date { Date(timeIntervalSince1970: Double(timeMs) / 1000) }

  /// Whether the stored leaf hash matches the entry's data.
  public var isLeafHashValid: Bool {
    MerkleHash.leaf(
      AuditEntry.canonical(
        sequence: sequence, timeMs: timeMs, principal: principal, action: action, target: target,
        outcome: outcomeText, details: detailsText)) == leafHash
  }

  init(record r: AuditEntryRecord) {
    sequence = r.seq
    timeMs = r.timeMs
    principal = r.principal
    action = r.action
    target = r.target
    outcomeText = r.outcome
    outcome = AuditOutcome(rawValue: r.outcome) ?? .failed
    detailsText = r.details
    details =
      (try? JSONDecoder().decode([String: String].self, from: Data(r.details.utf8))) ?? [:]
    leafHash = r.leafHash
  }

  enum CodingKeys: String, CodingKey {
    case sequence = "seq"
    case time, principal, action, target, outcome, details
    case leafHash = "leaf_hash"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(sequence, forKey: .sequence)
    try c.encode(time.auditText, forKey: .time)
    try c.encode(principal, forKey: .principal)
    try c.encode(action, forKey: .action)
    try c.encode(target, forKey: .target)
    try c.encode(outcomeText, forKey: .outcome)
    try c.encode(details, forKey: .details)
    try c.encode(leafHash.hex, forKey: .leafHash)
  }

  /// The bytes a leaf hash covers: a JSON object with sorted keys and no spaces, every field of
  /// the row (the details are already canonical JSON text).
  static func canonical(
    sequence: Int64, timeMs: Int64, principal: String, action: String, target: String,
    outcome: String, details: String
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(
      96 + principal.utf8.count + action.utf8.count + target.utf8.count + details.utf8.count)
    out += #"{"action":"#.utf8
    CanonicalJSON.appendString(action, to: &out)
    out += #","details":"#.utf8
    out += details.utf8
    out += #","outcome":"#.utf8
    CanonicalJSON.appendString(outcome, to: &out)
    out += #","principal":"#.utf8
    CanonicalJSON.appendString(principal, to: &out)
    out += #","seq":"#.utf8
    out += String(sequence).utf8
    out += #","target":"#.utf8
    CanonicalJSON.appendString(target, to: &out)
    out += #","time_ms":"#.utf8
    out += String(timeMs).utf8
    out.append(UInt8(ascii: "}"))
    return out
  }
}

/// A small canonical JSON writer: sorted keys, no whitespace, minimal escapes. Used for what a
/// hash covers, so it must never change its output for the same input.
enum CanonicalJSON {
  static func object(_ dict: [String: String]) -> String {
    var out: [UInt8] = [UInt8(ascii: "{")]
    for (i, key) in dict.keys.sorted().enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendString(key, to: &out)
      out.append(UInt8(ascii: ":"))
      appendString(dict[key] ?? "", to: &out)
    }
    out.append(UInt8(ascii: "}"))
    return String(decoding: out, as: UTF8.self)
  }

  static func appendString(_ s: String, to out: inout [UInt8]) {
    let hexDigits = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        out += Array(#"\u00"#.utf8)
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0f)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension Date {
  /// UTC with milliseconds, as audit output shows times.
  public var auditText: String {
    Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(self)
  }
}

extension Data {
  /// Bytes from lower- or upper-case hex; nil when malformed.
  init?(hexString: String) {
    let chars = Array(hexString.utf8)
    guard chars.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(chars.count / 2)
    func value(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
      default: nil
      }
    }
    var i = 0
    while i < chars.count {
      guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
      bytes.append(hi << 4 | lo)
      i += 2
    }
    self.init(bytes)
  }
}
