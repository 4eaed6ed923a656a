extension Lexer {
  /// Reads a string at a `"` or `'`, including the multi-line `"""` and `'''` forms when
  /// `allowMultiline` (TOML does not allow them as keys).
  mutating func readString(allowMultiline: Bool) throws(ConfigError) -> String {
    let delimiter = peek()
    let multiline = peek(1) == delimiter && peek(2) == delimiter
    if multiline && !allowMultiline {
      throw error("a multi-line string cannot be a key")
    }
    switch (delimiter == .quote, multiline) {
    case (true, false): return try readBasicString()
    case (false, false): return try readLiteralString()
    case (true, true): return try readMultilineString(escapes: true)
    case (false, true): return try readMultilineString(escapes: false)
    }
  }

  private mutating func readBasicString() throws(ConfigError) -> String {
    let startLine = line
    advance()
    var text: [UInt8] = []
    while true {
      guard let byte = peek(), !isAtEndOfLine else {
        throw error("unterminated string", line: startLine)
      }
      switch byte {
      case .quote:
        advance()
        return String(decoding: text, as: UTF8.self)
      case .backslash:
        try readEscape(into: &text, unterminated: "unterminated string", startLine: startLine)
      default:
        try rejectControl(byte, in: "a string")
        text.append(byte)
        advance()
      }
    }
  }

  private mutating func readLiteralString() throws(ConfigError) -> String {
    let startLine = line
    advance()
    let start = offset
    while true {
      guard let byte = peek(), !isAtEndOfLine else {
        throw error("unterminated string", line: startLine)
      }
      if byte == .apostrophe {
        let text = String(decoding: bytes(from: start), as: UTF8.self)
        advance()
        return text
      }
      try rejectControl(byte, in: "a string")
      advance()
    }
  }

  /// Reads `"""…"""` (with `escapes`) or `'''…'''`. A newline right after the opening
  /// delimiter is dropped, CRLF becomes LF, and up to two quotes may sit just before the
  /// closing delimiter as content.
  private mutating func readMultilineString(escapes: Bool) throws(ConfigError) -> String {
    let startLine = line
    let delimiter = peek() ?? .quote
    let unterminated = "unterminated multi-line string"
    advance(3)
    _ = skipNewline()
    var text: [UInt8] = []
    while true {
      guard let byte = peek() else { throw error(unterminated, line: startLine) }
      if byte == delimiter && peek(1) == delimiter && peek(2) == delimiter {
        var run = 3
        while run < 5 && peek(run) == delimiter { run += 1 }
        text.append(contentsOf: repeatElement(delimiter, count: run - 3))
        advance(run)
        return String(decoding: text, as: UTF8.self)
      }
      if skipNewline() {
        text.append(.lineFeed)
      } else if escapes && byte == .backslash {
        if skipLineEndingBackslash() { continue }
        try readEscape(into: &text, unterminated: unterminated, startLine: startLine)
      } else {
        try rejectControl(byte, in: "a string")
        text.append(byte)
        advance()
      }
    }
  }

  /// A `\` that is last on its line (trailing spaces allowed) swallows the line break and
  /// all whitespace up to the next visible character.
  private mutating func skipLineEndingBackslash() -> Bool {
    var ahead = 1
    while peek(ahead) == .space || peek(ahead) == .tab { ahead += 1 }
    let lineFeedFollows =
      peek(ahead) == .lineFeed || (peek(ahead) == .carriageReturn && peek(ahead + 1) == .lineFeed)
    guard lineFeedFollows else { return false }
    advance(ahead)
    while true {
      skipSpaces()
      if !skipNewline() { return true }
    }
  }

  /// Reads the escape sequence at a `\` and appends its UTF-8 bytes.
  private mutating func readEscape(
    into text: inout [UInt8], unterminated: String, startLine: Int
  ) throws(ConfigError) {
    advance()
    guard let code = peek(), !isAtEndOfLine else {
      throw error(unterminated, line: startLine)
    }
    let simple: UInt8? =
      switch code {
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "t"): .tab
      case UInt8(ascii: "n"): .lineFeed
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "r"): .carriageReturn
      case .quote: .quote
      case .backslash: .backslash
      default: nil
      }
    if let simple {
      text.append(simple)
      advance()
      return
    }
    let digitCount: Int
    switch code {
    case UInt8(ascii: "u"): digitCount = 4
    case UInt8(ascii: "U"): digitCount = 8
    default: throw error("invalid escape sequence `\\\(nextCharacter())`")
    }
    let escape = "\\" + String(UnicodeScalar(code))
    advance()
    var value: UInt32 = 0
    for _ in 0..<digitCount {
      guard let byte = peek(), let digit = Self.hexDigitValue(byte) else {
        throw error("`\(escape)` must be followed by \(digitCount) hex digits")
      }
      value = value << 4 | UInt32(digit)
      advance()
    }
    guard let scalar = Unicode.Scalar(value) else {
      let hex = String(value, radix: 16, uppercase: true)
      let padded = String(repeating: "0", count: max(0, digitCount - hex.count)) + hex
      throw error("`\(escape)\(padded)` is not a Unicode scalar value")
    }
    text.append(contentsOf: String(scalar).utf8)
  }

  static func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
