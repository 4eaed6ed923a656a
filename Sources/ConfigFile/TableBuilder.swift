/// A table while the document is still being read. Later headers and dotted keys can add
/// to tables defined earlier, so tables are shared references until `freeze` turns the
/// finished tree into value types.
final class TableNode {
  /// How the table came to exist, which decides what may still add to it.
  enum Origin {
    /// Created as a parent by a header such as `[a.b]`; a later `[a]` may still define it.
    case implicit
    /// Defined by its own `[header]`.
    case header
    /// Created by a dotted key such as `a.b = 1`.
    case dotted
    /// Written as `{ … }`; nothing may add to it afterwards.
    case inline
    /// An element of an array of tables, opened by `[[header]]`.
    case arrayElement
  }

  var origin: Origin
  var line: Int
  private(set) var entries: [(key: String, slot: Slot)] = []
  private var positions: [String: Int] = [:]

  init(origin: Origin, line: Int) {
    self.origin = origin
    self.line = line
  }

  subscript(key: String) -> Slot? {
    guard let position = positions[key] else { return nil }
    return entries[position].slot
  }

  func insert(_ slot: Slot, for key: String) {
    positions[key] = entries.count
    entries.append((key, slot))
  }

  func freeze(source: String, path: ConfigPath) -> ConfigTable {
    let frozen = entries.map { entry in
      (
        key: entry.key,
        value: entry.slot.freeze(source: source, path: path.appending(.key(entry.key)))
      )
    }
    return ConfigTable(source: source, path: path, line: line, entries: frozen)
  }
}

/// An array of tables built from `[[header]]`s, which each append an element.
final class TableArrayNode {
  let line: Int
  private(set) var elements: [TableNode]

  /// Starts the array with the element its first header opens, so it is never empty.
  init(first: TableNode) {
    line = first.line
    elements = [first]
  }

  /// The element that later `[name.sub]` headers and `[[name.sub]]` arrays attach to.
  var last: TableNode { elements[elements.count - 1] }

  func append(_ element: TableNode) {
    elements.append(element)
  }
}

/// What a key holds while the document is being read.
enum Slot {
  /// A value written after `=`; complete once written.
  case value(ParsedValue)
  case table(TableNode)
  case tableArray(TableArrayNode)

  var line: Int {
    switch self {
    case .value(let value): value.line
    case .table(let table): table.line
    case .tableArray(let array): array.line
    }
  }

  /// What the key already is, for conflict messages.
  var typeDescription: String {
    switch self {
    case .value(.scalar(let value)): value.typeDescription
    case .value(.array): "an array"
    case .value(.inlineTable): "an inline table"
    case .table: "a table"
    case .tableArray: "an array of tables"
    }
  }

  func freeze(source: String, path: ConfigPath) -> ConfigValue {
    switch self {
    case .value(let value):
      return value.freeze(source: source, path: path)
    case .table(let table):
      return ConfigValue(.table(table.freeze(source: source, path: path)), line: table.line)
    case .tableArray(let array):
      let elements = array.elements.enumerated().map { position, element in
        let table = element.freeze(source: source, path: path.appending(.index(position)))
        return ConfigValue(.table(table), line: element.line)
      }
      return ConfigValue(.array(elements), line: array.line)
    }
  }
}

/// A value after `=`, kept unfrozen until its path in the document is known.
indirect enum ParsedValue {
  case scalar(ConfigValue)
  case array([ParsedValue], line: Int)
  case inlineTable(TableNode)

  var line: Int {
    switch self {
    case .scalar(let value): value.line
    case .array(_, let line): line
    case .inlineTable(let table): table.line
    }
  }

  func freeze(source: String, path: ConfigPath) -> ConfigValue {
    switch self {
    case .scalar(let value):
      return value
    case .array(let elements, let line):
      let frozen = elements.enumerated().map { position, element in
        element.freeze(source: source, path: path.appending(.index(position)))
      }
      return ConfigValue(.array(frozen), line: line)
    case .inlineTable(let table):
      return ConfigValue(.table(table.freeze(source: source, path: path)), line: table.line)
    }
  }
}

/// The document's tables under construction and TOML's rules for defining each table once.
struct TableBuilder {
  let source: String
  let root = TableNode(origin: .header, line: 1)
  /// The table that key/value lines go into: the last `[header]` or `[[header]]`.
  private(set) var current: TableNode

