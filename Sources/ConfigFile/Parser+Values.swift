extension Parser {
  /// Parses the value at the cursor, `depth` levels deep. `context` completes
  /// "expected a value …" messages.
  mutating func parseValue(context: String, depth: Int) throws(ConfigError) -> ParsedValue {
    let line = lexer.line
    switch lexer.peek() {
    case .quote, .apostrophe:
      let text = try lexer.readString(allowMultiline: true)
      return .scalar(ConfigValue(.string(text), line: line))
    case .openBracket:
      return try parseArray(depth: depth)
    case .openBrace:
      return try parseInlineTable(depth: depth)
    default:
      let start = lexer.offset
      while let byte = lexer.peek(), Self.isBareValueByte(byte) { lexer.advance() }
      let token = String(decoding: lexer.bytes(from: start), as: UTF8.self)
      if token.isEmpty {
        throw lexer.error("expected a value \(context), found \(lexer.describeNext())")
      }
      switch ScalarLiteral.parse(token) {
      case .success(let kind): return .scalar(ConfigValue(kind, line: line))
      case .failure(let failure): throw lexer.error(failure.message, line: line)
      }
    }
  }

  /// Arrays may span lines and hold comments and a trailing comma.
  private mutating func parseArray(depth: Int) throws(ConfigError) -> ParsedValue {
    let startLine = lexer.line
    lexer.advance()
    var elements: [ParsedValue] = []
    while true {
      try lexer.skipBlankSpace()
      guard let byte = lexer.peek() else {
        throw lexer.error("unterminated array", line: startLine)
      }
      if byte == .closeBracket {
        lexer.advance()
        return .array(elements, line: startLine)
      }
      try rejectForgottenBracket(arrayLine: startLine)
      try checkDepth(depth + 1)
      elements.append(try parseValue(context: "in array", depth: depth + 1))
      try lexer.skipBlankSpace()
      switch lexer.peek() {
      case nil:
        throw lexer.error("unterminated array", line: startLine)
      case .comma:
        lexer.advance()
      case .closeBracket:
        lexer.advance()
        return .array(elements, line: startLine)
      default:
        try rejectForgottenBracket(arrayLine: startLine)
        let opened = lexer.line == startLine ? "" : " (array opened at line \(startLine))"
        throw lexer.error(
          "expected `,` or `]` after array element, found \(lexer.describeNext())\(opened)")
      }
    }
  }

  /// A `key =` line inside an array almost always means the array's `]` is missing, so the
  /// error points at the line that opened the array.
  private func rejectForgottenBracket(arrayLine: Int) throws(ConfigError) {
    if lexer.line != arrayLine && lexer.looksLikeKeyValue() {
      throw lexer.error(
        "unterminated array (expected `]` before line \(lexer.line))", line: arrayLine)
    }
  }

  /// Inline tables are TOML 1.0's: on one line, no trailing comma, closed to later additions.
  private mutating func parseInlineTable(depth: Int) throws(ConfigError) -> ParsedValue {
    let startLine = lexer.line
    let unterminated = "unterminated inline table (an inline table must close on its line)"
    lexer.advance()
    let table = TableNode(origin: .inline, line: startLine)
    lexer.skipSpaces()
    if lexer.peek() == .closeBrace {
      lexer.advance()
      return .inlineTable(table)
    }
    while true {
      lexer.skipSpaces()
      if lexer.isAtEndOfLine { throw lexer.error(unterminated, line: startLine) }
      _ = try parseKeyValue(into: table, depth: depth)
      lexer.skipSpaces()
      switch lexer.peek() {
      case .comma:
        lexer.advance()
        lexer.skipSpaces()
        if lexer.peek() == .closeBrace {
          throw lexer.error("trailing comma is not allowed in an inline table")
        }
      case .closeBrace:
        lexer.advance()
        return .inlineTable(table)
      case _ where lexer.isAtEndOfLine:
        throw lexer.error(unterminated, line: startLine)
      default:
        throw lexer.error(
          "expected `,` or `}` in inline table, found \(lexer.describeNext())")
      }
    }
  }

  /// Bytes that can make up a number, boolean, or a date the parser then refuses.
  private static func isBareValueByte(_ byte: UInt8) -> Bool {
    Lexer.isBareKeyByte(byte) || byte == .dot || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: ":")
  }
}
