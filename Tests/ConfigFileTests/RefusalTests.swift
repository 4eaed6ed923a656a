import ConfigFile
import Testing

/// Every refusal names the document and the line to fix.
@Suite struct RefusalTests {
  @Test(arguments: [
    ("a = 1\na = 2", "bad.toml:2: duplicate key \"a\" (first defined at line 1)"),
    ("a.b = 1\n\na.b = 2", "bad.toml:3: duplicate key \"a.b\" (first defined at line 1)"),
    ("p = { x = 1, x = 2 }", "bad.toml:1: duplicate key \"x\" (first defined at line 1)"),
    ("[a.b]\n[a]\nb = 1", "bad.toml:3: duplicate key \"b\" (first defined at line 1)"),
    ("\"a\" = 1\na = 2", "bad.toml:2: duplicate key \"a\" (first defined at line 1)"),
  ])
  func duplicateKeys(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test(arguments: [
    ("[t]\nx = 1\n[t]", "bad.toml:3: table [t] is already defined at line 1"),
    ("[a.b]\n[a.b]", "bad.toml:2: table [a.b] is already defined at line 1"),
    (
      "[fruit]\napple.color = 1\n[fruit.apple]",
      "bad.toml:3: table [fruit.apple] is already defined by dotted keys at line 2"
    ),
    (
      "[a.b]\nx = 1\n[a]\nb.y = 2",
      "bad.toml:4: key \"b\" is a table opened at line 1, which cannot be extended with dotted keys"
    ),
    (
      "a = { x = 1 }\n[a]",
      "bad.toml:2: key \"a\" is an inline table (line 1), which cannot be extended"
    ),
    (
      "a = { x = 1 }\na.y = 2",
      "bad.toml:2: key \"a\" is an inline table (line 1), which cannot be extended"
    ),
  ])
  func redefinedTables(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test(arguments: [
    (
      "a = 1\n[a]",
      "bad.toml:2: key \"a\" is already an integer (line 1) and cannot also be a table"
    ),
    (
      "a = 1\na.b = 2",
      "bad.toml:2: key \"a\" is already an integer (line 1) and cannot also be a table"
    ),
    (
      "a = 'x'\n[a.b]",
      "bad.toml:2: key \"a\" is already a string (line 1) and cannot also be a table"
    ),
    (
      "[a]\n[[a]]",
      "bad.toml:2: key \"a\" is already a table (line 1) and cannot also be an array of tables"
    ),
    (
      "a = []\n[[a]]",
      "bad.toml:2: key \"a\" is already an array (line 1) and cannot also be an array of tables"
    ),
    (
      "[[a]]\n[a]",
      "bad.toml:2: key \"a\" is already an array of tables (line 1) and cannot also be a table"
    ),
    (
      "[[a]]\nb = 1\n[a.b]",
      "bad.toml:3: key \"a.b\" is already an integer (line 2) and cannot also be a table"
    ),
  ])
  func valueAndTableConflicts(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test(arguments: [
    ("a = \"abc\nb = 1", "bad.toml:1: unterminated string"),
    ("\n\na = 'abc", "bad.toml:3: unterminated string"),
    ("a = \"ends in escape\\", "bad.toml:1: unterminated string"),
    ("a = 1\nb = \"\"\"\nabc\n\"\"", "bad.toml:2: unterminated multi-line string"),
    ("a = '''\nabc", "bad.toml:1: unterminated multi-line string"),
    ("a = [\n1,\n2,\n", "bad.toml:1: unterminated array"),
    ("\na = [[1, 2]", "bad.toml:2: unterminated array"),
    ("a = [1, 2,\nb = 3", "bad.toml:1: unterminated array (expected `]` before line 2)"),
    ("a = [\n  1,\n  2\n\nb.c = 3", "bad.toml:1: unterminated array (expected `]` before line 5)"),
    (
      "a = { x = 1",
      "bad.toml:1: unterminated inline table (an inline table must close on its line)"
    ),
    (
      "a = { x = 1,\n y = 2 }",
      "bad.toml:1: unterminated inline table (an inline table must close on its line)"
    ),
  ])
  func unterminatedReportTheOpeningLine(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test(arguments: [
    (#"a = "\q""#, "bad.toml:1: invalid escape sequence `\\q`"),
    (#"a = "\x41""#, "bad.toml:1: invalid escape sequence `\\x`"),
    (#"a = "\u12""#, "bad.toml:1: `\\u` must be followed by 4 hex digits"),
    (#"a = "\U0001F60""#, "bad.toml:1: `\\U` must be followed by 8 hex digits"),
    (#"a = "\uD800""#, "bad.toml:1: `\\uD800` is not a Unicode scalar value"),
    (#"a = "\U00110000""#, "bad.toml:1: `\\U00110000` is not a Unicode scalar value"),
    ("a = \"\"\"\nok\n\\ x\"\"\"", "bad.toml:3: invalid escape sequence `\\ `"),
    ("a = \"x\u{01}\"", "bad.toml:1: control character U+0001 is not allowed in a string"),
    ("a = 1 # bell\u{07}", "bad.toml:1: control character U+0007 is not allowed in a comment"),
  ])
  func badStringContent(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test(arguments: [
    "when = 1979-05-27", "when = 1979-05-27T07:32:00Z", "when = 1979-05-27 07:32:00",
    "when = 07:32:00", "when = 1979-05-27T00:32:00.999999-07:00",
  ])
  func datesAndTimes(text: String) {
    #expect(refusal("ok = 1\n" + text) == "bad.toml:2: dates and times are not supported")
  }

  @Test(arguments: [
    ("x = inf", "bad.toml:1: inf is not supported; use a finite number"),
    ("x = -inf", "bad.toml:1: -inf is not supported; use a finite number"),
    ("x = nan", "bad.toml:1: nan is not supported; use a finite number"),
    ("x = +nan", "bad.toml:1: +nan is not supported; use a finite number"),
    ("x = 1__0", "bad.toml:1: invalid number \"1__0\""),
    ("x = _1", "bad.toml:1: invalid value \"_1\""),
    ("x = 1_", "bad.toml:1: invalid number \"1_\""),
    ("x = 007", "bad.toml:1: invalid number \"007\" (leading zeros are not allowed)"),
    ("x = 0x", "bad.toml:1: invalid number \"0x\""),
    ("x = 0xG", "bad.toml:1: invalid number \"0xG\""),
    ("x = -0x1", "bad.toml:1: invalid number \"-0x1\""),
    ("x = 0b102", "bad.toml:1: invalid number \"0b102\""),
    ("x = 1.", "bad.toml:1: invalid number \"1.\""),
    ("x = .5", "bad.toml:1: invalid value \".5\""),
    ("x = 1e", "bad.toml:1: invalid number \"1e\""),
    ("x = 1.2.3", "bad.toml:1: invalid number \"1.2.3\""),
    ("x = +", "bad.toml:1: invalid number \"+\""),
    (
      "x = 99999999999999999999", "bad.toml:1: integer 99999999999999999999 does not fit in 64 bits"
    ),
    ("x = 0x8000000000000000", "bad.toml:1: integer 0x8000000000000000 does not fit in 64 bits"),
    ("x = 1e999", "bad.toml:1: float 1e999 is out of range"),
    ("env = cartpole", "bad.toml:1: invalid value \"cartpole\" (strings must be quoted)"),
    ("flag = True", "bad.toml:1: invalid value \"True\" (strings must be quoted)"),
  ])
  func badScalars(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test(arguments: [
    ("name \"tour\"", "bad.toml:1: expected `=` after key \"name\", found `\"`"),
    ("a.b\n= 1", "bad.toml:1: expected `=` after key \"a.b\", found end of line"),
    ("a =", "bad.toml:1: expected a value for key \"a\", found end of file"),
    ("a = # nothing\n", "bad.toml:1: expected a value for key \"a\", found `#`"),
    ("a = 1 2", "bad.toml:1: expected end of line after the value of \"a\", found `2`"),
    ("a = \"x\" y", "bad.toml:1: expected end of line after the value of \"a\", found `y`"),
    ("a = 1\rb = 2", "bad.toml:1: expected end of line after the value of \"a\", found U+000D"),
    ("= 1", "bad.toml:1: expected a key, found `=`"),
    ("a. = 1", "bad.toml:1: expected a key, found `=`"),
    ("é = 1", "bad.toml:1: expected a key, found `é`"),
    ("\"\"\"a\"\"\" = 1", "bad.toml:1: a multi-line string cannot be a key"),
    ("a = [1,,2]", "bad.toml:1: expected a value in array, found `,`"),
    ("a = [1 2]", "bad.toml:1: expected `,` or `]` after array element, found `2`"),
    (
      "a = [\n  1\n  2\n]",
      "bad.toml:3: expected `,` or `]` after array element, found `2` (array opened at line 1)"
    ),
    ("a = { x = 1, }", "bad.toml:1: trailing comma is not allowed in an inline table"),
    ("a = { x = 1 y = 2 }", "bad.toml:1: expected `,` or `}` in inline table, found `y`"),
    ("a = { , }", "bad.toml:1: expected a key, found `,`"),
    ("[a", "bad.toml:1: expected `]` after [a, found end of file"),
    ("[a b]", "bad.toml:1: expected `]` after [a, found `b`"),
    ("[[a] ]", "bad.toml:1: expected `]]` after [[a], found `]`"),
    ("[]", "bad.toml:1: expected a key, found `]`"),
    ("[a] x = 1", "bad.toml:1: expected end of line after [a], found `x`"),
    ("[[a]] # ok\n[[b]] c", "bad.toml:2: expected end of line after [[b]], found `c`"),
  ])
  func malformedLines(text: String, message: String) {
    #expect(refusal(text) == message)
  }

  @Test func invalidUTF8NamesItsLine() {
    let bytes = Array("a = \"x\"\nb = \"".utf8) + [0xFF] + Array("\"\n".utf8)
    #expect(
      throws: ConfigError(source: "bytes.toml", line: 2, message: "invalid UTF-8")
    ) {
      try ConfigDocument(parsing: bytes, source: "bytes.toml")
    }
    let overlong: [UInt8] = [0xC0, 0xAF]
    #expect(
      failure { () throws(ConfigError) in try ConfigDocument(parsing: overlong, source: "o") }
        == "o:1: invalid UTF-8")
  }

  @Test func errorsAreValuesWithLocation() {
    let error = ConfigError(source: "a.toml", line: 3, message: "boom")
    #expect(error.description == "a.toml:3: boom")
    #expect(
      ConfigError(source: "a.toml", line: 0, message: "no such file").description
        == "a.toml: no such file")
  }
}

@Suite struct NestingLimitTests {
  @Test func deepButReasonableNestingParses() throws {
    let arrays = "a = " + String(repeating: "[", count: 99) + String(repeating: "]", count: 99)
    var value = try #require(try parse(arrays)["a"])
    for _ in 1..<99 { value = try #require(value.arrayValue?.first) }
    #expect(value.arrayValue == [])

    let tables =
      "t = " + String(repeating: "{ t = ", count: 98) + "1" + String(repeating: " }", count: 98)
    #expect(try parse(tables)["t"]?.tableValue?.count == 1)
  }

  @Test func runawayNestingIsRefusedNotCrashed() {
    let message = "nesting is too deep (more than 100 levels)"
    #expect(refusal("a = " + String(repeating: "[", count: 100_000)) == "bad.toml:1: \(message)")
    #expect(
      refusal("\na = " + String(repeating: "{a=", count: 100_000)) == "bad.toml:2: \(message)")
    let keys = Array(repeating: "k", count: 101).joined(separator: ".")
    #expect(refusal("\(keys) = 1") == "bad.toml:1: \(message)")
    #expect(refusal("[\(keys)]") == "bad.toml:1: \(message)")
    #expect(refusal("[[\(keys)]]") == "bad.toml:1: \(message)")
    let half = Array(repeating: "k", count: 60).joined(separator: ".")
    #expect(refusal("[\(half)]\n\(half) = 1") == "bad.toml:2: \(message)")
  }
}
