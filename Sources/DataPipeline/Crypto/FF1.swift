import Crypto
import _CryptoExtras

/// Why FF1 refused a key, radix, input or tweak.
public enum FF1Error: Error, CustomStringConvertible, Equatable, Sendable {
  /// Only radixes the alphabet "0-9a-z" can spell are supported.
  case unsupportedRadix(Int)
  /// The key is not 16, 24 or 32 bytes.
  case invalidKeySize(byteCount: Int)
  /// Fewer numerals than NIST SP 800-38G Rev 1 allows (radix^length must reach one million).
  case inputTooShort(length: Int, minimum: Int, radix: Int)
  /// More numerals than FF1 can encode in its 4-byte length field.
  case inputTooLong(length: Int, maximum: Int)
  /// More tweak bytes than FF1 can encode in its 4-byte length field.
  case tweakTooLong(length: Int, maximum: Int)
  /// A numeral in a `[UInt8]` input is not below the radix.
  case numeralOutOfRange(numeral: UInt8, index: Int, radix: Int)
  /// A character in a `String` input is not one of the radix's numerals.
  case invalidCharacter(Character, index: Int, radix: Int)
  /// AES itself failed; with a key checked in `init` this indicates a bug, not bad input.
  case blockCipherFailed(String)

  public var description: String {
    switch self {
    case .unsupportedRadix(let radix):
      return "FF1 radix must be between 2 and 36 (numerals 0-9 then a-z), got \(radix)"
    case .invalidKeySize(let byteCount):
      return
        "FF1 needs an AES-128, AES-192 or AES-256 key (16, 24 or 32 bytes), got \(byteCount) bytes"
    case .inputTooShort(let length, let minimum, let radix):
      return "FF1 needs at least \(minimum) digits in radix \(radix), got \(length)"
    case .inputTooLong(let length, let maximum):
      return "FF1 input has \(length) digits; the most it can take is \(maximum)"
    case .tweakTooLong(let length, let maximum):
      return "FF1 tweak has \(length) bytes; the most it can take is \(maximum)"
    case .numeralOutOfRange(let numeral, let index, let radix):
      return "FF1 numeral \(numeral) at index \(index) is not a digit in radix \(radix)"
        + " (must be 0...\(radix - 1))"
    case .invalidCharacter(let character, let index, let radix):
      return "FF1 input character \(String(reflecting: String(character))) at index \(index)"
        + " is not a digit in radix \(radix) (allowed: \(FF1.allowedCharacters(radix: radix)))"
    case .blockCipherFailed(let reason):
      return "FF1 block cipher failed: \(reason)"
    }
  }
}

/// NIST SP 800-38G (Rev 1) FF1 format-preserving encryption over AES.
///
/// Numerals are `UInt8` values below the radix; the `String` overloads spell them with
/// "0123456789abcdefghijklmnopqrstuvwxyz" (upper case accepted on input, lower case on output).
public struct FF1: Sendable {
  /// Spelling of numerals 0...35 in the `String` API.
  public static let alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
  /// Largest input length: FF1 writes n into 4 bytes of its first PRF block.
  public static let maximumLength = Int(UInt32.max)
  /// Largest tweak length: FF1 writes t into 4 bytes of its first PRF block.
  public static let maximumTweakLength = Int(UInt32.max)

  private static let alphabetBytes: [UInt8] = Array(alphabet.utf8)
  private static let rounds = 10

  public let radix: Int
  public let minimumLength: Int
  private let key: SharedKey

  public init(key: SymmetricKey, radix: Int) throws(FF1Error) {
    guard (2...36).contains(radix) else { throw .unsupportedRadix(radix) }
    guard [128, 192, 256].contains(key.bitCount) else {
      throw .invalidKeySize(byteCount: key.bitCount / 8)
    }
    self.key = SharedKey(key: key)
    self.radix = radix
    self.minimumLength = Self.minimumLength(radix: radix)
  }

  /// Smallest input length for `radix`: radix^length must be at least 1,000,000 (SP 800-38G
  /// Rev 1), and never below 2 so both Feistel halves are non-empty. `Int.max` for radix < 2,
  /// where no length gives enough values.
  public static func minimumLength(radix: Int) -> Int {
    guard radix >= 2 else { return Int.max }
    var length = 0
    var domain = 1
    while domain < 1_000_000 {
      domain = domain.multipliedReportingOverflow(by: radix).overflow ? Int.max : domain * radix
      length += 1
    }
    return max(length, 2)
  }

  public func encrypt(_ x: [UInt8], tweak: [UInt8] = []) throws(FF1Error) -> [UInt8] {
    try cipher(x, tweak: tweak, encrypting: true)
  }

