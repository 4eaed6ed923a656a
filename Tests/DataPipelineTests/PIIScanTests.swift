import Foundation
import Testing

@testable import DataPipeline

/// A minimal RFC 4180 reader for the fixture: comma-separated, `"`-quoted fields with `""` escapes
/// and line breaks inside quotes, CRLF or LF records. Returns the header, the rows and the 1-based
/// line each row starts on.
private func readCSV(_ text: String) -> (header: [String], rows: [[String]], lines: [Int]) {
  var records: [[String]] = []
  var starts: [Int] = []
  var record: [String] = []
  var field: [UInt8] = []
  var line = 1
  var recordLine = 1
  var inQuotes = false
  var fieldStarted = false
  let bytes = Array(text.utf8)
  var i = 0
  func endField() {
    record.append(String(decoding: field, as: UTF8.self))
    field.removeAll()
    fieldStarted = false
  }
  func endRecord() {
    endField()
    records.append(record)
    starts.append(recordLine)
    record = []
  }
  while i < bytes.count {
    let b = bytes[i]
    if inQuotes {
      if b == UInt8(ascii: "\"") {
        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
          field.append(b)
          i += 1
        } else {
          inQuotes = false
        }
      } else {
        if b == UInt8(ascii: "\n") { line += 1 }
        field.append(b)
      }
    } else if b == UInt8(ascii: "\"") && !fieldStarted {
      inQuotes = true
      fieldStarted = true
    } else if b == UInt8(ascii: ",") {
      endField()
    } else if b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n") {
      if b == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") {
        i += 1
      }
      endRecord()
      line += 1
      recordLine = line
    } else {
      field.append(b)
      fieldStarted = true
    }
    i += 1
  }
  if fieldStarted || !field.isEmpty || !record.isEmpty { endRecord() }
  guard let header = records.first else { return ([], [], []) }
  return (header, Array(records.dropFirst()), Array(starts.dropFirst()))
}

private func fixtureText(_ name: String) throws -> String {
  let url = try #require(
    Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
  return try String(contentsOf: url, encoding: .utf8)
}

private func loadFixture() throws -> (
  table: DataTable, labels: [(row: Int, column: String, kind: PIIKind)]
) {
  let csv = readCSV(try fixtureText("pii-labelled"))
  var cells = [[String]](repeating: [], count: csv.header.count)
  for row in csv.rows {
    #expect(row.count == csv.header.count, "every record has one field per column")
    for c in 0..<csv.header.count { cells[c].append(c < row.count ? row[c] : "") }
  }
  let table = DataTable(columns: csv.header, cells: cells, lines: csv.lines)
  let labelRows = readCSV(try fixtureText("pii-labelled.labels")).rows
  var labels: [(row: Int, column: String, kind: PIIKind)] = []
  for fields in labelRows {
    let row = try #require(Int(fields[0]))
    let kind = try #require(PIIKind(rawValue: fields[2]), "unknown kind \(fields[2])")
    labels.append((row, fields[1], kind))
  }
  return (table, labels)
}

private func percent(_ x: Double) -> String { String(format: "%.3f", x) }

/// The figures asserted below are for a fixed "today" so date-of-birth plausibility cannot drift.
private let scanner = PIIScanner(referenceYear: 2025)

