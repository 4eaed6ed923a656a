import ConfigFile
import Foundation
import Storage

/// Why governance refused or failed something.
public enum GovernanceError: Error, Sendable, CustomStringConvertible {
  /// Authorisation or policy said no; the decision names the permission or rule.
  case denied(PolicyDecision)
  case workspace(WorkspaceError)
  case config(ConfigError)
  case failed(String)

  public var description: String {
    switch self {
    case .denied(let d): d.message
    case .workspace(let e): e.description
    case .config(let e): e.description
    case .failed(let why): why
    }
  }
}

/// The configuration files that take effect through `apply`.
public enum ConfigKind: String, Sendable, CaseIterable {
  case access, policy
}

/// Governance for one workspace: who may do what (roles and policy), the audit log, the model
/// registry. Every check happens here, for every caller (CLI, console, engine).
public final class Governance: Sendable {
  public let workspace: Workspace
  public let store: Store
  public let audit: AuditLog
  public let registry: ModelRegistry
  /// A throw-away workspace (demo, tests, benchmarks) whose folder is removed on close.
  public let isTemporary: Bool
  private let state: Locked<State>

  private struct State {
    var authorizer: Authorizer
    var policySHA: String
    var accessSHA: String
  }

  private init(
    workspace: Workspace, store: Store, authorizer: Authorizer, policySHA: String,
    accessSHA: String, temporary: Bool
  )
    throws
  {
    self.workspace = workspace
    self.store = store
    audit = AuditLog(store: store, signingKey: workspace.signingKey)
    registry = ModelRegistry(workspace: workspace, store: store)
    isTemporary = temporary
    state = Locked(State(authorizer: authorizer, policySHA: policySHA, accessSHA: accessSHA))
  }

  // MARK: Opening

  /// Opens a workspace with its applied access and policy. With `requireUnchanged`, files edited
  /// since they were last applied are refused (the engine starts only on applied files).
  public static func open(
    workspace: Workspace, durability: Store.Durability = .full, requireUnchanged: Bool = true
  ) throws(GovernanceError) -> Governance {
    let store: Store
    do {
      store = try workspace.openStore(durability: durability)
    } catch {
      throw .workspace(error)
    }
    let applied = try appliedFiles(store)
    guard let policyText = applied[.policy], let accessText = applied[.access] else {
      throw .workspace(.notApplied(kind: applied[.policy] == nil ? "policy" : "access"))
    }
    let (authorizer, policySHA, accessSHA) = try makeAuthorizer(
      policy: policyText, access: accessText)
    let governance: Governance
    do {
      governance = try Governance(
        workspace: workspace, store: store, authorizer: authorizer, policySHA: policySHA,
        accessSHA: accessSHA,
        temporary: false)
    } catch {
      throw .failed("cannot open the audit log: \(error)")
    }
    if requireUnchanged { try governance.checkAppliedFiles() }
    return governance
  }

  /// Creates a workspace with the default access file (`creator` is admin and data scientist)
  /// and policy, and applies both as the creator (audited).
  public static func initialize(at root: URL, creator: String) throws(GovernanceError) -> Governance
  {
    let workspace: Workspace
    do {
      workspace = try Workspace.create(
        at: root, accessText: AccessDocument.defaultText(owner: creator),
        policyText: PolicyDocument.defaultText)
    } catch {
      throw .workspace(error)
    }
    return try bootstrap(workspace, by: creator, temporary: false)
  }

