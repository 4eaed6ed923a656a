import Foundation

/// One kind of personal data found in one column. Carries row numbers and source lines so a
/// reviewer can look the cells up, and never the cells themselves: the report must not become a
/// second copy of the personal data it warns about.
public struct PIIFinding: Codable, Sendable, Hashable {
  public var column: String
  public var kind: PIIKind
  /// Cells of the column classified as `kind`.
  public var count: Int
  /// Cells of the column that are not empty after trimming whitespace.
  public var nonEmpty: Int
  /// Up to five 1-based data row numbers (the header is not a row), first occurrences first.
  public var sampleRows: [Int]
  /// The source lines of `sampleRows`, from `DataTable.lines`.
  public var sampleLines: [Int]
  /// 0…1; see `PIIScanner.confidence(kind:count:nonEmpty:strong:hinted:)`.
  public var confidence: Double

  public init(
    column: String, kind: PIIKind, count: Int, nonEmpty: Int, sampleRows: [Int],
    sampleLines: [Int], confidence: Double
  ) {
    self.column = column
    self.kind = kind
    self.count = count
    self.nonEmpty = nonEmpty
    self.sampleRows = sampleRows
    self.sampleLines = sampleLines
    self.confidence = confidence
  }
}

/// The per-cell verdict, with whether the match stood on its own (`strong`) or needed the column's
/// name to accept a looser form (`weak`); the latter lowers a finding's confidence.
enum PIICellVerdict {
  case empty
  case clean
  case pii(PIIKind, strong: Bool)
}

/// Finds personal data in a table, cell by cell, with validators that check structure and
/// checksums (Luhn, mod-97, calendar, SSN ranges) rather than shapes alone.
///
/// How a cell is classified (at most one kind per cell, the first that matches):
/// - Containing `@`: an e-mail if the whole cell is one; in free text, any token that is one.
/// - Digits with `.`, `-`, `/`, spaces, `+`, parentheses only: IPv4 (four octets, optionally
///   `:port`; not in version/build columns, where `1.2.3.4` is a version), then dates, SSNs,
///   payment cards, phone numbers in that order, so a date or an SSN-shaped value is never read as
///   a phone number. If none matches and the cell has spaces, it is searched like free text.
/// - Colons and hex digits: IPv6 (also `[addr]:port`).
/// - Starting with two letters and two digits: IBAN (registry country, its length, mod-97 = 1);
///   an IBAN-shaped value that fails the checksum is nothing else either.
/// - In a column whose name says it holds names (`name`, `first_name`, `surname`, `customer`…, but
///   not `username`, `product_name`, `customer_id`…): a person's name by shape.
/// - Any other text with spaces or many digits: free text, searched for an e-mail, an IBAN, then
///   digit runs that are on their own a phone number, card number or SSN
///   (`call 020 7946 0958 after 5`). Dates, IP addresses and names inside text are not reported.
///
/// Column names also loosen or tighten single rules: bare 7–15 digits are a phone number in a
/// `phone`/`mobile`/`tel` column, bare 9 digits an SSN in an `ssn` column, a Luhn-valid number
/// without a known issuer a card in a `card`/`cc`/`pan` column (all as weak matches); in identifier
/// columns (`order_ref`, `tracking`, `sku`, `ean`…) bare digit runs are not cards and only `+`
/// numbers are phones.
///
/// Dates count as dates of birth when the column's name says birth (`dob`, `birth_date`,
/// `dateOfBirth`…; years 1900…this year, also with a time part or as compact `yyyymmdd`). In a
/// column whose name names nothing, a date counts too, but as a weak match (confidence at most
/// 0.5), when its year is 1900…ten years ago and it has no time of day. In a column whose name
/// names another event (`order_date`, `created_at`, `ship_date`…) dates are never dates of birth.
public struct PIIScanner: Sendable {
  /// Findings below this confidence are left out of `scan`.
  public var minimumConfidence: Double
  /// The year "today" for date-of-birth plausibility; fixed at initialisation.
  public var referenceYear: Int

  public init(minimumConfidence: Double = 0.0) {
    self.init(minimumConfidence: minimumConfidence, referenceYear: Self.currentYear())
  }

  /// With an explicit "today" year, for reproducible results.
  public init(minimumConfidence: Double = 0.0, referenceYear: Int) {
    self.minimumConfidence = minimumConfidence
    self.referenceYear = referenceYear
  }

