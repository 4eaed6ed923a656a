import ConfigFile

/// A role of the policy: a name and the permissions it grants.
public struct PolicyRole: Sendable, Hashable {
  public let name: String
  /// The permissions in the order written.
  public let permissions: [Permission]
  /// The role's optional `description`.
  public let summary: String?
  /// The line of the role's `[roles.NAME]` header (or of the key that defined it).
  public let line: Int

  public init(name: String, permissions: [Permission], summary: String? = nil, line: Int = 0) {
    self.name = name
    self.permissions = permissions
    self.summary = summary
    self.line = line
  }

  /// Whether the role grants `permission`.
  public func grants(_ permission: Permission) -> Bool { permissions.contains(permission) }
}

/// A parsed policy file: roles that grant permissions and rules that deny requests.
///
/// ```toml
/// [roles.data-scientist]
/// permissions = ["job.read", "job.submit"]
///
/// [[rule]]
/// id = "submit.monitor-required"
/// on = ["job.submit"]
/// effect = "deny"
/// description = "the capacity environment's hard constraints need the monitor"
/// [rule.when]
/// environment = { in = ["capacity"] }
/// monitor = { eq = "off" }
/// ```
///
/// Every refusal reads `file:line: message`. The document's version is the SHA-256 of its bytes.
public struct PolicyDocument: Sendable {
  /// The document's name in messages, usually its path.
  public let source: String
  /// Lower-case hex SHA-256 of the file's bytes.
  public let sha256: String
  /// The roles in the order they are defined.
  public let roles: [PolicyRole]
  /// The rules in the order they are written.
  public let rules: [PolicyRule]

  /// Parses policy text; `source` names the document in errors.
  public static func parse(_ text: String, source: String) throws(ConfigError) -> PolicyDocument {
    try parse(Array(text.utf8), source: source)
  }

  /// Parses the UTF-8 bytes of a policy file; `source` names the document in errors.
  public static func parse(_ bytes: [UInt8], source: String) throws(ConfigError) -> PolicyDocument {
    let root = try ConfigDocument(parsing: bytes, source: source).root
    try root.rejectUnknownKeys(allowed: ["roles", "rule"])
    let roles = try parseRoles(root.table("roles"))
    var rules: [PolicyRule] = []
    var ruleLines: [String: Int] = [:]
    for table in try root.optionalTables("rule") ?? [] {
      let rule = try parseRule(table)
      if let first = ruleLines[rule.id] {
        throw table.error(
          "duplicate rule id \"\(rule.id)\" (first defined at line \(first))",
          at: try table.value("id"))
      }
      ruleLines[rule.id] = rule.line
      rules.append(rule)
    }
    return PolicyDocument(
      source: source, sha256: GovernanceFile.sha256(bytes), roles: roles, rules: rules)
  }

  /// Reads and parses the policy file at `path`.
  public static func load(contentsOfFile path: String) throws(ConfigError) -> PolicyDocument {
    try parse(GovernanceFile.read(path), source: path)
  }

  /// The role called `name`, if the policy defines it.
  public func role(named name: String) -> PolicyRole? {
    roles.first { $0.name == name }
  }

  /// The names of the roles in the order they are defined.
  public var roleNames: [String] { roles.map(\.name) }

  /// Whether `name` can name a role or a rule: letters, digits, `._-`, 1–64 characters.
  public static func isValidName(_ name: String) -> Bool {
    GovernanceFile.isValidName(name, extra: "._-")
  }

  /// Whether `name` can name an attribute: letters, digits, `._-`, 1–64 characters, such as
  /// `evaluation.mean_return`.
  public static func isValidAttributeName(_ name: String) -> Bool {
    GovernanceFile.isValidName(name, extra: "._-")
  }

  // MARK: - Roles

  private static func parseRoles(_ table: ConfigTable) throws(ConfigError) -> [PolicyRole] {
    var roles: [PolicyRole] = []
    for (name, value) in table.keyValuePairs {
      guard let role = value.tableValue else {
        throw table.error(
          "role \"\(name)\" must be a table ([roles.\(GovernanceFile.tomlKey(name))] with a "
            + "permissions list), found \(value.typeDescription)",
          at: value)
      }
      guard isValidName(name) else {
        throw table.error(
          "role name \"\(name)\" must be 1-64 letters, digits, '.', '_' or '-'", at: value)
      }
      try role.rejectUnknownKeys(allowed: ["permissions", "description"])
      guard let list = role["permissions"] else {
        throw role.error("role \"\(name)\" has no \"permissions\" list", line: role.line)
      }
      let permissions = try permissionList(list, in: role, of: "role \"\(name)\"")
      roles.append(
        PolicyRole(
          name: name, permissions: permissions, summary: try role.optionalString("description"),
          line: role.line))
    }
    return roles
  }

  /// A list of permission names; unknown and repeated names are refused at their own line.
  static func permissionList(
    _ value: ConfigValue, in table: ConfigTable, of owner: String
  ) throws(ConfigError) -> [Permission] {
    guard let elements = value.arrayValue else {
      throw table.error(
        "the permissions of \(owner) must be a list of permission names, "
          + "found \(value.typeDescription)",
        at: value)
    }
    var permissions: [Permission] = []
    for element in elements {
      guard let name = element.stringValue else {
        throw table.error(
          "the permissions of \(owner) must be strings, found \(element.typeDescription)",
          at: element)
      }
      guard let permission = Permission(rawValue: name) else {
        throw table.error(
          "unknown permission \"\(name)\" in \(owner) (known: "
            + "\(GovernanceFile.list(Permission.allCases.map(\.rawValue).sorted())))",
          at: element)
      }
      if permissions.contains(permission) {
        throw table.error("permission \"\(name)\" is listed twice in \(owner)", at: element)
      }
      permissions.append(permission)
    }
    return permissions
  }