  /// A throw-away workspace in a temporary folder with these principals' roles.
  public static func temporary(
    principals: [String: [String]], drillPrincipals: [String: [String]] = [:],
    label: String = "rampart"
  )
    throws(GovernanceError)
    -> Governance
  {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(label)-\(UUID().uuidString)")
    var access = "# A throw-away workspace's principals.\n"
    for (name, roles) in principals.sorted(by: { $0.key < $1.key }) {
      access +=
        "[principals.\"\(name)\"]\nroles = [\(roles.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
    }
    for (name, roles) in drillPrincipals.sorted(by: { $0.key < $1.key }) {
      access +=
        "[principals.\"\(name)\"]\nroles = [\(roles.map { "\"\($0)\"" }.joined(separator: ", "))]\nkind = \"drill\"\n"
    }
    let workspace: Workspace
    do {
      workspace = try Workspace.create(
        at: root, accessText: access, policyText: PolicyDocument.defaultText)
    } catch {
      throw .workspace(error)
    }
    return try bootstrap(workspace, by: "system", temporary: true)
  }

  private static func bootstrap(_ workspace: Workspace, by creator: String, temporary: Bool)
    throws(GovernanceError)
    -> Governance
  {
    let store: Store
    do {
      store = try workspace.openStore()
    } catch {
      throw .workspace(error)
    }
    guard let policy = Workspace.sha256(ofFile: workspace.policyPath),
      let access = Workspace.sha256(ofFile: workspace.accessPath)
    else { throw .failed("the new workspace's files are missing") }
    let (authorizer, policySHA, accessSHA) = try makeAuthorizer(
      policy: policy.text, access: access.text, policySource: workspace.policyPath,
      accessSource: workspace.accessPath)
    do {
      let g = try Governance(
        workspace: workspace, store: store, authorizer: authorizer, policySHA: policySHA,
        accessSHA: accessSHA,
        temporary: temporary)
      try g.audit.append(
        AuditEvent(
          principal: creator, action: "workspace.init", target: workspace.root.path, outcome: .ok,
          details: ["temporary": String(temporary)]))
      try g.storeApplied(.policy, text: policy.text, sha: policySHA, by: creator)
      try g.storeApplied(.access, text: access.text, sha: accessSHA, by: creator)
      return g
    } catch let error as GovernanceError {
      throw error
    } catch {
      throw .failed("cannot initialise the workspace: \(error)")
    }
  }

  static func appliedFiles(_ store: Store) throws(GovernanceError) -> [ConfigKind: String] {
    do {
      return try store.writer.read { db in
        var out: [ConfigKind: String] = [:]
        for kind in ConfigKind.allCases {
          if let text = try String.fetchOne(
            db, sql: "SELECT content FROM applied_config WHERE kind = ?", arguments: [kind.rawValue]
          ) {
            out[kind] = text
          }
        }
        return out
      }
    } catch {
      throw .failed("cannot read the applied configuration: \(error)")
    }
  }

  static func makeAuthorizer(
    policy: String, access: String, policySource: String = "policy.toml (applied)",
    accessSource: String = "access.toml (applied)"
  ) throws(GovernanceError) -> (Authorizer, String, String) {
    do {
      let p = try PolicyDocument.parse(policy, source: policySource)
      let a = try AccessDocument.parse(access, source: accessSource)
      try a.validate(against: p)
      return (Authorizer(policy: p, access: a), p.sha256, a.sha256)
    } catch {
      throw .config(error)
    }
  }

  /// Removes a temporary workspace's folder.
  public func discard() {
    guard isTemporary else { return }
    try? FileManager.default.removeItem(at: workspace.root)
  }

  // MARK: Applied files

  /// The content hashes in force.
  public var appliedHashes: (policy: String, access: String) {
    state.withLock { ($0.policySHA, $0.accessSHA) }
  }

  /// Refuses files edited since they were last applied, naming the command that fixes it.
  public func checkAppliedFiles() throws(GovernanceError) {
    let (policySHA, accessSHA) = appliedHashes
    for (kind, path, applied) in [
      (ConfigKind.policy, workspace.policyPath, policySHA),
      (.access, workspace.accessPath, accessSHA),
    ] {
      guard let current = Workspace.sha256(ofFile: path) else {
        throw .workspace(
          .io("\(path) is missing: restore it, then run `rampart \(kind.rawValue) apply`"))
      }
      if current.hash != applied {
        throw .workspace(
          .configChanged(kind: kind.rawValue, path: path, applied: applied, current: current.hash))
      }
    }
  }

  /// Applies the workspace's access or policy file as `principal`: validated (file:line errors),
  /// authorised by the rules in force now, recorded with its hash, audited.
  @discardableResult
  public func apply(_ kind: ConfigKind, by principal: String) throws(GovernanceError) -> String {
    let path = kind == .policy ? workspace.policyPath : workspace.accessPath
    guard let file = Workspace.sha256(ofFile: path) else {
      throw .workspace(.io("cannot read \(path)"))
    }
    _ = try authorize(
      principal, kind == .policy ? .policyApply : .accessApply, target: path,
      details: ["sha256": file.hash], auditAllowed: false)
    let current = Self.currentTexts(self)
    let (authorizer, policySHA, accessSHA) = try Self.makeAuthorizer(
      policy: kind == .policy ? file.text : current.policy,
      access: kind == .access ? file.text : current.access,
      policySource: kind == .policy ? path : "policy.toml (applied)",
      accessSource: kind == .access ? path : "access.toml (applied)")
    do {
      try storeApplied(
        kind, text: file.text, sha: kind == .policy ? policySHA : accessSHA, by: principal)
    } catch {
      throw .failed("cannot record the applied \(kind.rawValue) file: \(error)")
    }
    state.withLock { s in
      s.authorizer = authorizer
      s.policySHA = policySHA
      s.accessSHA = accessSHA
    }
    return file.hash
  }

  private static func currentTexts(_ g: Governance) -> (policy: String, access: String) {
    let applied = (try? appliedFiles(g.store)) ?? [:]
    return (applied[.policy] ?? "", applied[.access] ?? "")
  }

  private func storeApplied(_ kind: ConfigKind, text: String, sha: String, by principal: String)
    throws
  {
    let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
    try store.writer.write { db in
      try db.execute(
        sql:
          "INSERT OR REPLACE INTO applied_config (kind, sha256, content, applied_at_ms, applied_by) VALUES (?, ?, ?, ?, ?)",
        arguments: [kind.rawValue, sha, text, now, principal])
    }
    try audit.append(
      AuditEvent(
        principal: principal, action: "\(kind.rawValue).apply",
        target: kind == .policy ? "policy.toml" : "access.toml",
        outcome: .ok, details: ["sha256": sha]))
  }

  // MARK: Decisions

  /// Roles `principal` holds.
  public func roles(of principal: String) -> [String] {
    state.withLock { $0.authorizer.roles(of: principal) }
  }

  /// The applied access file's principals with their roles, read as `principal` (job.read).
  public func principals(as principal: String) throws(GovernanceError) -> [(
    name: String, roles: [String]
  )] {
    try authorize(principal, .jobRead, target: "access", auditAllowed: false)
    return state.withLock { s in
      s.authorizer.access.principals.map(\.name).sorted().map { ($0, s.authorizer.roles(of: $0)) }
    }
  }

  /// What the access file says `principal` is (nil: not in the file).
  public func kind(of principal: String) -> PrincipalKind? {
    state.withLock { $0.authorizer.access.principal(named: principal)?.kind }
  }

  /// The decision for `principal` doing `permission`, without auditing (dashboard reads).
  public func decide(
    _ principal: String, _ permission: Permission, attributes: [String: PolicyValue] = [:]
  ) -> PolicyDecision {
    let authorizer = state.withLock { $0.authorizer }
    return authorizer.decide(principal: principal, permission: permission, attributes: attributes)
  }

  /// Authorises `principal` for `permission` on `target`. A denial is audited and thrown; an
  /// allowed change is audited unless `auditAllowed` is false (dashboard reads; or the caller
  /// audits the outcome itself).
  @discardableResult
  public func authorize(
    _ principal: String, _ permission: Permission, target: String,
    attributes: [String: PolicyValue] = [:],
    details: [String: String] = [:], auditAllowed: Bool = true
  ) throws(GovernanceError) -> PolicyDecision {
    let decision = decide(principal, permission, attributes: attributes)
    var info = details
    info["policy"] = String(appliedHashes.policy.prefix(16))
    if !decision.deniedBy.isEmpty { info["rules"] = decision.deniedBy.joined(separator: ",") }
    if !decision.grantedBy.isEmpty {
      info["granted_by"] = decision.grantedBy.joined(separator: ",")
    }
    if !decision.allowed {
      info["reason"] = decision.message
      try record(principal, permission.rawValue, target: target, outcome: .denied, details: info)
      throw .denied(decision)
    }
    if auditAllowed {
      try record(principal, permission.rawValue, target: target, outcome: .allowed, details: info)
    }
    return decision
  }

  /// Checks only that one of `principal`'s roles grants `permission` (rules about the request's
  /// attributes are decided later, when those attributes exist: a promotion's gates need its
  /// re-evaluation). A principal without the role is refused and audited, as by `authorize`.
  public func authorizeRole(
    _ principal: String, _ permission: Permission, target: String, details: [String: String] = [:]
  ) throws(GovernanceError) {
    let decision = decide(principal, permission)
    if decision.grantedBy.isEmpty {
      try authorize(principal, permission, target: target, details: details)
    }
  }

  /// Whether `name` may name a dataset: letters, digits, `._-`, 1–64 ASCII characters.
  public static func isValidDatasetName(_ name: String) -> Bool {
    GovernanceFile.isValidName(name, extra: "._-")
  }

  /// Appends an audit entry (durable when this returns).
  public func record(
    _ principal: String, _ action: String, target: String, outcome: AuditOutcome,
    details: [String: String] = [:]
  ) throws(GovernanceError) {
    do {
      try audit.append(
        AuditEvent(
          principal: principal, action: action, target: target, outcome: outcome, details: details))
    } catch {
      throw .failed("audit append failed: \(error)")
    }
  }
}