  public func decrypt(_ y: [UInt8], tweak: [UInt8] = []) throws(FF1Error) -> [UInt8] {
    try cipher(y, tweak: tweak, encrypting: false)
  }

  public func encrypt(_ s: String, tweak: [UInt8] = []) throws(FF1Error) -> String {
    Self.spell(try cipher(numerals(of: s), tweak: tweak, encrypting: true))
  }

  public func decrypt(_ s: String, tweak: [UInt8] = []) throws(FF1Error) -> String {
    Self.spell(try cipher(numerals(of: s), tweak: tweak, encrypting: false))
  }

  static func allowedCharacters(radix: Int) -> String {
    let last = Character(UnicodeScalar(alphabetBytes[radix - 1]))
    switch radix {
    case ...10: return "0-\(last)"
    case 11: return "0-9, a"
    default: return "0-9, a-\(last)"
    }
  }

  private func numerals(of s: String) throws(FF1Error) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(s.utf8.count)
    for byte in s.utf8 {
      let value: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A") + 10
      default: value = UInt8.max
      }
      guard Int(value) < radix else {
        // Rare path: rescan by Character so the error names what the caller typed and where.
        for (index, character) in s.enumerated() where !isNumeral(character) {
          throw .invalidCharacter(character, index: index, radix: radix)
        }
        preconditionFailure("a byte was rejected but every character is a numeral")
      }
      result.append(value)
    }
    return result
  }

  private func isNumeral(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue,
      let index = Self.alphabetBytes.firstIndex(of: ascii | 0x20)  // 0x20 lower-cases A-Z
    else { return false }
    return index < radix
  }

  private static func spell(_ numerals: [UInt8]) -> String {
    String(
      unsafeUninitializedCapacity: numerals.count,
      initializingUTF8With: { buffer in
        for (index, numeral) in numerals.enumerated() {
          buffer[index] = alphabetBytes[Int(numeral)]
        }
        return numerals.count
      })
  }

  private func validate(_ x: [UInt8], tweak: [UInt8]) throws(FF1Error) {
    guard x.count >= minimumLength else {
      throw .inputTooShort(length: x.count, minimum: minimumLength, radix: radix)
    }
    guard x.count <= Self.maximumLength else {
      throw .inputTooLong(length: x.count, maximum: Self.maximumLength)
    }
    guard tweak.count <= Self.maximumTweakLength else {
      throw .tweakTooLong(length: tweak.count, maximum: Self.maximumTweakLength)
    }
    for (index, numeral) in x.enumerated() where Int(numeral) >= radix {
      throw .numeralOutOfRange(numeral: numeral, index: index, radix: radix)
    }
  }

  /// Algorithms 7 and 8 of SP 800-38G. A and B are kept as numbers between rounds, since
  /// NUM_radix(STR_radix(c)) == c, so numerals are only converted at the start and end.
  private func cipher(_ x: [UInt8], tweak: [UInt8], encrypting: Bool) throws(FF1Error) -> [UInt8] {
    try validate(x, tweak: tweak)
    let n = x.count
    let t = tweak.count
    let u = n / 2
    let v = n - u
    let modulusU = BigUnsigned.power(radix, u)
    let modulusV = u == v ? modulusU : BigUnsigned.power(radix, v)
    // b = ceil(ceil(v * log2(radix)) / 8), computed exactly as the byte length of radix^v - 1,
    // whose bit width is one less than radix^v's only when radix^v is a power of two.
    let b = (modulusV.bitWidth - (modulusV.isPowerOfTwo ? 1 : 0) + 7) / 8
    let d = 4 * ((b + 3) / 4) + 4
    let qLength = t + (16 - (t + b + 1) % 16) % 16 + 1 + b
    // Q = T || 0^pad || [i] || [NUM(B)]^b: only bytes from `variableStart` change per round.
    let variableStart = qLength - b - 1
    let sBlocks = (d + 15) / 16

    var a = BigUnsigned(numerals: x[..<u], radix: radix)
    var bNumber = BigUnsigned(numerals: x[u...], radix: radix)
    var y = BigUnsigned()

    // One scratch allocation per call: Q, then S, then the CBC-MAC state after the fixed prefix.
    let scratchSize = qLength + sBlocks * 16 + 16
    let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: scratchSize)
    defer { scratch.deallocate() }
    scratch.initialize(repeating: 0)
    let q = UnsafeMutableBufferPointer(rebasing: scratch[0..<qLength])
    let s = UnsafeMutableBufferPointer(rebasing: scratch[qLength..<(qLength + sBlocks * 16)])
    let prefixState = UnsafeMutableBufferPointer(rebasing: scratch[(scratchSize - 16)...])
    var block = UnsafeMutableBufferPointer(rebasing: s[0..<16])
    for (index, byte) in tweak.enumerated() { q[index] = byte }

    // P = [1, 2, 1] || [radix]^3 || [10] || [u mod 256] || [n]^4 || [t]^4.
    block[0] = 1
    block[1] = 2
    block[2] = 1
    Self.writeBigEndian(radix, into: block, at: 3, count: 3)
    block[6] = 10
    block[7] = UInt8(truncatingIfNeeded: u)
    Self.writeBigEndian(n, into: block, at: 8, count: 4)
    Self.writeBigEndian(t, into: block, at: 12, count: 4)
    // The CBC-MAC over P and the whole blocks of T before the round byte is the same in every
    // round, so it is computed once here.
    try encipher(&block)
    let fixedBlocks = variableStart / 16
    for blockIndex in 0..<fixedBlocks {
      xorBlock(&block, from: q, at: blockIndex * 16)
      try encipher(&block)
    }
    for index in 0..<16 { prefixState[index] = block[index] }

    for step in 0..<Self.rounds {
      let round = encrypting ? step : Self.rounds - 1 - step
      let modulus = round % 2 == 0 ? modulusU : modulusV
      q[variableStart] = UInt8(round)
      (encrypting ? bNumber : a).writeBigEndian(
        into: UnsafeMutableBufferPointer(rebasing: q[(variableStart + 1)...]))

      // R = PRF(P || Q), continuing from the precomputed prefix state.
      for index in 0..<16 { block[index] = prefixState[index] }
      for blockIndex in fixedBlocks..<(qLength / 16) {
        xorBlock(&block, from: q, at: blockIndex * 16)
        try encipher(&block)
      }
      // S = R || CIPH(R xor [1]^16) || CIPH(R xor [2]^16) ..., truncated to d bytes.
      for j in 1..<sBlocks {
        var extra = UnsafeMutableBufferPointer(rebasing: s[(j * 16)..<(j * 16 + 16)])
        for index in 0..<16 { extra[index] = s[index] }
        for shift in 0..<8 { extra[15 - shift] ^= UInt8(truncatingIfNeeded: j >> (shift * 8)) }
        try encipher(&extra)
      }
      y.setToRemainder(of: UnsafeBufferPointer(rebasing: s[0..<d]), modulo: modulus)

      if encrypting {
        // C = (NUM(A) + y) mod radix^m; A <- B; B <- C.
        a.addModulo(y, modulus)
        swap(&a, &bNumber)
      } else {
        // C = (NUM(B) - y) mod radix^m; B <- A; A <- C.
        bNumber.subtractModulo(y, modulus)
        swap(&a, &bNumber)
      }
    }

    return [UInt8](unsafeUninitializedCapacity: n) { buffer, initializedCount in
      a.writeNumerals(into: UnsafeMutableBufferPointer(rebasing: buffer[..<u]), radix: radix)
      bNumber.writeNumerals(into: UnsafeMutableBufferPointer(rebasing: buffer[u...]), radix: radix)
      initializedCount = n
    }
  }

  private static func writeBigEndian(
    _ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int, count: Int
  ) {
    for index in 0..<count {
      buffer[offset + index] = UInt8(truncatingIfNeeded: value >> ((count - 1 - index) * 8))
    }
  }

  private func xorBlock(
    _ block: inout UnsafeMutableBufferPointer<UInt8>,
    from source: UnsafeMutableBufferPointer<UInt8>,
    at offset: Int
  ) {
    // Two 64-bit words rather than 16 bytes: the byte loop was a visible share of a round.
    let target = UnsafeMutableRawBufferPointer(block)
    let input = UnsafeRawBufferPointer(
      rebasing: UnsafeRawBufferPointer(source)[offset..<(offset + 16)])
    for word in stride(from: 0, to: 16, by: 8) {
      let value =
        target.loadUnaligned(fromByteOffset: word, as: UInt64.self)
        ^ input.loadUnaligned(fromByteOffset: word, as: UInt64.self)
      target.storeBytes(of: value, toByteOffset: word, as: UInt64.self)
    }
  }

  private func encipher(_ block: inout UnsafeMutableBufferPointer<UInt8>) throws(FF1Error) {
    do {
      try AES.permute(&block, key: key.key)
    } catch {
      throw .blockCipherFailed(String(describing: error))
    }
  }
}

/// SymmetricKey is not marked Sendable, but it is immutable: its only stored property is a `let`
/// whose bytes are never written after creation, so sharing it across tasks is safe.
private struct SharedKey: @unchecked Sendable {
  let key: SymmetricKey
}
