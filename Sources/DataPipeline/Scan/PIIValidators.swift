/// Byte-level validators for each kind of personal data. They read UTF-8 bytes directly (no regular
/// expressions, no allocation on the ASCII paths) because the scanner runs them on every cell of
/// the landing zone. The `String` entry points are for callers and tests; the scanner uses the
/// `UnsafeBufferPointer` ones on already-trimmed cells.
public enum PIIValidators {
  typealias Bytes = UnsafeBufferPointer<UInt8>

  /// How strongly a validator matched: `strong` on its own evidence, `weak` only because the
  /// column's name allowed a looser form (an unformatted phone number in a `phone` column, a
  /// Luhn-valid number without a known issuer prefix in a `card_number` column).
  enum Match {
    case none
    case strong
    case weak
  }

  // MARK: Public entry points

  /// `local@domain.tld`: RFC 5322 "dot-atom" local part, DNS labels, an alphabetic TLD.
  public static func isEmail(_ s: String) -> Bool { withTrimmed(s) { email($0) } }

  /// A phone number in E.164 (`+` country code) or a common national layout, without relying on
  /// any column name.
  public static func isPhone(_ s: String) -> Bool {
    withTrimmed(s) { phone($0, loose: false) != .none }
  }

  /// The Luhn check over the digits of `s` (spaces and dashes ignored; anything else fails).
  public static func isLuhnValid(_ s: String) -> Bool {
    withTrimmed(s) { p in
      var digits = 0
      for b in p where !isDigit(b) && b != 0x20 && b != 0x2D { return false }
      for b in p where isDigit(b) { digits += 1 }
      return digits >= 2 && luhn(p)
    }
  }

  /// A payment card number: 13–19 digits in a card grouping, Luhn-valid, with a known issuer
  /// prefix and a length that issuer uses.
  public static func isPaymentCard(_ s: String) -> Bool {
    withTrimmed(s) { card($0, hinted: false, idLike: false) == .strong }
  }

  /// An IBAN for a country in the IBAN registry, of that country's length, compact or in groups of
  /// four, whose ISO 7064 mod-97 remainder is 1.
  public static func isIBAN(_ s: String) -> Bool { withTrimmed(s) { iban($0) == .valid } }

  /// Dotted-quad IPv4: four decimal octets 0–255 without leading zeros.
  public static func isIPv4(_ s: String) -> Bool { withTrimmed(s) { ipv4($0) } }

  /// IPv6 in full, `::`-compressed or with an embedded IPv4 tail, with an optional `%zone`.
  public static func isIPv6(_ s: String) -> Bool { withTrimmed(s) { ipv6($0) } }

  /// A US social security number `ddd-dd-dddd` (or with spaces) outside the never-issued ranges:
  /// area 000, 666 and 900–999, group 00, serial 0000.
  public static func isSSN(_ s: String) -> Bool {
    withTrimmed(s) { p in ssnShaped(p) && ssnDigitsValid(p) }
  }

  /// The calendar date in `s` (yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy; `-`, `/` or `.` between the
  /// parts), if it is one; its year, so callers can judge plausibility. For day/month orders both
  /// readings are tried.
  public static func calendarYear(_ s: String) -> Int? {
    withTrimmed(s) { p in
      if case .valid(let year) = date(p) { return year }
      return nil
    }
  }

  /// A person's name by shape alone: 1–4 words of letters (any script) with hyphens, apostrophes
  /// and periods, starting with a capital letter (or a letter of a script without case), no digits
  /// or underscores, not a stand-in such as "Anonymous" and not a company ("Acme Ltd"). The scanner
  /// only asks this in columns whose name says they hold names.
  public static func looksLikePersonName(_ s: String) -> Bool { withTrimmed(s) { personName($0) } }

  // MARK: Bytes

  @inline(__always)
  static func withBytes<R>(_ s: String, _ body: (Bytes) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
  }

  static func withTrimmed<R>(_ s: String, _ body: (Bytes) -> R) -> R {
    withBytes(s) { body(trimmed($0)) }
  }

