import Foundation

/// A job's id: a ULID (48-bit millisecond time + 80 random bits, Crockford base32), unique
/// across workspaces and sortable by submission time.
public struct JobID: Hashable, Codable, Sendable, CustomStringConvertible, Comparable {
  public let rawValue: String

  public init?(_ text: String) {
    let upper = text.uppercased()
    guard upper.count == 26, upper.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
    rawValue = upper
  }

  private init(unchecked: String) { rawValue = unchecked }

  static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

  /// A new id for the current time.
  public static func generate(now: Date = Date()) -> JobID {
    var generator = SystemRandomNumberGenerator()
    let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
    let high = UInt16.random(in: .min ... .max, using: &generator)
    let low = UInt64.random(in: .min ... .max, using: &generator)
    var chars: [Character] = []
    // 10 characters of time (50 bits, top 2 zero), 16 of randomness (80 bits).
    for i in stride(from: 9, through: 0, by: -1) {
      chars.append(alphabet[Int((millis >> (5 * UInt64(i))) & 31)])
    }
    let random = (UInt128(high) << 64) | UInt128(low)
    for i in stride(from: 15, through: 0, by: -1) {
      chars.append(alphabet[Int((random >> (5 * UInt128(i))) & 31)])
    }
    return JobID(unchecked: String(chars))
  }

  /// The last 8 characters: enough to tell jobs apart on screen.
  public var short: String { String(rawValue.suffix(8)) }
  public var description: String { rawValue }
  public static func < (a: JobID, b: JobID) -> Bool { a.rawValue < b.rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let id = JobID(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a job id: \(text)"))
    }
    self = id
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}