@Suite("PII scanner")
struct PIIScanTests {
  @Test("labelled fixture: cell-level precision and recall per kind")
  func labelledFixture() throws {
    let (table, labels) = try loadFixture()
    #expect(table.rowCount == 500)  // ROWS in pii-labelled.make.py
    #expect(table.columns.count >= 10)
    #expect(labels.count > 1000)
    for label in labels {
      #expect(table.index(of: label.column) != nil, "label names column \(label.column)")
      #expect((1...table.rowCount).contains(label.row))
    }
    // Multi-line comments make source lines run ahead of row numbers; the reader must follow.
    #expect(table.lines.last ?? 0 > table.rowCount + 1)

    let evaluation = PIIEvaluation.evaluate(table, labels: labels, scanner: scanner)
    for kind in PIIKind.allCases {
      let s = evaluation.perKind[kind] ?? PIIEvaluation.Score()
      print(
        "PII \(kind.rawValue): precision \(percent(s.precision)) recall \(percent(s.recall))"
          + " tp \(s.truePositives) fp \(s.falsePositives) fn \(s.falseNegatives)")
    }
    let o = evaluation.overall
    print(
      "PII overall: precision \(percent(o.precision)) recall \(percent(o.recall))"
        + " tp \(o.truePositives) fp \(o.falsePositives) fn \(o.falseNegatives)")
    // Where the disagreements are, by column and kind (rows only: the report never shows values).
    var groups: [String: [Int]] = [:]
    for miss in evaluation.mismatches {
      let what = miss.expected.map { "missed \($0.rawValue)" } ?? ""
      let wrong = miss.predicted.map { "false \($0.rawValue)" } ?? ""
      groups["\(miss.column) \(what)\(wrong)", default: []].append(miss.row)
    }
    for (key, rows) in groups.sorted(by: { $0.key < $1.key }) {
      print(
        "PII \(key): \(rows.count) (rows \(rows.prefix(8).map(String.init).joined(separator: " ")))"
      )
    }

    #expect(o.precision >= 0.95)
    #expect(o.recall >= 0.95)
    for kind in PIIKind.allCases {
      let s = try #require(evaluation.perKind[kind])
      #expect(s.truePositives > 0, "the fixture has \(kind.rawValue)")
      #expect(s.precision >= 0.9, "\(kind.rawValue) precision \(s.precision)")
      #expect(s.recall >= 0.9, "\(kind.rawValue) recall \(s.recall)")
    }
  }

  @Test("payment cards: Luhn, grouping, issuer prefix")
  func cards() {
    #expect(PIIValidators.isLuhnValid("4111 1111 1111 1111"))
    #expect(!PIIValidators.isLuhnValid("4111 1111 1111 1112"))
    #expect(PIIValidators.isPaymentCard("4111 1111 1111 1111"))
    #expect(PIIValidators.isPaymentCard("4111-1111-1111-1111"))
    #expect(PIIValidators.isPaymentCard("5555555555554444"))
    #expect(PIIValidators.isPaymentCard("3782 822463 10005"))  // Amex 4-6-5
    #expect(!PIIValidators.isPaymentCard("4111 1111 1111 1112"))  // Luhn fails
    #expect(!PIIValidators.isPaymentCard("4111 11111 111 1111"))  // not a card grouping
    #expect(!PIIValidators.isPaymentCard("4111 1111-1111 1111"))  // mixed separators
    // Luhn-valid but no issuer uses the prefix: only a card where the column says so, and weaker.
    #expect(PIIValidators.isLuhnValid("9999 9999 9999 9995"))
    #expect(!PIIValidators.isPaymentCard("9999 9999 9999 9995"))
    #expect(scanner.classify("9999 9999 9999 9995", column: "notes") == nil)
    #expect(scanner.classify("9999 9999 9999 9995", column: "card_number") == .paymentCard)
    // A Luhn-valid digit run in an identifier column is not taken for a card.
    #expect(scanner.classify("4111111111111111", column: "order_ref") == nil)
    #expect(scanner.classify("4111 1111 1111 1111", column: "order_ref") == .paymentCard)
    #expect(scanner.classify("Paid with 4111 1111 1111 1111 today", column: "c") == .paymentCard)
    #expect(scanner.classify("card no 4111111111111111, exp 12/27", column: "c") == .paymentCard)
    #expect(scanner.classify("card no 4111111111111112, exp 12/27", column: "c") == nil)
  }