  @inline(__always)
  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
  @inline(__always)
  static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always)
  static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inline(__always)
  static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
  @inline(__always)
  static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
  @inline(__always)
  static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }

  static func trimmed(_ p: Bytes) -> Bytes {
    var lo = 0
    var hi = p.count
    while lo < hi && isSpace(p[lo]) { lo += 1 }
    while hi > lo && isSpace(p[hi - 1]) { hi -= 1 }
    if lo == 0 && hi == p.count { return p }
    return Bytes(rebasing: p[lo..<hi])
  }

  @inline(__always)
  static func slice(_ p: Bytes, _ lo: Int, _ hi: Int) -> Bytes { Bytes(rebasing: p[lo..<hi]) }

  // MARK: E-mail

  static func email(_ p: Bytes) -> Bool {
    let n = p.count
    guard n >= 6, n <= 254 else { return false }
    var at = -1
    for i in 0..<n where p[i] == 0x40 {
      if at >= 0 { return false }
      at = i
    }
    guard at >= 1, at <= 64, at < n - 4 else { return false }
    // Local part: dot-atom, so no leading, trailing or doubled dots.
    var previousDot = true
    for i in 0..<at {
      let b = p[i]
      if b == 0x2E {
        if previousDot { return false }
        previousDot = true
      } else if isAlnum(b) || b >= 0x80 || localSymbol(b) {
        previousDot = false
      } else {
        return false
      }
    }
    if previousDot { return false }
    // Domain: at least two labels of letters, digits and inner hyphens; an alphabetic TLD.
    var labels = 0
    var labelStart = at + 1
    var i = at + 1
    while i <= n {
      if i == n || p[i] == 0x2E {
        let length = i - labelStart
        guard length >= 1, length <= 63 else { return false }
        guard p[labelStart] != 0x2D, p[i - 1] != 0x2D else { return false }
        labels += 1
        if i == n {
          let isPunycode =
            length > 4 && p[labelStart] | 0x20 == 0x78 && p[labelStart + 1] | 0x20 == 0x6E
            && p[labelStart + 2] == 0x2D && p[labelStart + 3] == 0x2D
          if !isPunycode {
            guard length >= 2 else { return false }
            for j in labelStart..<i where !isLetter(p[j]) && p[j] < 0x80 { return false }
          }
        }
        labelStart = i + 1
      } else {
        let b = p[i]
        guard isAlnum(b) || b == 0x2D || b >= 0x80 else { return false }
      }
      i += 1
    }
    return labels >= 2
  }

  @inline(__always)
  static func localSymbol(_ b: UInt8) -> Bool {
    switch b {
    case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E, 0x5F, 0x60,
      0x7B, 0x7C, 0x7D, 0x7E:
      true
    default: false
    }
  }

  // MARK: Phone

  /// Parses optional `+`, then digit groups separated by single spaces, dashes or dots, with at
  /// most one parenthesised group (`(415)`, `(0)`), and accepts
  /// - `+` and 8–15 digits (E.164), every group from the third on at least 2 digits;
  /// - `00` international prefix and 8–15 further digits;
  /// - North American `(NXX) NXX-XXXX`, optionally after a `1`;
  /// - a national number with trunk `0` (UK, FR, DE, IT…): 9–12 digits in at least two groups of
  ///   2–8 digits, but not the US ZIP+4 layout `02134-1234`;
  /// - with `loose` (the column's name says phone): any 7–15 digit layout, as `weak`.
  ///
  /// With `international` only the `+` form is accepted (identifier columns, where
  /// `0123-4567-8901` is a serial number).
  static func phone(_ p: Bytes, loose: Bool, international: Bool = false) -> Match {
    let n = p.count
    guard n >= 7, n <= 32 else { return .none }
    var i = 0
    var plus = false
    if p[0] == 0x2B {
      plus = true
      i = 1
      guard isDigit(p[1]) || p[1] == 0x28 else { return .none }
    }
    var groups = 0
    var lengths: UInt64 = 0
    var firsts: UInt64 = 0
    var digits = 0
    var parenGroup = -1
    var firstStart = -1
    while true {
      var inParen = false
      if i < n && p[i] == 0x28 {
        guard parenGroup < 0 else { return .none }
        inParen = true
        i += 1
      }
      let start = i
      while i < n && isDigit(p[i]) { i += 1 }
      let length = i - start
      guard length > 0, length <= 15, groups < 12 else { return .none }
      if firstStart < 0 { firstStart = start }
      if inParen {
        guard i < n, p[i] == 0x29 else { return .none }
        i += 1
        parenGroup = groups
      }
      lengths |= UInt64(length) << (4 * UInt64(groups))
      firsts |= UInt64(p[start] - 0x30) << (4 * UInt64(groups))
      groups += 1
      digits += length
      if i == n { break }
      let s = p[i]
      if s == 0x20 || s == 0x2D || s == 0x2E {
        i += 1
        guard i < n, isDigit(p[i]) || p[i] == 0x28 else { return .none }
      } else if !(inParen && (isDigit(s) || s == 0x28)) {
        // Only a closing parenthesis may be followed directly by the next group.
        return .none
      }
    }
    guard digits >= 7, digits <= 15 else { return .none }
    @inline(__always) func length(_ g: Int) -> Int { Int((lengths >> (4 * UInt64(g))) & 0xF) }
    @inline(__always) func first(_ g: Int) -> Int { Int((firsts >> (4 * UInt64(g))) & 0xF) }
    // The second digit of the number, wherever the group boundary falls.
    let second = length(0) >= 2 ? Int(p[firstStart + 1] - 0x30) : (groups > 1 ? first(1) : -1)

    if plus {
      // The area or mobile prefix after the country code may be one digit (`+33 1 23 45 67 89`).
      guard first(0) != 0, digits >= 8 else { return .none }
      for g in 2..<max(groups, 2) where length(g) < 2 && g != parenGroup { return .none }
      return .strong
    }
    if international { return .none }
    if first(0) == 0 && second == 0 && parenGroup < 0 && groups >= 2 {
      let rest = digits - 2
      let third = length(0) >= 3 ? Int(p[firstStart + 2] - 0x30) : first(1)
      return rest >= 8 && rest <= 15 && third != 0 ? .strong : (loose ? .weak : .none)
    }
    if groups == 3 && length(0) == 3 && length(1) == 3 && length(2) == 4 && first(0) >= 2
      && first(1) >= 2 && parenGroup <= 0
    {
      return .strong
    }
    if groups == 4 && length(0) == 1 && first(0) == 1 && length(1) == 3 && length(2) == 3
      && length(3) == 4 && first(1) >= 2 && first(2) >= 2 && (parenGroup < 0 || parenGroup == 1)
    {
      return .strong
    }
    let zipPlusFour = groups == 2 && length(0) == 5 && length(1) == 4 && p[firstStart + 5] == 0x2D
    if first(0) == 0 && second > 0 && groups >= 2 && digits >= 9 && digits <= 12 && !zipPlusFour {
      var shaped = true
      for g in 0..<groups where length(g) < 2 || length(g) > 8 { shaped = false }
      if shaped { return .strong }
    }
    return loose ? .weak : .none
  }

  // MARK: Payment card

  /// 13–19 digits, compact or grouped by one kind of separator (fours with a shorter tail, or the
  /// 4-6-5 / 4-6-4 Amex and Diners layouts), Luhn-valid. `strong` with a known issuer prefix of a
  /// length that issuer uses; `weak` without one when the column's name says card. Compact digit
  /// runs in identifier columns (`order_ref`, `ean`) are not considered: a tenth of any random
  /// number passes Luhn.
  static func card(_ p: Bytes, hinted: Bool, idLike: Bool) -> Match {
    let n = p.count
    guard n >= 13, n <= 23 else { return .none }
    var separator: UInt8 = 0
    var groups = 0
    var run = 0
    var digits = 0
    var shapeOK = true
    var lengths: UInt64 = 0
    for b in p {
      if isDigit(b) {
        run += 1
        digits += 1
      } else if b == 0x20 || b == 0x2D {
        if separator == 0 { separator = b } else if separator != b { return .none }
        guard run > 0, groups < 8 else { return .none }
        lengths |= UInt64(min(run, 15)) << (4 * UInt64(groups))
        groups += 1
        run = 0
      } else {
        return .none
      }
    }
    guard run > 0, digits >= 13, digits <= 19 else { return .none }
    lengths |= UInt64(min(run, 15)) << (4 * UInt64(groups))
    groups += 1
    if groups == 1 {
      if idLike && !hinted { return .none }
    } else if lengths == 0x564 || lengths == 0x464 {
      // 4-6-5 (Amex) and 4-6-4 (Diners), read least significant nibble first.
    } else {
      for g in 0..<groups {
        let length = Int((lengths >> (4 * UInt64(g))) & 0xF)
        if g < groups - 1 ? length != 4 : !(1...4).contains(length) { shapeOK = false }
      }
      if groups < 3 { shapeOK = false }
    }
    guard shapeOK, luhn(p) else { return .none }
    var prefix = 0
    var taken = 0
    for b in p where isDigit(b) && taken < 6 {
      prefix = prefix * 10 + Int(b - 0x30)
      taken += 1
    }
    if knownIssuer(prefix, length: digits) { return .strong }
    return hinted ? .weak : .none
  }

  /// Luhn over the digits of `p`, right to left; non-digits are skipped (callers check the shape).
  static func luhn(_ p: Bytes) -> Bool {
    var sum = 0
    var double = false
    var i = p.count
    while i > 0 {
      i -= 1
      let b = p[i]
      guard isDigit(b) else { continue }
      var d = Int(b - 0x30)
      if double {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
      double.toggle()
    }
    return sum % 10 == 0
  }

  /// Issuer identification number ranges of the major networks and the lengths they issue.
  static func knownIssuer(_ six: Int, length: Int) -> Bool {
    let d1 = six / 100_000
    let d2 = six / 10_000
    let d3 = six / 1000
    let d4 = six / 100
    if d1 == 4 { return length == 16 || length == 19 }  // Visa (13-digit cards are retired)
    if (51...55).contains(d2) || (2221...2720).contains(d4) { return length == 16 }  // Mastercard
    if d2 == 34 || d2 == 37 { return length == 15 }  // American Express
    if d4 == 6011 || (644...649).contains(d3) || d2 == 65 { return length >= 16 }  // Discover
    if (3528...3589).contains(d4) { return length >= 16 }  // JCB
    if (300...305).contains(d3) || d4 == 3095 || d2 == 36 || d2 == 38 || d2 == 39 {
      return length >= 14  // Diners Club
    }
    if d2 == 62 || (2200...2204).contains(d4) { return length >= 16 }  // UnionPay, Mir
    if d2 == 50 || (56...58).contains(d2) || d2 == 60 || d2 == 63 || d2 == 67 {
      return length >= 16  // Maestro, RuPay
    }
    return false
  }

  // MARK: IBAN

  /// Registry lengths (SWIFT IBAN registry); an IBAN for a country not listed is refused, which
  /// keeps two-letter product codes that happen to pass mod-97 (1 in 97) out.
  static let ibanLengths: [UInt8] = {
    let table =
      "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 "
      + "DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 "
      + "HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 "
      + "MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 "
      + "RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 "
      + "VA22 VG24 XK20 YE30"
    // Indexed by the two letters (A…Z each), 0 where the registry has no such country.
    var lengths = [UInt8](repeating: 0, count: 26 * 26)
    for entry in table.split(separator: " ") {
      let bytes = Array(entry.utf8)
      let index = Int(bytes[0] - 0x41) * 26 + Int(bytes[1] - 0x41)
      lengths[index] = (bytes[2] - 0x30) * 10 + (bytes[3] - 0x30)
    }
    return lengths
  }()

  enum IBANShape {
    case notIBAN
    /// A registry country's layout and length whose checksum fails: a mistyped or made-up IBAN,
    /// which callers should not go on to read as something else.
    case invalid
    case valid
  }

  static func iban(_ p: Bytes) -> IBANShape {
    let n = p.count
    guard n >= 15, n <= 42 else { return .notIBAN }
    guard isLetter(p[0]), isLetter(p[1]), isDigit(p[2]), isDigit(p[3]) else { return .notIBAN }
    // Compact, or groups of exactly four separated by single spaces with a 1–4 character tail.
    var characters = 0
    var run = 0
    var spaced = false
    for b in p {
      if b == 0x20 {
        guard run == 4 else { return .notIBAN }
        run = 0
        spaced = true
      } else {
        guard isAlnum(b) else { return .notIBAN }
        run += 1
        characters += 1
      }
    }
    guard !spaced || run <= 4 else { return .notIBAN }
    let country = Int((p[0] | 0x20) - 0x61) * 26 + Int((p[1] | 0x20) - 0x61)
    guard characters == Int(ibanLengths[country]) else { return .notIBAN }
    let check = Int(p[2] - 0x30) * 10 + Int(p[3] - 0x30)
    guard check >= 2, check <= 98 else { return .invalid }
    // ISO 7064 mod 97-10 over BBAN + country + check digits, letters as 10…35.
    // Reduced only when the accumulator nears 2^56, so most characters cost no division.
    var remainder: UInt64 = 0
    @inline(__always) func feed(_ b: UInt8) {
      if isDigit(b) {
        remainder = remainder * 10 + UInt64(b - 0x30)
      } else {
        remainder = remainder * 100 + UInt64((b & 0xDF) - 0x41 + 10)
      }
      if remainder >= 1 << 56 { remainder %= 97 }
    }
    for i in 4..<n where p[i] != 0x20 { feed(p[i]) }
    for i in 0..<4 { feed(p[i]) }
    return remainder % 97 == 1 ? .valid : .invalid
  }

  // MARK: IP addresses

  static func ipv4(_ p: Bytes) -> Bool {
    var dots = 0
    var value = 0
    var length = 0
    for b in p {
      if isDigit(b) {
        // A leading zero ("01") is refused: it is octal to some parsers and a version to people.
        if length == 1 && value == 0 { return false }
        value = value * 10 + Int(b - 0x30)
        length += 1
        guard length <= 3, value <= 255 else { return false }
      } else if b == 0x2E {
        guard length > 0, dots < 3 else { return false }
        dots += 1
        value = 0
        length = 0
      } else {
        return false
      }
    }
    return dots == 3 && length > 0
  }

  static func ipv6(_ p: Bytes) -> Bool {
    var n = p.count
    // A `%zone` suffix (link-local scope) is allowed and not validated beyond being non-empty.
    for i in 0..<n where p[i] == 0x25 {
      guard i + 1 < n else { return false }
      n = i
      break
    }
    guard n >= 3, n <= 45 else { return false }
    var i = 0
    var groups = 0
    var compressed = false
    if p[0] == 0x3A {
      guard p[1] == 0x3A else { return false }
      compressed = true
      i = 2
      if i == n { return false }  // "::" alone is no address of anyone.
    }
    while i < n {
      let start = i
      while i < n && isHex(p[i]) && i - start < 5 { i += 1 }
      if i < n && p[i] == 0x2E {
        // Embedded IPv4 tail: takes the last 32 bits and must end the address.
        guard ipv4(slice(p, start, n)) else { return false }
        groups += 2
        i = n
        break
      }
      let length = i - start
      guard length >= 1, length <= 4 else { return false }
      groups += 1
      guard groups <= 8 else { return false }
      if i == n { break }
      guard p[i] == 0x3A else { return false }
      i += 1
      if i < n && p[i] == 0x3A {
        guard !compressed else { return false }
        compressed = true
        i += 1
      } else if i == n {
        return false
      }
    }
    return compressed ? groups <= 7 : groups == 8
  }

  /// `host:port` for IPv4 and `[host]` or `[host]:port` for IPv6, as logs and proxies write them.
  /// Network prefixes (`10.0.0.0/8`) are not counted: a range names no one's machine.
  static func ipEndpoint(_ p: Bytes) -> PIIKind? {
    let n = p.count
    guard n >= 9 else { return nil }
    func isPort(_ lo: Int) -> Bool {
      guard lo < n, n - lo <= 5 else { return false }
      var value = 0
      for k in lo..<n {
        guard isDigit(p[k]) else { return false }
        value = value * 10 + Int(p[k] - 0x30)
      }
      return value <= 65_535
    }
    if p[0] == 0x5B {
      var close = -1
      for k in 1..<n where p[k] == 0x5D {
        close = k
        break
      }
      guard close > 1, ipv6(slice(p, 1, close)) else { return nil }
      if close == n - 1 { return .ipv6 }
      return p[close + 1] == 0x3A && isPort(close + 2) ? .ipv6 : nil
    }
    var colon = -1
    for k in 0..<n where p[k] == 0x3A {
      guard colon < 0 else { return nil }
      colon = k
    }
    guard colon > 0, isPort(colon + 1), ipv4(slice(p, 0, colon)) else { return nil }
    return .ipv4
  }

  // MARK: Dates

  enum DateShape {
    case notDate
    case invalid
    case valid(year: Int)
  }

  /// Three numeric parts with one kind of separator (`-`, `/`, `.`): yyyy-m-d, or d-m-yyyy /
  /// m-d-yyyy (either reading valid suffices). Date-shaped text that is no real date is `invalid`,
  /// so callers do not reinterpret it as, say, a phone number.
  static func date(_ p: Bytes) -> DateShape {
    let n = p.count
    guard n >= 8, n <= 10 else { return .notDate }
    var parts = (0, 0, 0)
    var lengths = (0, 0, 0)
    var part = 0
    var separator: UInt8 = 0
    var value = 0
    var length = 0
    for b in p {
      if isDigit(b) {
        value = value * 10 + Int(b - 0x30)
        length += 1
        if length > 4 { return .notDate }
      } else if b == 0x2D || b == 0x2F || b == 0x2E {
        if separator == 0 { separator = b } else if separator != b { return .notDate }
        guard length > 0, part < 2 else { return .notDate }
        if part == 0 {
          (parts.0, lengths.0) = (value, length)
        } else {
          (parts.1, lengths.1) = (value, length)
        }
        part += 1
        value = 0
        length = 0
      } else {
        return .notDate
      }
    }
    guard part == 2, length > 0 else { return .notDate }
    (parts.2, lengths.2) = (value, length)
    if lengths.0 == 4 && lengths.1 <= 2 && lengths.2 <= 2 {
      return validDate(parts.0, parts.1, parts.2) ? .valid(year: parts.0) : .invalid
    }
    if lengths.2 == 4 && lengths.0 <= 2 && lengths.1 <= 2 {
      let valid =
        validDate(parts.2, parts.1, parts.0) || validDate(parts.2, parts.0, parts.1)
      return valid ? .valid(year: parts.2) : .invalid
    }
    return .notDate
  }

  /// An ISO date followed by a time (`1985-03-12 00:00:00`, `1985-03-12T00:00:00Z`): database
  /// dumps write birth dates this way. Returns the year.
  static func isoDateTime(_ p: Bytes) -> Int? {
    let n = p.count
    guard n > 11, n <= 35, p[4] == 0x2D, p[10] == 0x20 || p[10] == 0x54, isDigit(p[11]) else {
      return nil
    }
    for i in 11..<n {
      let b = p[i]
      guard isDigit(b) || b == 0x3A || b == 0x2E || b == 0x2B || b == 0x2D || b == 0x5A else {
        return nil
      }
    }
    if case .valid(let year) = date(slice(p, 0, 10)) { return year }
    return nil
  }

  /// Compact `yyyymmdd`, which only a birth-date column makes a date rather than a number.
  static func compactDate(_ p: Bytes) -> Int? {
    guard p.count == 8 else { return nil }
    var value = 0
    for b in p {
      guard isDigit(b) else { return nil }
      value = value * 10 + Int(b - 0x30)
    }
    let year = value / 10_000
    return validDate(year, value / 100 % 100, value % 100) ? year : nil
  }

  static func validDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    guard year >= 1, month >= 1, month <= 12, day >= 1 else { return false }
    switch month {
    case 2:
      let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
      return day <= (leap ? 29 : 28)
    case 4, 6, 9, 11: return day <= 30
    default: return day <= 31
    }
  }

  // MARK: SSN

  /// `ddd-dd-dddd` or `ddd dd dddd`.
  static func ssnShaped(_ p: Bytes) -> Bool {
    guard p.count == 11 else { return false }
    let s = p[3]
    guard s == 0x2D || s == 0x20, p[6] == s else { return false }
    for i in 0..<11 where i != 3 && i != 6 && !isDigit(p[i]) { return false }
    return true
  }

  /// Area, group and serial of a 9-digit SSN (separators skipped) outside the never-issued ranges.
  static func ssnDigitsValid(_ p: Bytes) -> Bool {
    var area = 0
    var group = 0
    var serial = 0
    var k = 0
    for b in p where isDigit(b) {
      let v = Int(b - 0x30)
      if k < 3 {
        area = area * 10 + v
      } else if k < 5 {
        group = group * 10 + v
      } else {
        serial = serial * 10 + v
      }
      k += 1
    }
    guard k == 9 else { return false }
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
  }

  // MARK: Person names

  /// Placeholders and company suffixes, as FNV-1a hashes of their lower-case spelling so a word is
  /// checked without building a `String`.
  static let notNameWords: Set<UInt64> = Set(
    [
      "anonymous", "unknown", "guest", "test", "user", "customer", "admin", "redacted", "null",
      "none", "nil", "na", "tbd", "tba", "deleted", "removed", "hidden", "private", "withheld",
      "n.a.", "ltd", "ltd.", "inc", "inc.", "llc", "gmbh", "corp", "corp.", "plc", "ag", "bv",
      "b.v.", "co.", "sa", "s.a.", "sarl", "srl", "limited", "corporation", "company", "group",
      "holdings", "lp", "llp", "oy", "ab", "as", "kg", "nv", "n.v.", "pty", "spa", "s.p.a.",
    ].map { fnv($0.utf8) })

  /// Lower-case particles allowed inside a name ("Ludwig van Beethoven", "Maria de la Cruz").
  static let particles: Set<UInt64> = Set(
    [
      "van", "von", "de", "del", "della", "der", "den", "di", "da", "du", "dos", "das", "do", "la",
      "le", "bin", "binti", "ibn", "al", "el", "ter", "ten", "y", "e", "zu", "af", "av", "st.",
    ].map { fnv($0.utf8) })

  static func fnv<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      let lower = b &- 0x41 < 26 ? b | 0x20 : b
      h = (h ^ UInt64(lower)) &* 0x100_0000_01b3
    }
    return h
  }

  /// Letter classes of scalars below U+3000 (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic…),
  /// built once from the Unicode properties so names in those scripts need no lookups per letter:
  /// bit 0 letter, 1 upper or title case, 2 letter of a script without case, 3 combining mark.
  static let scalarClasses: [UInt8] = (0..<0x3000).map { value in
    guard let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
    return scalarClass(scalar.properties)
  }

  static func scalarClass(_ properties: Unicode.Scalar.Properties) -> UInt8 {
    let category = properties.generalCategory
    if category == .nonspacingMark || category == .spacingMark { return 8 }
    guard properties.isAlphabetic else { return 0 }
    var bits: UInt8 = 1
    if properties.isUppercase || category == .titlecaseLetter { bits |= 2 }
    if !properties.isLowercase && !properties.changesWhenCaseMapped { bits |= 4 }
    return bits
  }

  /// One pass over the UTF-8 bytes, decoding scalars inline so ASCII names cost no Unicode
  /// property lookups and no allocation. Words are separated by single spaces; a comma may end the
  /// first word only ("Smith, John"). Stop words and particles are matched by hash, ASCII only.
  static func personName(_ p: Bytes) -> Bool {
    let n = p.count
    guard n >= 2, n <= 120 else { return false }
    let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    var words = 0
    var letters = 0
    var atWordStart = true
    var previousLetter = false
    var endsWithPeriod = false
    var startsLower = false
    var hash = basis
    var wordIsASCII = true
    var comma = false
    var commaUsed = false

    func endWord() -> Bool {
      guard !atWordStart, previousLetter || endsWithPeriod else { return false }
      if wordIsASCII && notNameWords.contains(hash) { return false }
      if startsLower {
        guard words > 0, wordIsASCII, particles.contains(hash) else { return false }
      }
      words += 1
      hash = basis
      wordIsASCII = true
      atWordStart = true
      previousLetter = false
      endsWithPeriod = false
      return words <= 4
    }

    var i = 0
    while i < n {
      let b = p[i]
      var scalar = UInt32(b)
      if b < 0x80 {
        i += 1
      } else {
        let width = b & 0xE0 == 0xC0 ? 2 : (b & 0xF0 == 0xE0 ? 3 : (b & 0xF8 == 0xF0 ? 4 : 0))
        guard width > 0, i + width <= n else { return false }
        scalar = UInt32(b) & (0xFF >> UInt32(width + 1))
        for k in 1..<width {
          let c = p[i + k]
          guard c & 0xC0 == 0x80 else { return false }
          scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        i += width
      }
      if scalar == 0x20 {
        guard endWord() else { return false }
        comma = false
        continue
      }
      if comma { return false }
      if scalar == 0x2C {
        guard previousLetter, !commaUsed, words == 0, i < n, p[i] == 0x20 else { return false }
        comma = true
        commaUsed = true
        continue
      }
      var letter = false
      var upper = false
      var caseless = false
      var joiner = false
      var mark = false
      if scalar < 0x80 {
        letter = isLetter(b)
        upper = isUpper(b)
        joiner = b == 0x2D || b == 0x27 || b == 0x2E
        hash = (hash ^ UInt64(letter ? b | 0x20 : b)) &* 0x100_0000_01b3
      } else {
        wordIsASCII = false
        let bits: UInt8
        if scalar < 0x3000 {
          bits = scalarClasses[Int(scalar)]
        } else if (0x4E00...0x9FFF).contains(scalar) || (0xAC00...0xD7A3).contains(scalar) {
          bits = 5  // CJK ideographs, Hangul syllables
        } else {
          guard let s = Unicode.Scalar(scalar) else { return false }
          bits = scalarClass(s.properties)
        }
        letter = bits & 1 != 0
        upper = bits & 2 != 0
        caseless = bits & 4 != 0
        mark = bits & 8 != 0
        joiner =
          scalar == 0x2019 || scalar == 0x2010 || scalar == 0x2011 || scalar == 0xB7
          || scalar == 0x30FB
      }
      if letter && !mark {
        if atWordStart {
          // Lower-case starts are only for particles, never the first word.
          startsLower = !(upper || caseless)
          if startsLower && words == 0 { return false }
          atWordStart = false
        }
        letters += 1
        previousLetter = true
        endsWithPeriod = false
      } else if mark {
        guard previousLetter else { return false }
      } else if joiner {
        // Joiners sit after a letter; a period may also end the word ("J.", "Jr.").
        guard previousLetter else { return false }
        previousLetter = false
        endsWithPeriod = scalar == 0x2E
      } else {
        return false
      }
    }
    guard !comma, endWord() else { return false }
    return letters >= 2
  }
}
