/// A cursor over a document's UTF-8 bytes that keeps count of lines.
///
/// TOML needs context to tell tokens apart (`1.5` is a float as a value but two keys as a
/// key), so the parser asks for the token it expects rather than reading a token stream.
struct Lexer {
  let source: String
  private let bytes: [UInt8]
  private(set) var offset = 0
  /// The 1-based line of the byte at `offset`.
  private(set) var line = 1

  init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
  }

  var isAtEnd: Bool { offset >= bytes.count }

  func peek(_ ahead: Int = 0) -> UInt8? {
    let position = offset + ahead
    return position < bytes.count ? bytes[position] : nil
  }

  func bytes(from start: Int) -> ArraySlice<UInt8> {
    bytes[start..<offset]
  }

  mutating func advance(_ count: Int = 1) {
    for _ in 0..<count where offset < bytes.count {
      if bytes[offset] == .lineFeed { line += 1 }
      offset += 1
    }
  }

  func error(_ message: String, line: Int? = nil) -> ConfigError {
    ConfigError(source: source, line: line ?? self.line, message: message)
  }

  // MARK: - Layout

  mutating func skipSpaces() {
    while let byte = peek(), byte == .space || byte == .tab { advance() }
  }

  /// Whether the next bytes end the line (`\n` or `\r\n`) or the document.
  var isAtEndOfLine: Bool {
    guard let byte = peek() else { return true }
    return byte == .lineFeed || (byte == .carriageReturn && peek(1) == .lineFeed)
  }

  /// Consumes `\n` or `\r\n` if next.
  mutating func skipNewline() -> Bool {
    if peek() == .lineFeed {
      advance()
      return true
    }
    if peek() == .carriageReturn && peek(1) == .lineFeed {
      advance(2)
      return true
    }
    return false
  }

  /// Consumes a `#` comment up to (not including) the end of its line, if next.
  mutating func skipComment() throws(ConfigError) {
    guard peek() == .hash else { return }
    while !isAtEndOfLine, let byte = peek() {
      try rejectControl(byte, in: "a comment")
      advance()
    }
  }

  /// Consumes spaces and a comment, then requires the end of the line or document.
  mutating func expectEndOfLine(after what: String) throws(ConfigError) {
    skipSpaces()
    try skipComment()
    if isAtEnd || skipNewline() { return }
    throw error("expected end of line after \(what), found \(describeNext())")
  }

  /// Consumes whitespace, newlines and comments, as allowed between array elements.
  mutating func skipBlankSpace() throws(ConfigError) {
    while true {
      skipSpaces()
      try skipComment()
      if !skipNewline() { return }
    }
  }

  /// Whether the text ahead reads like `key =` or `a.b =`, which inside an array means its
  /// `]` was forgotten on an earlier line.
  func looksLikeKeyValue() -> Bool {
    var ahead = 0
    var sawKey = false
    while let byte = peek(ahead) {
      if Self.isBareKeyByte(byte) {
        sawKey = true
      } else if byte != .dot && byte != .space && byte != .tab {
        return sawKey && byte == .equals
      }
      ahead += 1
    }
    return false
  }

  /// Refuses control characters other than tab, which TOML does not allow in strings and
  /// comments; a lone carriage return is named as such because it usually means a mangled
  /// line ending.
  func rejectControl(_ byte: UInt8, in context: String) throws(ConfigError) {
    if byte == .carriageReturn {
      throw error("carriage return without a line feed in \(context)")
    }
    if (byte < 0x20 && byte != .tab) || byte == 0x7F {
      throw error("control character \(Self.scalarName(byte)) is not allowed in \(context)")
    }
  }

  /// The next token's description for messages: `end of file`, `end of line`, or the
  /// character in backticks.
  func describeNext() -> String {
    guard let byte = peek() else { return "end of file" }
    if isAtEndOfLine { return "end of line" }
    if byte < 0x20 || byte == 0x7F { return Self.scalarName(byte) }
    return "`\(nextCharacter())`"
  }

  /// The Unicode scalar at `offset` as text, or an empty string at the end.
  func nextCharacter() -> String {
    guard !isAtEnd else { return "" }
    var length = 1
    while let next = peek(length), next & 0xC0 == 0x80 { length += 1 }
    return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
  }

  static func scalarName(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
  }

  // MARK: - Character classes

  static func isBareKeyByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
      true
    default: false
    }
  }

  // MARK: - Encoding

  /// Refuses bytes that are not UTF-8, naming the first line that holds some.
  ///
  /// Checking line by line is exact because a line feed byte never occurs inside a
  /// multi-byte UTF-8 sequence.
  static func validateUTF8(_ bytes: [UInt8], source: String) throws(ConfigError) {
    for (index, line) in bytes.split(separator: .lineFeed, omittingEmptySubsequences: false)
      .enumerated()
    where String(validating: line, as: UTF8.self) == nil {
      throw ConfigError(source: source, line: index + 1, message: "invalid UTF-8")
    }
  }
}

extension UInt8 {
  static let tab = UInt8(ascii: "\t")
  static let lineFeed = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let hash = UInt8(ascii: "#")
  static let quote = UInt8(ascii: "\"")
  static let apostrophe = UInt8(ascii: "'")
  static let backslash = UInt8(ascii: "\\")
  static let equals = UInt8(ascii: "=")
  static let dot = UInt8(ascii: ".")
  static let comma = UInt8(ascii: ",")
  static let openBracket = UInt8(ascii: "[")
  static let closeBracket = UInt8(ascii: "]")
  static let openBrace = UInt8(ascii: "{")
  static let closeBrace = UInt8(ascii: "}")
}
