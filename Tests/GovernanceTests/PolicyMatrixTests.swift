import Governance
import Testing

/// The default policy's whole role × permission matrix, written out by hand: `Y` granted,
/// `.` not. Columns: data-scientist, mlops, devops, soc-analyst, auditor, data-steward, admin.
private let expectedMatrix = """
  permission           dsci mlop devo soc  aud  stew adm
  job.read             Y    Y    Y    Y    Y    Y    Y
  job.submit           Y    .    .    .    .    .    .
  job.control.own      Y    .    .    .    .    .    .
  job.control.any      .    .    Y    .    .    .    .
  job.quarantine       .    .    .    Y    .    .    .
  quota.manage         .    .    Y    .    .    .    .
  model.read           Y    Y    .    .    .    .    .
  model.export         Y    Y    .    .    .    .    .
  promotion.request    Y    .    .    .    .    .    .
  promotion.approve    .    Y    .    .    .    .    .
  alias.rollback       .    Y    .    .    .    .    .
  audit.read           .    .    .    Y    Y    .    Y
  audit.verify         .    .    .    .    Y    .    .
  audit.export         .    .    .    .    Y    .    .
  alert.read           Y    Y    Y    Y    .    .    .
  alert.manage         .    .    .    Y    .    .    .
  incident.manage      .    .    .    Y    .    .    .
  drill.run            .    .    .    Y    .    .    .
  data.raw.read        .    .    .    .    .    Y    .
  data.ingest          .    .    .    .    .    Y    .
  data.process         .    .    .    .    .    Y    .
  data.processed.read  Y    .    .    .    .    Y    .
  data.reidentify      .    .    .    .    .    Y    .
  access.apply         .    .    .    .    .    .    Y
  policy.apply         .    .    .    .    .    .    Y
  """

private let columns: [StandardRole] = [
  .dataScientist, .mlops, .devops, .socAnalyst, .auditor, .dataSteward, .admin,
]

/// The principal of `testAccessText` holding exactly `role`.
private let principalOf: [StandardRole: String] = [
  .dataScientist: "dana", .mlops: "omar", .devops: "devi", .socAnalyst: "sam",
  .auditor: "audrey", .dataSteward: "stella", .admin: "ada",
]

/// permission raw value → role → granted, read from `expectedMatrix`.
private func matrix() -> [String: [StandardRole: Bool]] {
  var result: [String: [StandardRole: Bool]] = [:]
  for line in expectedMatrix.split(separator: "\n").dropFirst() {
    let cells = line.split(separator: " ")
    var row: [StandardRole: Bool] = [:]
    for (role, mark) in zip(columns, cells.dropFirst()) { row[role] = mark == "Y" }
    result[String(cells[0])] = row
  }
  return result
}

@Suite struct PolicyMatrixTests {
  @Test func theTableCoversEveryPermissionAndRole() {
    let table = matrix()
    #expect(Set(table.keys) == Set(Permission.allCases.map(\.rawValue)))
    #expect(table.count == 25)
    for (permission, row) in table {
      #expect(row.count == StandardRole.allCases.count, "row \(permission)")
    }
    #expect(Set(columns) == Set(StandardRole.allCases))
  }

  @Test func everyRoleHoldsExactlyItsPermissions() throws {
    let authorizer = try defaultAuthorizer()
    for (action, row) in matrix() {
      let permission = try #require(Permission(rawValue: action))
      for role in StandardRole.allCases {
        let expected = row[role] == true
        let principal = try #require(principalOf[role])
        let decision = authorizer.decide(
          principal: principal, permission: permission, attributes: cleanAttributes)
        #expect(decision.allowed == expected, "\(role.rawValue) \(action): \(decision.message)")
        #expect(decision.deniedBy.isEmpty, "\(role.rawValue) \(action)")
        #expect(decision.grantedBy == (expected ? [role.rawValue] : []))
        #expect(decision.roles == [role.rawValue])

        // The same answer when the request names the role instead of looking it up.
        let asked = authorizer.decide(
          PolicyRequest(
            principal: "someone", roles: [role.rawValue], action: action,
            attributes: cleanAttributes))
        #expect(asked.allowed == expected, "\(role.rawValue) \(action) (roles given)")
      }
    }
  }

  @Test func theDefaultPolicyDefinesExactlyTheStandardRoles() throws {
    let policy = try defaultPolicy()
    #expect(policy.roleNames == StandardRole.allCases.map(\.rawValue))
  }

