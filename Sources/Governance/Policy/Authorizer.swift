/// Decides requests against a policy and an access file: role-based grants, then deny rules
/// (forbid overrides permit; default deny).
///
/// Everything a decision needs is indexed when the authoriser is made: each principal's roles
/// and the permissions they grant as a bit set, and per permission the roles that grant it and
/// the rules that apply to it. A decision is a few dictionary lookups and the conditions of the
/// rules for its action.
public struct Authorizer: Sendable {
  /// The name of the platform acting by itself. It holds every permission without a role;
  /// deny rules still apply to it. No access file may define it.
  public static let systemPrincipal = "system"

  public let policy: PolicyDocument
  public let access: AccessDocument

  private let roleBits: [String: UInt64]
  private let holders: [String: Holder]
  private let entries: [Permission: Entry]

  /// A principal of the access file, resolved.
  private struct Holder: Sendable {
    var roles: [String]
    var bits: UInt64
  }

  /// What the policy says about one permission.
  private struct Entry: Sendable {
    var bit: UInt64
    /// The policy's roles that grant it, in policy order.
    var grantors: [String]
    var rules: [CompiledRule]
  }

  /// Indexes `policy` and `access`. Roles the access file names but the policy does not define
  /// grant nothing (`AccessDocument.validate(against:)` refuses them before a file is applied).
  public init(policy: PolicyDocument, access: AccessDocument) {
    self.policy = policy
    self.access = access
    var bitOf: [Permission: UInt64] = [:]
    for (position, permission) in Permission.allCases.enumerated() {
      bitOf[permission] = 1 << UInt64(position)
    }
    var roleBits: [String: UInt64] = [:]
    for role in policy.roles {
      roleBits[role.name, default: 0] |= role.permissions.reduce(0) { $0 | (bitOf[$1] ?? 0) }
    }
    var entries: [Permission: Entry] = [:]
    for permission in Permission.allCases {
      let bit = bitOf[permission] ?? 0
      entries[permission] = Entry(
        bit: bit,
        grantors: policy.roles.filter { $0.grants(permission) }.map(\.name),
        rules: policy.rules.filter { $0.actions.contains(permission) }.map(CompiledRule.init))
    }
    var holders: [String: Holder] = [:]
    for principal in access.principals {
      let bits = principal.roles.reduce(0) { $0 | (roleBits[$1] ?? 0) }
      holders[principal.name] = Holder(roles: principal.roles, bits: bits)
    }
    self.roleBits = roleBits
    self.entries = entries
    self.holders = holders
  }

  /// The roles the access file gives `principal`; none for unknown principals and for
  /// `system`, which holds every permission without a role.
  public func roles(of principal: String) -> [String] {
    holders[principal]?.roles ?? []
  }

  /// Decides a request; an action that is not a permission is denied.
  public func decide(_ request: PolicyRequest) -> PolicyDecision {
    let holder: Holder?
    let roles: [String]
    let bits: UInt64
    if let given = request.roles {
      holder = nil
      roles = given
      bits = given.reduce(0) { $0 | (roleBits[$1] ?? 0) }
    } else {
      holder = holders[request.principal]
      roles = holder?.roles ?? []
      bits = holder?.bits ?? 0
    }
    guard let permission = Permission(rawValue: request.action), let entry = entries[permission]
    else {
      return PolicyDecision(
        allowed: false, principal: request.principal, action: request.action, roles: roles,
        grantedBy: [], deniedBy: [],
        message: "denied: unknown action \"\(request.action)\" (not a permission)")
    }
    let unlisted = request.roles == nil && holder == nil
    return decide(
      request.principal, roles, bits, unlisted: unlisted, permission, entry, request.attributes)
  }

  /// Decides whether `principal`, with its roles from the access file, may use `permission`.
  public func decide(
    principal: String, permission: Permission, attributes: [String: PolicyValue] = [:]
  ) -> PolicyDecision {
    let holder = holders[principal]
    guard let entry = entries[permission] else {
      return PolicyDecision(
        allowed: false, principal: principal, action: permission.rawValue,
        roles: holder?.roles ?? [], grantedBy: [], deniedBy: [],
        message: "denied: \(permission.rawValue) is not indexed")
    }
    return decide(
      principal, holder?.roles ?? [], holder?.bits ?? 0, unlisted: holder == nil, permission,
      entry, attributes)
  }

