import Governance
import Testing

/// Operators, missing attributes and the forms a condition can take.
@Suite struct PolicyOperatorTests {
  /// A policy whose one rule `t` denies job.submit when `condition` (a `[rule.when]` line) holds.
  private func authorizer(when condition: String) throws -> Authorizer {
    let policy = try PolicyDocument.parse(
      """
      [roles.r]
      permissions = ["job.submit"]

      [[rule]]
      id = "t"
      on = ["job.submit"]
      effect = "deny"
      description = "t matched"
      [rule.when]
      \(condition)
      """, source: "ops.toml")
    let access = try AccessDocument.parse(
      "[principals.p]\nroles = [\"r\"]\n", source: "access.toml")
    return Authorizer(policy: policy, access: access)
  }

  /// Whether rule `t` matches a request whose attribute `a` is `value` (nil: absent).
  private func matches(_ condition: String, _ value: PolicyValue?) throws -> Bool {
    let attributes: [String: PolicyValue] = value.map { ["a": $0] } ?? [:]
    let decision = try authorizer(when: condition).decide(
      principal: "p", permission: .jobSubmit, attributes: attributes)
    #expect(decision.deniedBy == (decision.allowed ? [] : ["t"]))
    return !decision.allowed
  }

  private static let presentCases: [(String, PolicyValue, Bool)] = [
    // eq and ne compare strings, numbers and booleans; a different type is not equal.
    ("a = { eq = \"x\" }", PolicyValue.string("x"), true),
    ("a = { eq = \"x\" }", "y", false),
    ("a = { eq = \"x\" }", 1, false),
    ("a = { eq = 3 }", 3, true),
    ("a = { eq = 3 }", 3.0, true),
    ("a = { eq = 3 }", "3", false),
    ("a = { eq = true }", true, true),
    ("a = { eq = true }", false, false),
    ("a = { ne = \"x\" }", "y", true),
    ("a = { ne = \"x\" }", "x", false),
    ("a = { ne = \"x\" }", 1, true),
    // in and not_in: a string attribute against a list of strings.
    ("a = { in = [\"x\", \"y\"] }", "y", true),
    ("a = { in = [\"x\", \"y\"] }", "z", false),
    ("a = { in = [\"x\", \"y\"] }", 1, false),
    ("a = { not_in = [\"x\", \"y\"] }", "z", true),
    ("a = { not_in = [\"x\", \"y\"] }", "x", false),
    // Ordering: numbers only.
    ("a = { lt = 10 }", 9.5, true),
    ("a = { lt = 10 }", 10, false),
    ("a = { lt = 10 }", "9", false),
    ("a = { le = 10 }", 10, true),
    ("a = { le = 10 }", 10.5, false),
    ("a = { gt = 10 }", 11, true),
    ("a = { gt = 10 }", 10, false),
    ("a = { gt = 0.5 }", 0.75, true),
    ("a = { ge = 10 }", 10, true),
    ("a = { ge = 10 }", 9, false),
    // A figure that is not a number matches every ordering: deny rules fail closed on it.
    ("a = { lt = 10 }", PolicyValue.number(.nan), true),
    ("a = { gt = 10 }", PolicyValue.number(.nan), true),
    ("a = { ge = 1, lt = 5 }", PolicyValue.number(.nan), true),
    // contains and not_contains: list attributes.
    ("a = { contains = \"r\" }", ["q", "r"], true),
    ("a = { contains = \"r\" }", ["q"], false),
    ("a = { contains = \"r\" }", "r", false),
    ("a = { not_contains = \"r\" }", ["q"], true),
    ("a = { not_contains = \"r\" }", ["r", "s"], false),
    ("a = { exists = true }", "anything", true),
    ("a = { exists = false }", 0, false),
    // Several operators on one attribute: all must hold.
    ("a = { ge = 1, lt = 5 }", 3, true),
    ("a = { ge = 1, lt = 5 }", 5, false),
    ("a = { ge = 1, lt = 5 }", 0, false),
  ]

  @Test(arguments: presentCases)
  func operatorOnPresentAttribute(condition: String, value: PolicyValue, expected: Bool) throws {
    #expect(try matches(condition, value) == expected)
  }

  @Test(arguments: [
    "a = { eq = \"x\" }", "a = { ne = \"x\" }", "a = { in = [\"x\"] }", "a = { not_in = [\"x\"] }",
    "a = { lt = 1 }", "a = { le = 1 }", "a = { gt = 1 }", "a = { ge = 1 }",
    "a = { contains = \"x\" }", "a = { not_contains = \"x\" }", "a = { exists = true }",
  ])
  func aConditionOnAMissingAttributeDoesNotHold(condition: String) throws {
    #expect(try matches(condition, nil) == false)
  }

