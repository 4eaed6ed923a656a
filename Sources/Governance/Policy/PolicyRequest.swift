/// A question for the policy: may `principal` perform `action` on something described by
/// `attributes`?
///
/// In JSON: `{"principal": "dana", "action": "job.submit", "attributes": {"algorithm": "ppo",
/// "steps": 100000}}`; `roles` and `attributes` may be left out.
public struct PolicyRequest: Codable, Sendable, Hashable {
  /// Who asks, by name.
  public var principal: String
  /// The roles to decide with. nil (what the engine passes): the principal's roles from the
  /// access file. Given: decide as if the principal held exactly these (for `policy test`).
  public var roles: [String]?
  /// A `Permission` raw value, such as `job.submit`.
  public var action: String
  /// What the rules look at, by dotted name. `principal`, `roles` and `action` are always
  /// supplied by the authoriser from the request itself; values given here under those names
  /// are ignored, so a caller cannot claim a role through its attributes.
  public var attributes: [String: PolicyValue]

  public init(
    principal: String, roles: [String]? = nil, action: String,
    attributes: [String: PolicyValue] = [:]
  ) {
    self.principal = principal
    self.roles = roles
    self.action = action
    self.attributes = attributes
  }

  /// A request for a permission.
  public init(
    principal: String, roles: [String]? = nil, permission: Permission,
    attributes: [String: PolicyValue] = [:]
  ) {
    self.init(
      principal: principal, roles: roles, action: permission.rawValue, attributes: attributes)
  }

  private enum CodingKeys: String, CodingKey {
    case principal
    case roles
    case action
    case attributes
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    principal = try container.decode(String.self, forKey: .principal)
    roles = try container.decodeIfPresent([String].self, forKey: .roles)
    action = try container.decode(String.self, forKey: .action)
    attributes =
      try container.decodeIfPresent([String: PolicyValue].self, forKey: .attributes) ?? [:]
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(principal, forKey: .principal)
    try container.encodeIfPresent(roles, forKey: .roles)
    try container.encode(action, forKey: .action)
    try container.encode(attributes, forKey: .attributes)
  }
}

/// The policy's answer to a request, with what decided it.
public struct PolicyDecision: Codable, Sendable, Hashable {
  public var allowed: Bool
  public var principal: String
  public var action: String
  /// The roles the decision was made with.
  public var roles: [String]
  /// Which of those roles grant the permission (empty for `system`, which needs no role).
  public var grantedBy: [String]
  /// The ids of the rules that matched, in policy order.
  public var deniedBy: [String]
  /// One line for people and the audit log, e.g.
  /// `denied by rule promote.zero-violations: the monitored re-evaluation had 2 safety violations`.
  public var message: String

  public init(
    allowed: Bool, principal: String, action: String, roles: [String], grantedBy: [String],
    deniedBy: [String], message: String
  ) {
    self.allowed = allowed
    self.principal = principal
    self.action = action
    self.roles = roles
    self.grantedBy = grantedBy
    self.deniedBy = deniedBy
    self.message = message
  }
}