  static func currentYear() -> Int {
    // Days since 1970 to a civil year (Howard Hinnant's algorithm); UTC is close enough here.
    let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let dayOfEra = days - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0)
  }

  /// The kind of personal data `cell` holds, judged with `column`'s name, or nil.
  public func classify(_ cell: String, column: String) -> PIIKind? {
    if case .pii(let kind, _) = verdict(cell, PIIColumnHints(column)) { return kind }
    return nil
  }

  /// One finding per column and kind present, ordered by column position and then by kind.
  public func scan(_ table: DataTable) -> [PIIFinding] {
    var findings: [PIIFinding] = []
    let kinds = PIIKind.allCases
    for (c, name) in table.columns.enumerated() {
      let hints = PIIColumnHints(name)
      var counts = [Int](repeating: 0, count: kinds.count)
      var strong = [Int](repeating: 0, count: kinds.count)
      var samples = [[Int]](repeating: [], count: kinds.count)
      var nonEmpty = 0
      for (r, cell) in table.cells[c].enumerated() {
        switch verdict(cell, hints) {
        case .empty: continue
        case .clean: nonEmpty += 1
        case .pii(let kind, let isStrong):
          nonEmpty += 1
          let k = kind.rank
          counts[k] += 1
          if isStrong { strong[k] += 1 }
          if samples[k].count < 5 { samples[k].append(r) }
        }
      }
      for kind in kinds where counts[kind.rank] > 0 {
        let k = kind.rank
        let confidence = Self.confidence(
          kind: kind, count: counts[k], nonEmpty: nonEmpty, strong: strong[k],
          hinted: hints.hints(kind))
        guard confidence >= minimumConfidence else { continue }
        findings.append(
          PIIFinding(
            column: name, kind: kind, count: counts[k], nonEmpty: nonEmpty,
            sampleRows: samples[k].map { $0 + 1 },
            sampleLines: samples[k].map { $0 < table.lines.count ? table.lines[$0] : $0 + 2 },
            confidence: confidence))
      }
    }
    return findings
  }

  /// Confidence that a column holds `kind`, from three things:
  /// - how specific the validator is: e-mail 0.95, IBAN 0.98 (mod-97), card 0.9 (Luhn and issuer
  ///   prefix), IPv6 0.9, IPv4 0.85, SSN 0.85, phone 0.8, date of birth 0.85, name 0.8; matches
  ///   that needed the column name to loosen the rules (`weak`) count 0.6, and dates of birth in
  ///   an unnamed column 0.5. The strong/weak mix gives `s`.
  /// - the share `f` of the column's non-empty cells that match: `c = s × (0.5 + 0.5·√f)`, so a
  ///   column that is all matches gets `s`, and a single address in a free-text column still about
  ///   half of it (one card number in a comment is still a card number);
  /// - the column's name: when it says this kind, `c + (1 − c)/2`.
  public static func confidence(
    kind: PIIKind, count: Int, nonEmpty: Int, strong: Int, hinted: Bool
  ) -> Double {
    guard count > 0, nonEmpty > 0 else { return 0 }
    let specificity: Double
    var weak = 0.6
    switch kind {
    case .email: specificity = 0.95
    case .iban: specificity = 0.98
    case .paymentCard: specificity = 0.9
    case .ipv6: specificity = 0.9
    case .ipv4: specificity = 0.85
    case .ssn: specificity = 0.85
    case .phone: specificity = 0.8
    case .dateOfBirth:
      specificity = 0.85
      weak = 0.5
    case .personName: specificity = 0.8
    }
    let strongShare = Double(strong) / Double(count)
    let s = specificity * strongShare + weak * (1 - strongShare)
    let f = min(1, Double(count) / Double(nonEmpty))
    var c = s * (0.5 + 0.5 * f.squareRoot())
    if hinted { c += (1 - c) / 2 }
    return min(1, max(0, c))
  }

  // MARK: Cells

  func verdict(_ cell: String, _ hints: PIIColumnHints) -> PIICellVerdict {
    PIIValidators.withBytes(cell) { verdict($0, hints) }
  }

  func verdict(_ raw: PIIValidators.Bytes, _ h: PIIColumnHints) -> PIICellVerdict {
    typealias V = PIIValidators
    let p = V.trimmed(raw)
    if p.isEmpty { return .empty }
    let f = PIICellProfile(p)
    if f.ats > 0 {
      if f.ats == 1 && f.spaces == 0 && V.email(p) { return .pii(.email, strong: true) }
      return freeText(p, f, h)
    }
    if h.birth && p.count > 11, let year = V.isoDateTime(p) {
      return (1900...referenceYear).contains(year) ? .pii(.dateOfBirth, strong: true) : .clean
    }
    if h.birth, let year = V.compactDate(p) { return dateOfBirth(year: year, h) ?? .clean }
    let textual = f.letters > 0 || f.nonASCII > 0 || f.others > 0
    if !textual {
      if f.colons > 0 {
        let bare = f.spaces == 0 && f.dashes == 0 && f.slashes == 0 && f.pluses == 0
        if f.colons >= 2 && bare && V.ipv6(p) { return .pii(.ipv6, strong: true) }
        if f.colons == 1 && f.dots == 3 && !h.version, let kind = V.ipEndpoint(p) {
          return .pii(kind, strong: true)
        }
        return .clean
      }
      if f.dots == 3 && f.digits + 3 == p.count {
        return V.ipv4(p) && !h.version ? .pii(.ipv4, strong: true) : .clean
      }
      if let v = numeric(p, h, inText: false) { return v }
      // Several numbers in one cell ("020 7946 0958 / 415-555-2671"): search it like text.
      return f.spaces > 0 && f.digits >= 7 ? freeText(p, f, h, wholeTried: true) : .clean
    }
    if f.colons >= 2 && f.spaces == 0 && f.nonASCII == 0 {
      if V.ipv6(p) { return .pii(.ipv6, strong: true) }
      if p[0] == 0x5B, let kind = V.ipEndpoint(p) { return .pii(kind, strong: true) }
    }
    if p.count >= 15 && V.isLetter(p[0]) && V.isLetter(p[1]) && V.isDigit(p[2])
      && V.isDigit(p[3])
    {
      switch V.iban(p) {
      case .valid: return .pii(.iban, strong: true)
      case .invalid: return .clean
      case .notIBAN: break
      }
    }
    if h.name && f.digits == 0 && V.personName(p) { return .pii(.personName, strong: true) }
    if f.spaces > 0 || f.digits >= 7 { return freeText(p, f, h) }
    return .clean
  }

  /// Cells of digits and separators: date, SSN, card, phone, in that order. In free text
  /// (`inText`) dates are skipped (a date in a comment is not known to be a birth date) and the
  /// column name does not loosen the rules.
  func numeric(_ p: PIIValidators.Bytes, _ h: PIIColumnHints, inText: Bool) -> PIICellVerdict? {
    typealias V = PIIValidators
    switch V.date(p) {
    case .notDate: break
    case .invalid: return nil
    case .valid(let year):
      if inText { return nil }
      return dateOfBirth(year: year, h)
    }
    if V.ssnShaped(p) { return V.ssnDigitsValid(p) ? .pii(.ssn, strong: true) : nil }
    if !inText && h.ssn && p.count == 9 {
      var allDigits = true
      for b in p where !V.isDigit(b) { allDigits = false }
      if allDigits { return V.ssnDigitsValid(p) ? .pii(.ssn, strong: false) : nil }
    }
    switch V.card(p, hinted: h.card && !inText, idLike: h.idLike) {
    case .strong: return .pii(.paymentCard, strong: true)
    case .weak: return .pii(.paymentCard, strong: false)
    case .none: break
    }
    switch V.phone(p, loose: h.phone && !inText, international: h.idLike && !h.phone) {
    case .strong: return .pii(.phone, strong: true)
    case .weak: return .pii(.phone, strong: false)
    case .none: return nil
    }
  }

  func dateOfBirth(year: Int, _ h: PIIColumnHints) -> PIICellVerdict? {
    if h.birth {
      return (1900...referenceYear).contains(year) ? .pii(.dateOfBirth, strong: true) : nil
    }
    if h.otherEvent { return nil }
    return (1900...(referenceYear - 10)).contains(year) ? .pii(.dateOfBirth, strong: false) : nil
  }

  /// Free text: the first e-mail token, else the first IBAN or digit run (in text order) that is
  /// on its own an IBAN, phone number, card number or SSN. A digit run starts at a digit, `+` or
  /// `(` not glued to a preceding word, code or amount (`ORD-2024…`, `#123`, `$12`), extends over
  /// digits, spaces, dashes, dots and parentheses, and must not run into letters, `/` or `:`
  /// (dates, times). If the whole run fails, space-separated pieces are dropped from either end,
  /// for `qty 2 415-555-0123`. An IBAN starts a word with two letters and two digits.
  func freeText(
    _ p: PIIValidators.Bytes, _ f: PIICellProfile, _ h: PIIColumnHints, wholeTried: Bool = false
  ) -> PIICellVerdict {
    typealias V = PIIValidators
    let n = p.count
    if f.ats > 0 {
      var i = 0
      while i < n {
        while i < n && Self.tokenBreak(p[i]) { i += 1 }
        let start = i
        var hasAt = false
        while i < n && !Self.tokenBreak(p[i]) {
          if p[i] == 0x40 { hasAt = true }
          i += 1
        }
        guard hasAt else { continue }
        var end = i
        while end > start && Self.trailingPunctuation(p[end - 1]) { end -= 1 }
        if end > start && V.email(V.slice(p, start, end)) { return .pii(.email, strong: true) }
      }
    }
    guard f.digits >= 7 else { return .clean }
    var i = 0
    while i < n {
      let b = p[i]
      if V.isLetter(b) {
        // A word: only an IBAN can start here; digits glued to it are codes, so skip it whole.
        if i + 15 <= n && V.isLetter(p[i + 1]) && V.isDigit(p[i + 2]) && V.isDigit(p[i + 3])
          && (i == 0 || !V.isAlnum(p[i - 1])), let v = Self.ibanInText(p, at: i)
        {
          return v
        }
        i += 1
        while i < n && V.isAlnum(p[i]) { i += 1 }
        continue
      }
      let startable = V.isDigit(b) || b == 0x2B || b == 0x28
      if !startable || (i > 0 && Self.gluedBefore(p[i - 1])) {
        i += 1
        continue
      }
      var j = i + 1
      while j < n && (Self.runByte(p[j]) || (p[j] == 0x2B && p[j - 1] == 0x28)) { j += 1 }
      var end = j
      while end > i && !(V.isDigit(p[end - 1]) || p[end - 1] == 0x29) { end -= 1 }
      let (lo, hi) = Self.unwrapped(p, i, end)
      let whole = wholeTried && lo == 0 && hi == n
      if hi - lo >= 7, let v = run(p, lo, hi, h, skipWhole: whole) { return v }
      // Skip the rest of a run glued to a word ("2671x"), so its tail is not retried.
      i = j
      while i < n && !Self.tokenBreak(p[i]) && !Self.runByte(p[i]) { i += 1 }
    }
    return .clean
  }

  /// The IBAN starting at `i`, if any: the country's length in characters, compact or in groups of
  /// four, not running on into a word.
  static func ibanInText(_ p: PIIValidators.Bytes, at i: Int) -> PIICellVerdict? {
    typealias V = PIIValidators
    let n = p.count
    let country = Int((p[i] | 0x20) - 0x61) * 26 + Int((p[i + 1] | 0x20) - 0x61)
    let length = Int(V.ibanLengths[country])
    guard length > 0 else { return nil }
    var j = i
    var characters = 0
    while j < n && characters < length {
      if V.isAlnum(p[j]) {
        characters += 1
      } else if p[j] != 0x20 || j + 1 == n || p[j + 1] == 0x20 {
        break
      }
      j += 1
    }
    guard characters == length, j == n || !V.isAlnum(p[j]) else { return nil }
    return V.iban(V.slice(p, i, j)) == .valid ? .pii(.iban, strong: true) : nil
  }

  /// `skipWhole`: the caller already classified exactly this span as a whole cell.
  private func run(
    _ p: PIIValidators.Bytes, _ lo: Int, _ hi: Int, _ h: PIIColumnHints, skipWhole: Bool
  ) -> PIICellVerdict? {
    typealias V = PIIValidators
    func attempt(_ a: Int, _ b: Int) -> PIICellVerdict? {
      guard b - a >= 7, b == p.count || Self.endsRun(p[b]) else { return nil }
      if case .pii(let kind, let strong)? = numeric(V.slice(p, a, b), h, inText: true),
        kind == .phone || kind == .paymentCard || kind == .ssn
      {
        return .pii(kind, strong: strong)
      }
      return nil
    }
    if !skipWhole, let v = attempt(lo, hi) { return v }
    // Space positions split the run into pieces; try dropping pieces from the front, then the back,
    // but only keep a remainder that carries phone punctuation beyond spaces.
    func punctuated(_ a: Int, _ b: Int) -> Bool {
      for k in a..<b where p[k] == 0x2B || p[k] == 0x28 || p[k] == 0x2D || p[k] == 0x2E {
        return true
      }
      return false
    }
    for cut in lo..<hi where p[cut] == 0x20 && punctuated(cut + 1, hi) {
      if let v = attempt(cut + 1, hi) { return v }
    }
    for cut in (lo..<hi).reversed() where p[cut] == 0x20 && punctuated(lo, cut) {
      if let v = attempt(lo, cut) { return v }
    }
    return nil
  }

  /// Drops parentheses around a whole run ("callback (020 7946 0958)") and unmatched ones at its
  /// ends, keeping an area code's `(415) 555-2671`.
  static func unwrapped(_ p: PIIValidators.Bytes, _ lo: Int, _ hi: Int) -> (Int, Int) {
    var lo = lo
    var hi = hi
    while hi - lo >= 2 && p[lo] == 0x28 {
      var depth = 0
      var closes = -1
      for k in lo..<hi {
        if p[k] == 0x28 { depth += 1 }
        if p[k] == 0x29 {
          depth -= 1
          if depth == 0 {
            closes = k
            break
          }
        }
      }
      if closes == hi - 1 {
        lo += 1
        hi -= 1
      } else if closes < 0 {
        lo += 1
      } else {
        break
      }
    }
    var opens = 0
    var closes = 0
    for k in lo..<hi {
      if p[k] == 0x28 { opens += 1 }
      if p[k] == 0x29 { closes += 1 }
    }
    while closes > opens && hi > lo && p[hi - 1] == 0x29 {
      hi -= 1
      closes -= 1
    }
    return (lo, hi)
  }

  /// Bytes that may continue a digit run.
  @inline(__always)
  static func runByte(_ b: UInt8) -> Bool {
    PIIValidators.isDigit(b) || b == 0x20 || b == 0x2D || b == 0x2E || b == 0x28 || b == 0x29
  }

  /// A run is not a number of its own when it runs into a word or a date/time.
  @inline(__always)
  static func endsRun(_ b: UInt8) -> Bool {
    !(PIIValidators.isAlnum(b) || b == 0x2F || b == 0x3A || b == 0x40 || b == 0x5F || b >= 0x80)
  }

  /// Bytes that glue a following digit run to a code, id or amount.
  @inline(__always)
  static func gluedBefore(_ b: UInt8) -> Bool {
    switch b {
    case 0x2D, 0x2E, 0x5F, 0x2F, 0x40, 0x23, 0x24, 0x2B, 0x3D: true
    default: PIIValidators.isAlnum(b) || b >= 0x80
    }
  }

  @inline(__always)
  static func tokenBreak(_ b: UInt8) -> Bool {
    switch b {
    case 0x20, 0x09, 0x0A, 0x0D, 0x3C, 0x3E, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x3B, 0x3A,
      0x22:
      true
    default: false
    }
  }

  @inline(__always)
  static func trailingPunctuation(_ b: UInt8) -> Bool {
    b == 0x2E || b == 0x21 || b == 0x3F || b == 0x27
  }
}