  private func decide(
    _ principal: String, _ roles: [String], _ bits: UInt64, unlisted: Bool,
    _ permission: Permission, _ entry: Entry, _ attributes: [String: PolicyValue]
  ) -> PolicyDecision {
    let isSystem = principal == Self.systemPrincipal
    let isGranted = isSystem || bits & entry.bit != 0
    var grantedBy: [String] = []
    if !isSystem && isGranted {
      grantedBy = roles.filter { (roleBits[$0] ?? 0) & entry.bit != 0 }
    }
    let context = RequestContext(
      principal: principal, roles: roles, action: permission.rawValue, attributes: attributes)
    var matched: [CompiledRule] = []
    for rule in entry.rules where rule.matches(context) {
      matched.append(rule)
    }
    let action = permission.rawValue
    var message: String
    if !isGranted {
      let held: String
      if unlisted {
        held = "not in the access file"
      } else {
        held = roles.isEmpty ? "no roles" : roles.joined(separator: ", ")
      }
      let grantors = entry.grantors.isEmpty ? "no role" : entry.grantors.joined(separator: ", ")
      message = "denied: \(principal) (\(held)) lacks \(action) (granted to: \(grantors))"
      if !matched.isEmpty { message += "; also " + Self.ruleDenial(matched, context) }
    } else if !matched.isEmpty {
      message = Self.ruleDenial(matched, context)
    } else {
      message =
        isSystem
        ? "allowed: \(action) held by system (the platform holds every permission)"
        : "allowed: \(action) granted by \(grantedBy.joined(separator: ", "))"
      switch entry.rules.count {
      case 0: message += "; no rules apply"
      case 1: message += "; 1 rule checked, it did not match"
      case let count: message += "; \(count) rules checked, none matched"
      }
    }
    return PolicyDecision(
      allowed: isGranted && matched.isEmpty, principal: principal, action: action, roles: roles,
      grantedBy: grantedBy, deniedBy: matched.map(\.rule.id), message: message)
  }

  /// `denied by rule a: why` or `denied by rule a: why; and by rule b: why`.
  private static func ruleDenial(_ rules: [CompiledRule], _ context: RequestContext) -> String {
    var text = ""
    for (position, rule) in rules.enumerated() {
      text += position == 0 ? "denied by rule " : "; and by rule "
      text += "\(rule.rule.id): \(rule.rule.explanation(context.value))"
    }
    return text
  }
}

/// The attributes a rule sees: the request's, with `principal`, `roles` and `action` taken
/// from the request itself.
private struct RequestContext {
  let principal: String
  let roles: [String]
  let action: String
  let attributes: [String: PolicyValue]

  func value(_ name: String) -> PolicyValue? {
    switch name {
    case "principal": .string(principal)
    case "roles": .list(roles)
    case "action": .string(action)
    default: attributes[name]
    }
  }

  func value(_ source: CompiledRule.Source) -> PolicyValue? {
    switch source {
    case .principal: .string(principal)
    case .roles: .list(roles)
    case .action: .string(action)
    case .attribute(let name): attributes[name]
    }
  }
}

/// A rule with each condition's attribute resolved to where its value comes from.
private struct CompiledRule: Sendable {
  enum Source: Sendable {
    case principal
    case roles
    case action
    case attribute(String)
  }

  let rule: PolicyRule
  let conditions: [(source: Source, condition: PolicyCondition)]

  init(_ rule: PolicyRule) {
    self.rule = rule
    conditions = rule.conditions.map { condition in
      let source: Source
      switch condition.attribute {
      case "principal": source = .principal
      case "roles": source = .roles
      case "action": source = .action
      case let name: source = .attribute(name)
      }
      return (source, condition)
    }
  }

  func matches(_ context: RequestContext) -> Bool {
    for (source, condition) in conditions where !condition.holds(for: context.value(source)) {
      return false
    }
    return true
  }
}