  @Test("IBAN: country length and mod-97")
  func ibans() {
    #expect(PIIValidators.isIBAN("GB82 WEST 1234 5698 7654 32"))
    #expect(PIIValidators.isIBAN("GB82WEST12345698765432"))
    #expect(PIIValidators.isIBAN("DE89 3704 0044 0532 0130 00"))
    #expect(!PIIValidators.isIBAN("GB82 WEST 1234 5698 7654 33"))  // one digit changed
    #expect(!PIIValidators.isIBAN("GB28 WEST 1234 5698 7654 32"))  // check digits swapped
    #expect(!PIIValidators.isIBAN("GB82 WEST 1234 5698 7654 3"))  // short for GB
    #expect(!PIIValidators.isIBAN("GB82 WES T123 4569 8765 432"))  // not grouped in fours
    #expect(!PIIValidators.isIBAN("QQ82WEST12345698765432"))  // no such country
    #expect(scanner.classify("GB82 WEST 1234 5698 7654 32", column: "x") == .iban)
    #expect(scanner.classify("Refund to DE89 3704 0044 0532 0130 00 today", column: "c") == .iban)
    #expect(scanner.classify("Refund to DE89370400440532013000.", column: "c") == .iban)
    #expect(scanner.classify("Refund to DE89 3704 0044 0532 0130 01 today", column: "c") == nil)
    // A mistyped IBAN is not then read as a phone number from its digit groups.
    #expect(scanner.classify("BE65 0748 2184 3894", column: "iban") == nil)
  }

  @Test("IP addresses: IPv4 octets, IPv6 full, compressed and with IPv4 tail")
  func ipAddresses() {
    #expect(PIIValidators.isIPv4("192.168.0.1"))
    #expect(PIIValidators.isIPv4("8.8.8.8"))
    #expect(!PIIValidators.isIPv4("999.1.1.1"))
    #expect(!PIIValidators.isIPv4("256.0.0.1"))
    #expect(!PIIValidators.isIPv4("1.2.3"))
    #expect(!PIIValidators.isIPv4("01.2.3.4"))
    #expect(PIIValidators.isIPv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334"))
    #expect(PIIValidators.isIPv6("2001:db8:85a3::8a2e:370:7334"))
    #expect(PIIValidators.isIPv6("2001:DB8::1"))
    #expect(PIIValidators.isIPv6("fe80::1ff:fe23:4567:890a%eth0"))
    #expect(PIIValidators.isIPv6("::1"))
    #expect(PIIValidators.isIPv6("2001:db8::"))
    #expect(PIIValidators.isIPv6("::ffff:192.0.2.128"))
    #expect(PIIValidators.isIPv6("64:ff9b::192.0.2.33"))
    #expect(PIIValidators.isIPv6("0:0:0:0:0:ffff:192.0.2.1"))
    #expect(!PIIValidators.isIPv6("::"))
    #expect(!PIIValidators.isIPv6("2001:db8:::1"))
    #expect(!PIIValidators.isIPv6("fe80::1::2"))
    #expect(!PIIValidators.isIPv6("2001:db8:0:0:0:0:0:0:1"))
    #expect(!PIIValidators.isIPv6("2001:db8:0:0:0:0:1"))  // seven groups without ::
    #expect(!PIIValidators.isIPv6("12:34:56"))
    #expect(!PIIValidators.isIPv6("00:1A:2B:3C:4D:5E"))
    #expect(!PIIValidators.isIPv6("::ffff:999.0.2.1"))
    #expect(!PIIValidators.isIPv6("2001:db8::12345"))
    // Version columns: a dotted quad there is a version.
    #expect(scanner.classify("1.2.3.4", column: "ip") == .ipv4)
    #expect(scanner.classify("1.2.3.4", column: "app_version") == nil)
    #expect(scanner.classify("2001:db8::1", column: "client") == .ipv6)
    #expect(scanner.classify("203.0.113.7:8080", column: "peer") == .ipv4)
    #expect(scanner.classify("[2001:db8::1]:443", column: "peer") == .ipv6)
    #expect(scanner.classify("203.0.113.7:99999", column: "peer") == nil)
    #expect(scanner.classify("10.0.0.0/8", column: "peer") == nil)
  }

  @Test("SSN: shape and never-issued ranges")
  func ssns() {
    #expect(PIIValidators.isSSN("123-45-6789"))
    #expect(PIIValidators.isSSN("078 05 1120"))
    #expect(!PIIValidators.isSSN("000-12-3456"))
    #expect(!PIIValidators.isSSN("666-12-3456"))
    #expect(!PIIValidators.isSSN("900-12-3456"))
    #expect(!PIIValidators.isSSN("999-12-3456"))
    #expect(!PIIValidators.isSSN("123-00-4567"))
    #expect(!PIIValidators.isSSN("123-45-0000"))
    #expect(!PIIValidators.isSSN("123-456-789"))
    // An excluded SSN is not then read as some other kind (a phone number, say).
    #expect(scanner.classify("000-12-3456", column: "x") == nil)
    // Nine bare digits are an SSN only where the column says so.
    #expect(scanner.classify("123456789", column: "ssn") == .ssn)
    #expect(scanner.classify("123456789", column: "order_ref") == nil)
    #expect(scanner.classify("SSN on file: 123-45-6789", column: "notes") == .ssn)
  }