  @Test func existsFalseHoldsForAMissingAttribute() throws {
    #expect(try matches("a = { exists = false }", nil))
  }

  @Test func theConditionsOfARuleMustAllHold() throws {
    let authorizer = try authorizer(when: "a = { eq = 1 }\nb = { eq = 2 }")
    func denied(_ attributes: [String: PolicyValue]) -> Bool {
      !authorizer.decide(principal: "p", permission: .jobSubmit, attributes: attributes).allowed
    }
    #expect(denied(["a": 1, "b": 2]))
    #expect(!denied(["a": 1, "b": 3]))
    #expect(!denied(["a": 1]))
  }

  @Test func dottedNamesMayBeQuotedOrWrittenAsDottedKeys() throws {
    for condition in [
      "\"evaluation.mean_return\" = { lt = 1 }", "evaluation.mean_return = { lt = 1 }",
    ] {
      let authorizer = try authorizer(when: condition)
      let rule = try #require(authorizer.policy.rules.first)
      #expect(rule.conditions.map(\.attribute) == ["evaluation.mean_return"])
      #expect(rule.conditions.map(\.text) == ["evaluation.mean_return lt 1"])
      let decision = authorizer.decide(
        principal: "p", permission: .jobSubmit, attributes: ["evaluation.mean_return": 0.5])
      #expect(decision.deniedBy == ["t"])
    }
  }

  @Test func aRuleWithoutConditionsAlwaysMatchesItsActions() throws {
    let policy = try PolicyDocument.parse(
      """
      [roles.r]
      permissions = ["job.submit", "job.read"]
      [[rule]]
      id = "freeze"
      on = ["job.submit"]
      effect = "deny"
      description = "submissions are frozen"
      """, source: "freeze.toml")
    let access = try AccessDocument.parse("[principals.p]\nroles = [\"r\"]", source: "a.toml")
    let authorizer = Authorizer(policy: policy, access: access)
    let submit = authorizer.decide(principal: "p", permission: .jobSubmit)
    #expect(submit.deniedBy == ["freeze"])
    #expect(submit.message == "denied by rule freeze: submissions are frozen")
    let read = authorizer.decide(principal: "p", permission: .jobRead)
    #expect(read.allowed)
    #expect(read.message == "allowed: job.read granted by r; no rules apply")
  }

  @Test func principalRolesAndActionComeFromTheRequest() throws {
    let byPrincipal = try authorizer(when: "principal = { eq = \"p\" }")
    #expect(!byPrincipal.decide(principal: "p", permission: .jobSubmit).allowed)
    let byRole = try authorizer(when: "roles = { contains = \"r\" }")
    #expect(byRole.decide(principal: "p", permission: .jobSubmit).deniedBy == ["t"])
    let byAction = try authorizer(when: "action = { eq = \"job.submit\" }")
    #expect(byAction.decide(principal: "p", permission: .jobSubmit).deniedBy == ["t"])
    let single = try authorizer(when: "a = { eq = 1 }")
    #expect(
      single.decide(principal: "p", permission: .jobSubmit).message
        == "allowed: job.submit granted by r; 1 rule checked, it did not match")
  }

  @Test func descriptionsShowTheRequestsValues() throws {
    let policy = try PolicyDocument.parse(
      """
      [roles.r]
      permissions = ["job.submit"]
      [[rule]]
      id = "t"
      on = ["job.submit"]
      effect = "deny"
      description = "{principal} asked with {a} and {b} ({missing})"
      [rule.when]
      a = { exists = true }
      """, source: "t.toml")
    let decision = Authorizer(policy: policy, access: .empty).decide(
      PolicyRequest(
        principal: "p", roles: ["r"], action: "job.submit",
        attributes: ["a": 2.5, "b": ["x", "y"]]))
    #expect(decision.message == "denied by rule t: p asked with 2.5 and [x, y] (unknown)")
  }

  @Test func conditionsCanBeMadeAndTestedDirectly() throws {
    let condition = try #require(
      PolicyCondition(attribute: "steps", operator: .gt, operand: 600_000_000))
    #expect(condition.holds(for: 600_000_001))
    #expect(!condition.holds(for: 600_000_000))
    #expect(!condition.holds(for: nil))
    #expect(PolicyCondition(attribute: "steps", operator: .gt, operand: "many") == nil)
    #expect(PolicyCondition(attribute: "env", operator: .in, operand: "capacity") == nil)
    #expect(PolicyCondition(attribute: "env", operator: .in, operand: []) == nil)
    #expect(PolicyCondition(attribute: "env", operator: .eq, operand: ["a"]) == nil)
    #expect(PolicyCondition(attribute: "roles", operator: .contains, operand: 1) == nil)
    #expect(PolicyCondition(attribute: "x", operator: .exists, operand: "yes") == nil)
  }
}
