/// A deny rule: when every condition holds for a request for one of its actions, the request is
/// denied, whatever the roles grant (forbid overrides permit). Rules never grant.
public struct PolicyRule: Sendable, Hashable {
  /// The rule's unique id, quoted in decisions and the audit log.
  public let id: String
  /// The permissions (actions) the rule applies to, in the order written.
  public let actions: [Permission]
  /// Why the rule exists, shown in denial messages; `{attribute}` stands for the request's
  /// value of that attribute.
  public let description: String
  /// All must hold for the rule to match; none means the rule always matches its actions.
  public let conditions: [PolicyCondition]
  /// The line of the rule's `[[rule]]` header.
  public let line: Int

  private let template: [Segment]

  /// A piece of the description: text, or an attribute to substitute.
  enum Segment: Sendable, Hashable {
    case text(String)
    case attribute(String)
  }

  /// A rule; nil when the description's `{attribute}` placeholders are malformed.
  public init?(
    id: String, actions: [Permission], description: String, conditions: [PolicyCondition],
    line: Int = 0
  ) {
    guard let template = Self.template(description) else { return nil }
    self.id = id
    self.actions = actions
    self.description = description
    self.conditions = conditions
    self.line = line
    self.template = template
  }

  /// Whether every condition holds, reading attributes through `value`.
  public func matches(_ value: (String) -> PolicyValue?) -> Bool {
    for condition in conditions where !condition.holds(for: value(condition.attribute)) {
      return false
    }
    return true
  }

  /// The description with each `{attribute}` replaced by the request's value
  /// (`unknown` when the request lacks it).
  public func explanation(_ value: (String) -> PolicyValue?) -> String {
    var text = ""
    for segment in template {
      switch segment {
      case .text(let literal): text += literal
      case .attribute(let name): text += value(name)?.description ?? "unknown"
      }
    }
    return text
  }

  /// Splits a description at its `{attribute}` placeholders; nil when a brace is unbalanced or
  /// a placeholder is not an attribute name.
  static func template(_ description: String) -> [Segment]? {
    var segments: [Segment] = []
    var rest = Substring(description)
    while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      guard rest[open] == "{" else { return nil }
      let literal = rest[..<open]
      if !literal.isEmpty { segments.append(.text(String(literal))) }
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(of: "}") else { return nil }
      let name = String(rest[afterOpen..<close])
      guard PolicyDocument.isValidAttributeName(name) else { return nil }
      segments.append(.attribute(name))
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { segments.append(.text(String(rest))) }
    return segments
  }
}