/// Character-class counts of a trimmed cell, from one pass, to pick the validators worth running.
struct PIICellProfile {
  var digits = 0
  var letters = 0
  var nonASCII = 0
  var others = 0
  var dots = 0
  var colons = 0
  var spaces = 0
  var ats = 0
  var dashes = 0
  var slashes = 0
  var pluses = 0

  init(_ p: PIIValidators.Bytes) {
    for b in p {
      switch b {
      case 0x30...0x39: digits += 1
      case 0x41...0x5A, 0x61...0x7A: letters += 1
      case 0x2E: dots += 1
      case 0x3A: colons += 1
      case 0x20, 0x09, 0x0A, 0x0D: spaces += 1
      case 0x40: ats += 1
      case 0x2D: dashes += 1
      case 0x2F: slashes += 1
      case 0x2B: pluses += 1
      case 0x28, 0x29: break
      case 0x80...: nonASCII += 1
      default: others += 1
      }
    }
  }
}

extension PIIColumnHints {
  /// Whether the column's name speaks for `kind` (raises that finding's confidence).
  func hints(_ kind: PIIKind) -> Bool {
    switch kind {
    case .email: email
    case .phone: phone
    case .paymentCard: card
    case .iban: iban
    case .ipv4, .ipv6: ip
    case .dateOfBirth: birth
    case .ssn: ssn
    case .personName: name
    }
  }
}
