/// Reads the unquoted values TOML allows (booleans, integers, floats) from a token, and
/// refuses those Rampart's configs never want (dates, times, inf, nan) by name.
enum ScalarLiteral {
  struct Failure: Error {
    let message: String
  }

  static func parse(_ token: String) -> Result<ConfigValue.Kind, Failure> {
    let bytes = Array(token.utf8)
    switch token {
    case "true": return .success(.boolean(true))
    case "false": return .success(.boolean(false))
    case "inf", "+inf", "-inf", "nan", "+nan", "-nan":
      return failure("\(token) is not supported; use a finite number")
    default: break
    }
    if isDateOrTime(bytes) {
      return failure("dates and times are not supported")
    }
    guard let first = bytes.first, isDigit(first) || first == .plus || first == .minus
    else {
      let hint = bytes.first.map(isLetter) == true ? " (strings must be quoted)" : ""
      return failure("invalid value \"\(token)\"\(hint)")
    }
    if bytes.count > 2 && first == .zero, let radix = radix(of: bytes[1]) {
      return prefixedInteger(token, digits: bytes[2...], radix: radix)
    }
    return decimalNumber(token, bytes)
  }

  /// `0x`, `0o` and `0b` integers: digits with single underscores between them, no sign.
  private static func prefixedInteger(
    _ token: String, digits: ArraySlice<UInt8>, radix: Int
  ) -> Result<ConfigValue.Kind, Failure> {
    guard let stripped = digitRun(digits, where: { digitValue($0) < radix }) else {
      return failure("invalid number \"\(token)\"")
    }
    guard let value = Int(String(decoding: stripped, as: UTF8.self), radix: radix) else {
      return failure("integer \(token) does not fit in 64 bits")
    }
    return .success(.integer(value))
  }

  /// `[+-]int[.frac][(e|E)[+-]exp]`, where int has no leading zeros.
  private static func decimalNumber(
    _ token: String, _ bytes: [UInt8]
  ) -> Result<ConfigValue.Kind, Failure> {
    var position = 0
    var plain: [UInt8] = []
    var isFloat = false
    let invalid = failure("invalid number \"\(token)\"")

    func readDigits() -> Bool {
      var end = position
      while end < bytes.count, isDigit(bytes[end]) || bytes[end] == .underscore { end += 1 }
      guard let run = digitRun(bytes[position..<end], where: isDigit) else { return false }
      plain.append(contentsOf: run)
      position = end
      return true
    }

    if bytes[position] == .plus || bytes[position] == .minus {
      plain.append(bytes[position])
      position += 1
    }
    let integerStart = plain.count
    guard readDigits() else { return invalid }
    if plain.count - integerStart > 1 && plain[integerStart] == .zero {
      return failure("invalid number \"\(token)\" (leading zeros are not allowed)")
    }
    if position < bytes.count && bytes[position] == .dot {
      isFloat = true
      plain.append(.dot)
      position += 1
      guard readDigits() else { return invalid }
    }
    if position < bytes.count && (bytes[position] == .lowercaseE || bytes[position] == .uppercaseE)
    {
      isFloat = true
      plain.append(.lowercaseE)
      position += 1
      if position < bytes.count && (bytes[position] == .plus || bytes[position] == .minus) {
        plain.append(bytes[position])
        position += 1
      }
      guard position < bytes.count, readDigits() else { return invalid }
    }
    guard position == bytes.count else { return invalid }

    let text = String(decoding: plain, as: UTF8.self)
    if isFloat {
      guard let value = Double(text), value.isFinite else {
        return failure("float \(token) is out of range")
      }
      return .success(.float(value))
    }
    guard let value = Int(text) else { return failure("integer \(token) does not fit in 64 bits") }
    return .success(.integer(value))
  }

  /// The digits of a non-empty run where each underscore sits between two digits, or nil.
  private static func digitRun(
    _ run: ArraySlice<UInt8>, where isValidDigit: (UInt8) -> Bool
  ) -> [UInt8]? {
    var digits: [UInt8] = []
    var previousWasDigit = false
    for byte in run {
      if byte == .underscore {
        guard previousWasDigit else { return nil }
        previousWasDigit = false
      } else {
        guard isValidDigit(byte) else { return nil }
        digits.append(byte)
        previousWasDigit = true
      }
    }
    return previousWasDigit ? digits : nil
  }

  /// `1979-05-27…` or `07:32…`: refused by name rather than as a malformed number.
  private static func isDateOrTime(_ bytes: [UInt8]) -> Bool {
    func matches(_ pattern: String) -> Bool {
      guard bytes.count >= pattern.utf8.count else { return false }
      return zip(pattern.utf8, bytes).allSatisfy { expected, byte in
        expected == UInt8(ascii: "9") ? isDigit(byte) : expected == byte
      }
    }
    return matches("9999-99-99") || matches("99:99")
  }

  private static func radix(of byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "x"): 16
    case UInt8(ascii: "o"): 8
    case UInt8(ascii: "b"): 2
    default: nil
    }
  }

  private static func digitValue(_ byte: UInt8) -> Int {
    Lexer.hexDigitValue(byte).map(Int.init) ?? Int.max
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= .zero && byte <= UInt8(ascii: "9")
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  private static func failure(_ message: String) -> Result<ConfigValue.Kind, Failure> {
    .failure(Failure(message: message))
  }
}

extension UInt8 {
  fileprivate static let zero = UInt8(ascii: "0")
  fileprivate static let plus = UInt8(ascii: "+")
  fileprivate static let minus = UInt8(ascii: "-")
  fileprivate static let underscore = UInt8(ascii: "_")
  fileprivate static let lowercaseE = UInt8(ascii: "e")
  fileprivate static let uppercaseE = UInt8(ascii: "E")
}
