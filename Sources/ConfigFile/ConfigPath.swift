/// Where a table sits in a document, used to name it in messages.
///
/// Its description reads the way the table is written in TOML: `[server.limits]`,
/// `[[job]] #2` for the second element of an array of tables, `[job.hp] of [[job]] #2`
/// for a table inside that element, and `the top level` for the root table.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
  /// One step down from the root.
  public enum Component: Sendable, Hashable {
    /// The value stored under a key.
    case key(String)
    /// The element at a 0-based position of an array.
    case index(Int)
  }

  /// The steps from the root, outermost first.
  public var components: [Component]

  /// The path through `components`, outermost first.
  public init(_ components: [Component]) {
    self.components = components
  }

  /// The path of a document's root table.
  public static let root = ConfigPath([])

  /// Whether this is the path of the root table.
  public var isRoot: Bool { components.isEmpty }

  /// This path extended by one step.
  public func appending(_ component: Component) -> ConfigPath {
    ConfigPath(components + [component])
  }

  /// The table as written in TOML, for messages; see the type's documentation.
  public var description: String {
    Self.render(components[...])
  }

  /// `at the top level` or `in [table]`, for the end of a sentence.
  var location: String {
    isRoot ? "at the top level" : "in \(self)"
  }

  private static func render(_ components: ArraySlice<Component>) -> String {
    guard let last = components.last else { return "the top level" }
    let lastIndex = components.lastIndex { if case .index = $0 { true } else { false } }
    guard let lastIndex else { return "[\(dottedKeys(components))]" }
    if case .index(let position) = last {
      let own = "[[\(dottedKeys(components))]] #\(position + 1)"
      let outer = components[..<lastIndex].lastIndex { if case .index = $0 { true } else { false } }
      guard let outer else { return own }
      return "\(own) of \(render(components[...outer]))"
    }
    return "[\(dottedKeys(components))] of \(render(components[...lastIndex]))"
  }

  private static func dottedKeys(_ components: ArraySlice<Component>) -> String {
    components.compactMap { component -> String? in
      guard case .key(let key) = component else { return nil }
      return quotedIfNeeded(key)
    }.joined(separator: ".")
  }

  /// A key as it would have to be written in TOML: bare when it can be, quoted otherwise.
  static func quotedIfNeeded(_ key: String) -> String {
    let bare = !key.isEmpty && key.utf8.allSatisfy(Lexer.isBareKeyByte)
    if bare { return key }
    var escaped = ""
    for character in key {
      if character == "\"" || character == "\\" { escaped.append("\\") }
      escaped.append(character)
    }
    return "\"\(escaped)\""
  }
}
