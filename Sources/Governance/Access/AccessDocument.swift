import ConfigFile

/// Whether a principal is a person or a program.
public enum PrincipalKind: String, CaseIterable, Codable, Sendable, Hashable {
  case human
  case service
  /// An adversary for insider drills: its attempts are real requests (authorised, refused and
  /// audited like anyone's); only a drill.run holder can make it act.
  case drill
}

/// A principal of the access file and the roles it holds.
public struct AccessPrincipal: Sendable, Hashable {
  public let name: String
  /// Role names in the order written.
  public let roles: [String]
  /// The line of each role name, parallel to `roles`.
  public let roleLines: [Int]
  public let kind: PrincipalKind
  public let summary: String?
  /// The line of the principal's `[principals.NAME]` header.
  public let line: Int

  public init(
    name: String, roles: [String], roleLines: [Int] = [], kind: PrincipalKind = .human,
    summary: String? = nil, line: Int = 0
  ) {
    self.name = name
    self.roles = roles
    self.roleLines = roleLines
    self.kind = kind
    self.summary = summary
    self.line = line
  }
}

/// A parsed access file: which principals hold which roles.
///
/// ```toml
/// [principals.dana]
/// roles = ["data-scientist"]
/// kind = "human"                 # or "service"; human when left out
/// description = "Dana Ito, forecasting team"
/// ```
///
/// Principal names are letters, digits and `._-@`, 1–64 characters (quote names holding `.` or
/// `@`: `[principals."dana.ito@corp"]`); `system` is reserved for the platform.
public struct AccessDocument: Sendable {
  /// The document's name in messages, usually its path.
  public let source: String
  /// Lower-case hex SHA-256 of the file's bytes.
  public let sha256: String
  /// The principals in the order written.
  public let principals: [AccessPrincipal]

  /// An access file that names nobody.
  public static let empty = AccessDocument(
    source: "(no access file)", sha256: GovernanceFile.sha256([]), principals: [])

  /// Parses access-file text; `source` names the document in errors.
  public static func parse(_ text: String, source: String) throws(ConfigError) -> AccessDocument {
    try parse(Array(text.utf8), source: source)
  }

  /// Parses the UTF-8 bytes of an access file.
  public static func parse(_ bytes: [UInt8], source: String) throws(ConfigError) -> AccessDocument {
    let root = try ConfigDocument(parsing: bytes, source: source).root
    try root.rejectUnknownKeys(allowed: ["principals"])
    var principals: [AccessPrincipal] = []
    if let table = try root.optionalTable("principals") {
      for (name, value) in table.keyValuePairs {
        principals.append(try parsePrincipal(name, value, in: table))
      }
    }
    return AccessDocument(
      source: source, sha256: GovernanceFile.sha256(bytes), principals: principals)
  }

  /// Reads and parses the access file at `path`.
  public static func load(contentsOfFile path: String) throws(ConfigError) -> AccessDocument {
    try parse(GovernanceFile.read(path), source: path)
  }

  /// The principal called `name`, if the file lists it.
  public func principal(named name: String) -> AccessPrincipal? {
    principals.first { $0.name == name }
  }

  /// Whether `name` is acceptable as a principal name: letters, digits, `._-@`, 1–64
  /// characters. (`system` is a valid name, but reserved.)
  public static func isValidPrincipalName(_ name: String) -> Bool {
    GovernanceFile.isValidName(name, extra: "._-@")
  }

  /// Refuses a role the policy does not define, at the line of that role's name.
  public func validate(against policy: PolicyDocument) throws(ConfigError) {
    let known = Set(policy.roleNames)
    for principal in principals {
      for (position, role) in principal.roles.enumerated() where !known.contains(role) {
        let line = position < principal.roleLines.count ? principal.roleLines[position] : 0
        throw ConfigError(
          source: source, line: line,
          message: "unknown role \"\(role)\" for principal \"\(principal.name)\" "
            + "(known: \(GovernanceFile.list(known.sorted())))")
      }
    }
  }

  private static func parsePrincipal(
    _ name: String, _ value: ConfigValue, in table: ConfigTable
  ) throws(ConfigError) -> AccessPrincipal {
    guard name != Authorizer.systemPrincipal else {
      throw table.error(
        "principal name \"system\" is reserved for the platform, which holds every permission",
        at: value)
    }
    guard isValidPrincipalName(name) else {
      throw table.error(
        "principal name \"\(name)\" must be 1-64 letters, digits, '.', '_', '-' or '@'",
        at: value)
    }
    guard let entry = value.tableValue else {
      throw table.error(
        "principal \"\(name)\" must be a table ([principals.\(GovernanceFile.tomlKey(name))] "
          + "with a roles list), found \(value.typeDescription)",
        at: value)
    }
    guard let roleList = entry["roles"] else {
      if let nested = entry.keyValuePairs.first(where: { $0.value.tableValue != nil }) {
        throw table.error(
          "principal \"\(name)\" has no roles list; a name holding '.' must be quoted: "
            + "[principals.\"\(name).\(nested.key)\"]",
          at: value)
      }
      throw entry.error("principal \"\(name)\" has no \"roles\" list", line: entry.line)
    }
    try entry.rejectUnknownKeys(allowed: ["roles", "kind", "description"])
    guard let elements = roleList.arrayValue else {
      throw entry.error(
        "the roles of principal \"\(name)\" must be a list of role names, "
          + "found \(roleList.typeDescription)",
        at: roleList)
    }
    var roles: [String] = []
    var lines: [Int] = []
    for element in elements {
      guard let role = element.stringValue else {
        throw entry.error(
          "the roles of principal \"\(name)\" must be strings, found \(element.typeDescription)",
          at: element)
      }
      if roles.contains(role) {
        throw entry.error("role \"\(role)\" is listed twice for principal \"\(name)\"", at: element)
      }
      roles.append(role)
      lines.append(element.line)
    }
    return AccessPrincipal(
      name: name, roles: roles, roleLines: lines,
      kind: try entry.optionalOneOf("kind", as: PrincipalKind.self) ?? .human,
      summary: try entry.optionalString("description"), line: entry.line)
  }
}
