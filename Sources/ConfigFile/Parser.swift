/// Reads a document's lines: blank lines, comments, `[table]` and `[[array]]` headers and
/// `key = value` pairs.
struct Parser {
  /// Deeper documents are refused rather than risking the stack: parsing and freezing
  /// recurse once per level.
  static let maximumDepth = 100

  var lexer: Lexer
  var builder: TableBuilder
  /// How many keys deep the current `[table]` is.
  private var tableDepth = 0

  private init(bytes: [UInt8], source: String) {
    lexer = Lexer(bytes: bytes, source: source)
    builder = TableBuilder(source: source)
  }

  /// Parses UTF-8 `bytes` into the document's root table.
  static func parse(_ bytes: [UInt8], source: String) throws(ConfigError) -> ConfigTable {
    try Lexer.validateUTF8(bytes, source: source)
    var parser = Parser(bytes: bytes, source: source)
    return try parser.parseDocument()
  }

  private mutating func parseDocument() throws(ConfigError) -> ConfigTable {
    while true {
      try lexer.skipBlankSpace()
      guard let byte = lexer.peek() else { break }
      if byte == .openBracket {
        try parseHeader()
      } else {
        let keys = try parseKeyValue(into: builder.current, depth: tableDepth)
        try lexer.expectEndOfLine(after: "the value of \"\(TableBuilder.display(keys))\"")
      }
    }
    return builder.freeze()
  }

  private mutating func parseHeader() throws(ConfigError) {
    let line = lexer.line
    lexer.advance()
    let isArray = lexer.peek() == .openBracket
    if isArray { lexer.advance() }
    lexer.skipSpaces()
    let keys = try parseKey()
    try checkDepth(keys.count)
    tableDepth = keys.count
    let name = TableBuilder.display(keys)
    if isArray {
      guard lexer.peek() == .closeBracket && lexer.peek(1) == .closeBracket else {
        throw lexer.error("expected `]]` after [[\(name)], found \(lexer.describeNext())")
      }
      lexer.advance(2)
      try lexer.expectEndOfLine(after: "[[\(name)]]")
      try builder.openArrayElement(keys, line: line)
    } else {
      guard lexer.peek() == .closeBracket else {
        throw lexer.error("expected `]` after [\(name), found \(lexer.describeNext())")
      }
      lexer.advance()
      try lexer.expectEndOfLine(after: "[\(name)]")
      try builder.openTable(keys, line: line)
    }
  }

  /// Parses `key = value` into `table`, which is `depth` levels deep, and returns the key;
  /// the caller checks what follows.
  mutating func parseKeyValue(
    into table: TableNode, depth: Int
  ) throws(ConfigError) -> [String] {
    let line = lexer.line
    let keys = try parseKey()
    try checkDepth(depth + keys.count)
    let name = TableBuilder.display(keys)
    guard lexer.peek() == .equals else {
      throw lexer.error("expected `=` after key \"\(name)\", found \(lexer.describeNext())")
    }
    lexer.advance()
    lexer.skipSpaces()
    let (target, key) = try builder.targetForAssignment(keys, in: table, line: line)
    let value = try parseValue(context: "for key \"\(name)\"", depth: depth + keys.count)
    target.insert(.value(value), for: key)
    return keys
  }

  func checkDepth(_ depth: Int) throws(ConfigError) {
    if depth > Self.maximumDepth {
      throw lexer.error("nesting is too deep (more than \(Self.maximumDepth) levels)")
    }
  }

  /// Parses a possibly dotted key, and the spaces after it.
  private mutating func parseKey() throws(ConfigError) -> [String] {
    var keys = [try parseSimpleKey()]
    while true {
      lexer.skipSpaces()
      guard lexer.peek() == .dot else { return keys }
      lexer.advance()
      lexer.skipSpaces()
      keys.append(try parseSimpleKey())
    }
  }

  private mutating func parseSimpleKey() throws(ConfigError) -> String {
    switch lexer.peek() {
    case .quote, .apostrophe:
      return try lexer.readString(allowMultiline: false)
    case let byte? where Lexer.isBareKeyByte(byte):
      let start = lexer.offset
      while let next = lexer.peek(), Lexer.isBareKeyByte(next) { lexer.advance() }
      return String(decoding: lexer.bytes(from: start), as: UTF8.self)
    default:
      throw lexer.error("expected a key, found \(lexer.describeNext())")
    }
  }
}