  @Test("e-mail addresses")
  func emails() {
    #expect(PIIValidators.isEmail("jane.doe@example.com"))
    #expect(PIIValidators.isEmail("j.doe+news@mail.example.co.uk"))
    #expect(PIIValidators.isEmail("josé@exemple.fr"))
    #expect(!PIIValidators.isEmail("jane.doe@"))
    #expect(!PIIValidators.isEmail("@example.com"))
    #expect(!PIIValidators.isEmail("jane@localhost"))
    #expect(!PIIValidators.isEmail("a..b@example.com"))
    #expect(!PIIValidators.isEmail("jane@-example.com"))
    #expect(!PIIValidators.isEmail("jane@example.c0m"))
    #expect(scanner.classify("Reach me at jane@example.com.", column: "comment") == .email)
    #expect(scanner.classify("mailto:jane@example.com", column: "x") == .email)
  }

  @Test("phone numbers: E.164 and national layouts; dates, SSNs, ids are not phones")
  func phones() {
    for number in [
      "+1 415 555 2671", "+14155552671", "(415) 555-2671", "415-555-2671", "415.555.2671",
      "1-800-555-0199", "+44 20 7946 0958", "020 7946 0958", "+44 (0)20 7946 0958",
      "07700 900123", "01 23 45 67 89", "06.12.34.56.78", "+49 30 12345678", "0151 23456789",
      "0049 30 1234567", "+34 612 345 678",
    ] {
      #expect(PIIValidators.isPhone(number), "\(number)")
      #expect(scanner.classify(number, column: "contact") == .phone, "\(number)")
    }
    for notPhone in [
      "2024-03-01", "12/05/1990", "123-456-7890", "1234567890", "10.0.0.1", "1.2.3.4.5",
      "1299.00", "+1", "555-0123", "123-45-6789", "7489 1234 5678", "02134-1234",
    ] {
      #expect(!PIIValidators.isPhone(notPhone), "\(notPhone)")
    }
    // A phone column accepts bare digits and local numbers, as weaker matches.
    #expect(scanner.classify("4155552671", column: "phone") == .phone)
    #expect(scanner.classify("555-0123", column: "mobile") == .phone)
    #expect(scanner.classify("4155552671", column: "contact") == nil)
    // In text: the number on its own, not glued to codes, dates or times.
    #expect(scanner.classify("Please call 020 7946 0958 after 5pm", column: "c") == .phone)
    #expect(scanner.classify("Qty 2 415-555-2671", column: "c") == .phone)
    #expect(scanner.classify("020 7946 0958 415-555-2671", column: "contact") == .phone)
    #expect(scanner.classify("1 234 567", column: "amount") == nil)
    #expect(scanner.classify("Order ORD-2024-415555 shipped 2024-03-05", column: "c") == nil)
    #expect(scanner.classify("Delivered 2024-03-05 14:22:01", column: "c") == nil)
    #expect(scanner.classify("Ticket #4155552671 closed", column: "c") == nil)
    // Identifier columns: national layouts there are serial numbers; `+` numbers still count.
    #expect(scanner.classify("0123-4567-8901", column: "serial") == nil)
    #expect(scanner.classify("+44 20 7946 0958", column: "order_ref") == .phone)
  }