  @Test func aPrincipalHoldsTheUnionOfItsRoles() throws {
    let authorizer = try defaultAuthorizer()
    #expect(authorizer.roles(of: "owner") == ["admin", "data-scientist"])
    let apply = authorizer.decide(principal: "owner", permission: .policyApply)
    #expect(apply.allowed)
    #expect(apply.grantedBy == ["admin"])
    let read = authorizer.decide(principal: "owner", permission: .jobRead)
    #expect(read.grantedBy == ["admin", "data-scientist"])
    #expect(read.message == "allowed: job.read granted by admin, data-scientist; no rules apply")
    #expect(!authorizer.decide(principal: "owner", permission: .promotionApprove).allowed)
  }

  @Test func unknownPrincipalsAndRolelessPrincipalsHoldNothing() throws {
    let authorizer = try defaultAuthorizer()
    #expect(authorizer.roles(of: "mallory") == [])
    for permission in Permission.allCases {
      let decision = authorizer.decide(
        principal: "mallory", permission: permission, attributes: cleanAttributes)
      #expect(!decision.allowed, "\(permission)")
      #expect(decision.grantedBy == [])
      #expect(!authorizer.decide(principal: "nobody", permission: permission).allowed)
    }
    #expect(
      authorizer.decide(principal: "mallory", permission: .jobRead).message
        == "denied: mallory (not in the access file) lacks job.read (granted to: data-scientist, "
        + "mlops, devops, soc-analyst, auditor, data-steward, admin)")
    #expect(
      authorizer.decide(principal: "nobody", permission: .auditVerify).message
        == "denied: nobody (no roles) lacks audit.verify (granted to: auditor)")
  }

  @Test func systemHoldsEveryPermission() throws {
    let authorizer = try defaultAuthorizer()
    #expect(authorizer.roles(of: "system") == [])
    for permission in Permission.allCases {
      let decision = authorizer.decide(
        principal: "system", permission: permission, attributes: cleanAttributes)
      #expect(decision.allowed, "\(permission): \(decision.message)")
      #expect(decision.grantedBy == [])
    }
    #expect(
      authorizer.decide(principal: "system", permission: .auditExport).message
        == "allowed: audit.export held by system (the platform holds every permission); "
        + "no rules apply")
  }

  @Test func rulesStillBindSystem() throws {
    let decision = try defaultAuthorizer().decide(
      principal: "system", permission: .promotionApprove,
      attributes: attributes(["evaluation.safety_violations": 3]))
    #expect(!decision.allowed)
    #expect(decision.deniedBy == ["promote.zero-violations"])
    #expect(
      decision.message
        == "denied by rule promote.zero-violations: the monitored re-evaluation had 3 safety "
        + "violations")
  }

  @Test func theRBACDenialNamesTheRolesThatWouldGrant() throws {
    let decision = try defaultAuthorizer().decide(
      principal: "dana", permission: .promotionApprove, attributes: cleanAttributes)
    #expect(!decision.allowed)
    #expect(
      decision.message
        == "denied: dana (data-scientist) lacks promotion.approve (granted to: mlops)")
    #expect(decision.roles == ["data-scientist"])
    #expect(decision.grantedBy == [])
    #expect(decision.deniedBy == [])
  }

  @Test func aLackingRoleAndAMatchingRuleAreBothReported() throws {
    let decision = try defaultAuthorizer().decide(
      principal: "devi", permission: .promotionApprove,
      attributes: attributes(["source_job.quarantined": true]))
    #expect(!decision.allowed)
    #expect(decision.deniedBy == ["promote.not-quarantined"])
    #expect(
      decision.message
        == "denied: devi (devops) lacks promotion.approve (granted to: mlops); also denied by "
        + "rule promote.not-quarantined: the source job is quarantined")
  }

  @Test func anUnknownActionIsDenied() throws {
    let decision = try defaultAuthorizer().decide(
      PolicyRequest(principal: "dana", action: "job.delete"))
    #expect(!decision.allowed)
    #expect(decision.roles == ["data-scientist"])
    #expect(decision.message == "denied: unknown action \"job.delete\" (not a permission)")
  }

  @Test func rolesTheRequestClaimsInItsAttributesAreIgnored() throws {
    let decision = try defaultAuthorizer().decide(
      PolicyRequest(
        principal: "dana", action: "data.processed.read",
        attributes: [
          "dataset.id": "ds-9", "dataset.classification": "confidential",
          "roles": ["data-steward"], "principal": "stella",
        ]))
    #expect(!decision.allowed)
    #expect(decision.deniedBy == ["data.confidential-steward-only"])
  }
}