  init(source: String) {
    self.source = source
    current = root
  }

  /// Handles `[a.b.c]`.
  mutating func openTable(_ keys: [String], line: Int) throws(ConfigError) {
    let (parent, key) = try parentForHeader(keys, line: line)
    switch parent[key] {
    case nil:
      let table = TableNode(origin: .header, line: line)
      parent.insert(.table(table), for: key)
      current = table
    case .table(let table) where table.origin == .implicit:
      table.origin = .header
      table.line = line
      current = table
    case .table(let table) where table.origin == .dotted:
      throw error(
        "table [\(Self.display(keys))] is already defined by dotted keys at line \(table.line)",
        line: line)
    case .table(let table):
      throw error(
        "table [\(Self.display(keys))] is already defined at line \(table.line)", line: line)
    case let existing?:
      throw conflict(keys, existing, wanted: "a table", line: line)
    }
  }

  /// Handles `[[a.b.c]]`, appending an element.
  mutating func openArrayElement(_ keys: [String], line: Int) throws(ConfigError) {
    let (parent, key) = try parentForHeader(keys, line: line)
    let element = TableNode(origin: .arrayElement, line: line)
    switch parent[key] {
    case nil:
      parent.insert(.tableArray(TableArrayNode(first: element)), for: key)
    case .tableArray(let array):
      array.append(element)
    case let existing?:
      throw conflict(keys, existing, wanted: "an array of tables", line: line)
    }
    current = element
  }

  /// Walks a header's keys from the root, creating missing parents; a parent that is an
  /// array of tables means its last element, as TOML specifies.
  private func parentForHeader(
    _ keys: [String], line: Int
  ) throws(ConfigError) -> (TableNode, String) {
    var node = root
    for (depth, key) in keys.dropLast().enumerated() {
      switch node[key] {
      case nil:
        let table = TableNode(origin: .implicit, line: line)
        node.insert(.table(table), for: key)
        node = table
      case .table(let table):
        node = table
      case .tableArray(let array):
        node = array.last
      case let existing?:
        throw conflict(Array(keys[...depth]), existing, wanted: "a table", line: line)
      }
    }
    return (node, keys.last ?? "")
  }

  /// Finds where `a.b.c = …` stores its value inside `table`, creating the tables that dotted
  /// keys imply, and refuses keys that already exist.
  func targetForAssignment(
    _ keys: [String], in table: TableNode, line: Int
  ) throws(ConfigError) -> (TableNode, String) {
    var node = table
    for (depth, key) in keys.dropLast().enumerated() {
      switch node[key] {
      case nil:
        let created = TableNode(origin: .dotted, line: line)
        node.insert(.table(created), for: key)
        node = created
      case .table(let existing) where existing.origin == .dotted:
        node = existing
      case .table(let existing):
        throw error(
          "key \"\(Self.display(keys[...depth]))\" is a table opened at line \(existing.line), "
            + "which cannot be extended with dotted keys",
          line: line)
      case let existing?:
        throw conflict(Array(keys[...depth]), existing, wanted: "a table", line: line)
      }
    }
    let key = keys.last ?? ""
    if let existing = node[key] {
      throw error(
        "duplicate key \"\(Self.display(keys))\" (first defined at line \(existing.line))",
        line: line)
    }
    return (node, key)
  }

  func freeze() -> ConfigTable {
    root.freeze(source: source, path: .root)
  }

  private func conflict(
    _ keys: [String], _ existing: Slot, wanted: String, line: Int
  ) -> ConfigError {
    if case .value(.inlineTable) = existing, wanted == "a table" {
      return error(
        "key \"\(Self.display(keys))\" is an inline table (line \(existing.line)), "
          + "which cannot be extended",
        line: line)
    }
    return error(
      "key \"\(Self.display(keys))\" is already \(existing.typeDescription) "
        + "(line \(existing.line)) and cannot also be \(wanted)",
      line: line)
  }

  private func error(_ message: String, line: Int) -> ConfigError {
    ConfigError(source: source, line: line, message: message)
  }

  /// Keys joined with dots, each written the way TOML would need it.
  static func display(_ keys: some Sequence<String>) -> String {
    keys.map(ConfigPath.quotedIfNeeded).joined(separator: ".")
  }
}