  @Test("dates of birth: column hints, calendar validity, plausible years")
  func datesOfBirth() {
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
    #expect(PIIScanner().referenceYear == utc.component(.year, from: Date()))
    #expect(PIIValidators.calendarYear("1990-02-28") == 1990)
    #expect(PIIValidators.calendarYear("2000-02-29") == 2000)
    #expect(PIIValidators.calendarYear("1900-02-29") == nil)
    #expect(PIIValidators.calendarYear("31/04/1985") == nil)
    #expect(PIIValidators.calendarYear("12/31/1985") == 1985)  // month/day
    #expect(PIIValidators.calendarYear("31/12/1985") == 1985)  // day/month
    for column in ["dob", "DOB", "date_of_birth", "dateOfBirth", "birthday", "birth_date"] {
      #expect(scanner.classify("1985-03-12", column: column) == .dateOfBirth, "\(column)")
    }
    #expect(scanner.classify("1985-03-12 00:00:00", column: "dob") == .dateOfBirth)
    #expect(scanner.classify("19850312", column: "birth_date") == .dateOfBirth)
    #expect(scanner.classify("19850312", column: "d") == nil)
    #expect(scanner.classify("1985-03-12", column: "order_date") == nil)
    #expect(scanner.classify("1985-03-12", column: "created_at") == nil)
    #expect(scanner.classify("2090-01-01", column: "dob") == nil)
    #expect(scanner.classify("1990-02-30", column: "dob") == nil)
    // Unnamed columns: plausible birth years only, and never with a time of day.
    #expect(scanner.classify("1985-03-12", column: "d") == .dateOfBirth)
    #expect(scanner.classify("2021-03-12", column: "d") == nil)
    #expect(scanner.classify("1985-03-12 14:22:00", column: "d") == nil)
  }

  @Test("person names only in name columns; pseudonyms, tokens and companies refused")
  func names() {
    for name in [
      "Jane Doe", "Mary-Jane O'Brien", "J. R. Smith", "Ludwig van Beethoven", "Zoë Brontë",
      "Łukasz Nowak", "Smith, John", "山田 太郎", "JOHN SMITH", "Madonna",
    ] {
      #expect(scanner.classify(name, column: "customer_name") == .personName, "\(name)")
    }
    for column in ["name", "first_name", "lastName", "surname", "full_name", "customer"] {
      #expect(scanner.classify("Jane Doe", column: column) == .personName, "\(column)")
    }
    for column in ["product_name", "username", "user_name", "customer_id", "city", "notes"] {
      #expect(scanner.classify("Jane Doe", column: column) == nil, "\(column)")
    }
    for notName in [
      "user_4f2a9c", "tok_9K3xQ2LmP0aZ7wYb", "jane doe", "Anonymous", "N/A", "Acme Ltd",
      "Globex GmbH", "Jane  Doe", "Agent 007", "A B C D E", "-",
    ] {
      #expect(scanner.classify(notName, column: "customer") == nil, "\(notName)")
    }
  }

  @Test("scan: per column and kind, row numbers and source lines, never cell values")
  func scanReports() throws {
    let secrets = [
      "jane@example.com", "4111 1111 1111 1111", "Jane Doe", "+44 20 7946 0958",
      "GB82 WEST 1234 5698 7654 32",
    ]
    let table = DataTable(
      columns: ["customer", "contact", "card", "note"],
      cells: [
        ["Jane Doe", "user_4f2a9c", "Ana Lima", "", "Bob Stone"],
        [secrets[0], secrets[3], "n/a", "bob@example.org", "(415) 555-2671"],
        [secrets[1], "4111 1111 1111 1112", "", "", "5555 5555 5555 4444"],
        ["ok", secrets[4], "call +44 20 7946 0958", "fine", ""],
      ],
      lines: [2, 3, 5, 6, 9])
    let findings = scanner.scan(table)
    let summary = findings.map { "\($0.column)/\($0.kind.rawValue)/\($0.count)/\($0.nonEmpty)" }
    #expect(
      summary == [
        "customer/person-name/3/4", "contact/email/2/5", "contact/phone/2/5",
        "card/payment-card/2/3", "note/phone/1/4", "note/iban/1/4",
      ])
    let contactPhone = try #require(findings.first { $0.column == "contact" && $0.kind == .phone })
    #expect(contactPhone.sampleRows == [2, 5])
    #expect(contactPhone.sampleLines == [3, 9])
    let names = try #require(findings.first { $0.kind == .personName })
    #expect(names.sampleRows == [1, 3, 5])
    #expect(names.sampleLines == [2, 5, 9])
    for finding in findings { #expect((0...1).contains(finding.confidence)) }
    let json = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
    for secret in secrets + ["Ana Lima", "Bob Stone", "bob@example.org", "415"] {
      #expect(!json.contains(secret), "report leaks \(secret)")
    }
    // Filtering by confidence drops the single phone number in free text first.
    let strict = PIIScanner(minimumConfidence: 0.7, referenceYear: 2025).scan(table)
    #expect(strict.count < findings.count)
    #expect(!strict.contains { $0.column == "note" && $0.kind == .phone })
    #expect(strict.contains { $0.column == "card" && $0.kind == .paymentCard })
  }