  // MARK: - Rules

  private static func parseRule(_ table: ConfigTable) throws(ConfigError) -> PolicyRule {
    try table.rejectUnknownKeys(allowed: ["id", "on", "effect", "description", "when"])
    let idValue = try table.value("id")
    let id = try table.string("id")
    guard isValidName(id) else {
      throw table.error(
        "rule id \"\(id)\" must be 1-64 letters, digits, '.', '_' or '-'", at: idValue)
    }
    let on = try table.value("on")
    let actions = try permissionList(on, in: table, of: "\"on\" of rule \"\(id)\"")
    guard !actions.isEmpty else {
      throw table.error("\"on\" of rule \"\(id)\" must name at least one permission", at: on)
    }
    let effect = try table.value("effect")
    guard effect.stringValue == "deny" else {
      throw table.error(
        "\"effect\" of rule \"\(id)\" must be \"deny\" (rules only deny; roles grant), "
          + "found \(effect.stringValue.map { "\"\($0)\"" } ?? effect.typeDescription)",
        at: effect)
    }
    let descriptionValue = try table.value("description")
    let description = try table.string("description")
    guard !description.allSatisfy(\.isWhitespace) else {
      throw table.error(
        "\"description\" of rule \"\(id)\" must say why (it is shown when the rule denies)",
        at: descriptionValue)
    }
    var conditions: [PolicyCondition] = []
    if let when = try table.optionalTable("when") {
      conditions = try parseConditions(when, prefix: "", rule: id)
    }
    guard
      let rule = PolicyRule(
        id: id, actions: actions, description: description, conditions: conditions,
        line: table.line)
    else {
      throw table.error(
        "\"description\" of rule \"\(id)\" has a malformed placeholder "
          + "(write {attribute.name}, with balanced braces)",
        at: descriptionValue)
    }
    return rule
  }

  /// Reads `"attribute" = { operator = operand, ... }` pairs. An unquoted dotted name
  /// (`evaluation.mean_return = { lt = 475 }`) arrives as nested tables and is joined back:
  /// a table that names no operator and holds only tables is a step of a name.
  private static func parseConditions(
    _ table: ConfigTable, prefix: String, rule: String
  ) throws(ConfigError) -> [PolicyCondition] {
    var conditions: [PolicyCondition] = []
    for (key, value) in table.keyValuePairs {
      let attribute = prefix.isEmpty ? key : "\(prefix).\(key)"
      guard isValidAttributeName(attribute) else {
        throw table.error(
          "attribute name \"\(attribute)\" in rule \"\(rule)\" must be 1-64 letters, digits, "
            + "'.', '_' or '-'",
          at: value)
      }
      guard let operators = value.tableValue, !operators.isEmpty else {
        throw table.error(
          "the condition on \"\(attribute)\" in rule \"\(rule)\" must be a table of operators "
            + "such as { eq = \"off\" }, found "
            + (value.tableValue == nil ? value.typeDescription : "an empty table"),
          at: value)
      }
      let pairs = operators.keyValuePairs
      let namesOperator = pairs.contains { PolicyOperator(rawValue: $0.key) != nil }
      if !namesOperator && pairs.allSatisfy({ $0.value.tableValue != nil }) {
        conditions += try parseConditions(operators, prefix: attribute, rule: rule)
        continue
      }
      for (name, operand) in operators.keyValuePairs {
        conditions.append(
          try condition(attribute, name, operand, in: operators, rule: rule))
      }
    }
    return conditions
  }

  private static func condition(
    _ attribute: String, _ name: String, _ operand: ConfigValue, in table: ConfigTable,
    rule: String
  ) throws(ConfigError) -> PolicyCondition {
    let place = "condition on \"\(attribute)\" in rule \"\(rule)\""
    guard let op = PolicyOperator(rawValue: name) else {
      let known = PolicyOperator.allCases.map(\.rawValue).joined(separator: ", ")
      throw table.error("unknown operator \"\(name)\" (\(place); known: \(known))", at: operand)
    }
    guard let value = policyValue(operand),
      let condition = PolicyCondition(
        attribute: attribute, operator: op, operand: value, line: operand.line)
    else {
      let found: String
      switch policyValue(operand) {
      case .list(let values)? where values.isEmpty: found = "an empty list"
      case let value?: found = value.typeDescription
      case nil where operand.arrayValue != nil: found = "a list that is not all strings"
      case nil: found = operand.typeDescription
      }
      throw table.error(
        "operator \"\(name)\" needs \(op.operandRequirement), found \(found) (\(place))",
        at: operand)
    }
    return condition
  }

  private static func policyValue(_ value: ConfigValue) -> PolicyValue? {
    switch value.kind {
    case .string(let text): return .string(text)
    case .integer(let number): return .number(Double(number))
    case .float(let number): return .number(number)
    case .boolean(let flag): return .bool(flag)
    case .array(let elements):
      var strings: [String] = []
      for element in elements {
        guard let text = element.stringValue else { return nil }
        strings.append(text)
      }
      return .list(strings)
    case .table: return nil
    }
  }
}