  @Test("confidence: match share, specificity, name hints")
  func confidence() {
    let full = PIIScanner.confidence(
      kind: .email, count: 100, nonEmpty: 100, strong: 100, hinted: false)
    let hinted = PIIScanner.confidence(
      kind: .email, count: 100, nonEmpty: 100, strong: 100, hinted: true)
    let sparse = PIIScanner.confidence(
      kind: .email, count: 1, nonEmpty: 100, strong: 1, hinted: false)
    let weak = PIIScanner.confidence(
      kind: .phone, count: 100, nonEmpty: 100, strong: 0, hinted: false)
    let strong = PIIScanner.confidence(
      kind: .phone, count: 100, nonEmpty: 100, strong: 100, hinted: false)
    #expect(abs(full - 0.95) < 1e-9)
    #expect(hinted > full && hinted <= 1)
    #expect(sparse < full && sparse > 0.5)
    #expect(weak < strong)
  }

  @Test("evaluation counts tp, fp, fn per kind")
  func evaluation() {
    let table = DataTable(
      columns: ["contact"], cells: [["jane@example.com", "4155552671", "+1 415 555 2671", "x"]])
    let labels: [(row: Int, column: String, kind: PIIKind)] = [
      (1, "contact", .email), (2, "contact", .phone), (4, "contact", .email),
      (9, "contact", .email),
    ]
    let e = PIIEvaluation.evaluate(table, labels: labels, scanner: scanner)
    #expect(e.perKind[.email] == PIIEvaluation.Score(truePositives: 1, falseNegatives: 2))
    #expect(e.perKind[.phone] == PIIEvaluation.Score(falsePositives: 1, falseNegatives: 1))
    #expect(
      e.overall == PIIEvaluation.Score(truePositives: 1, falsePositives: 1, falseNegatives: 3))
    #expect(e.mismatches.count == 4)
    #expect(abs(e.perKind[.email]!.recall - 1.0 / 3) < 1e-9)
  }

  /// Throughput on synthetic landing-zone data; opt-in (`PII_BENCH=1`) because it is meant for
  /// release builds (`swift test -c release`), where the target is 1,000,000 × 10 well under 2 s.
  @Test(
    "throughput", .enabled(if: ProcessInfo.processInfo.environment["PII_BENCH"] != nil))
  func throughput() {
    let rows = 1_000_000
    let samples = [
      ["jane.doe@example.com", "n/a", "bob@example.org"],
      ["+44 20 7946 0958", "(415) 555-2671", "12345"],
      ["4111 1111 1111 1111", "4111 1111 1111 1112", ""],
      ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "N/A"],
      ["192.168.1.20", "2001:db8::8a2e:370:7334", "999.1.1.1"],
      ["1985-03-12", "12/31/1979", "unknown"],
      ["123-45-6789", "000-12-3456", ""],
      ["Jane Doe", "user_4f2a9c", "Łukasz Nowak"],
      ["ORD-2024-001234", "1Z999AA10123456784", "1299.00"],
      ["Please call 020 7946 0958 after 5pm", "Refund of $12.50 issued", "Ticket #123456"],
    ]
    let columns = [
      "email", "phone", "card_number", "iban", "ip", "dob", "ssn", "customer", "order_ref",
      "comment",
    ]
    let cells = samples.map { choices in (0..<rows).map { choices[$0 % choices.count] } }
    let table = DataTable(columns: columns, cells: cells)
    let clock = ContinuousClock()
    var findings: [PIIFinding] = []
    let elapsed = clock.measure { findings = scanner.scan(table) }
    print("PII scan of \(rows) rows x \(columns.count) columns: \(elapsed)")
    #expect(findings.count >= columns.count)
  }
}
