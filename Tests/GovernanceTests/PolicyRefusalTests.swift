import ConfigFile
import Governance
import Testing

/// Malformed policy files are refused with `file:line: message`.
@Suite struct PolicyRefusalTests {
  private let knownPermissions =
    "access.apply, alert.manage, alert.read, alias.rollback, audit.export, audit.read, "
    + "audit.verify, data.ingest, data.process, data.processed.read, data.raw.read, "
    + "data.reidentify, drill.run, incident.manage, job.control.any, job.control.own, "
    + "job.quarantine, job.read, job.submit, model.export, model.read, policy.apply, "
    + "promotion.approve, promotion.request, quota.manage"
  private let knownOperators = "eq, ne, in, not_in, lt, le, gt, ge, contains, not_contains, exists"

  /// A valid role, then a rule `x` on job.submit whose `[rule.when]` (line 9) is `condition`.
  private func ruleWith(_ condition: String) -> String {
    """
    [roles.r]
    permissions = ["job.read"]

    [[rule]]
    id = "x"
    on = ["job.submit"]
    effect = "deny"
    description = "d"
    [rule.when]
    \(condition)
    """
  }

  @Test func unknownPermissionInARole() {
    #expect(
      policyRefusal(
        """
        # roles
        [roles.data-scientist]
        permissions = ["job.read", "job.sumbit"]
        """)
        == "bad.toml:3: unknown permission \"job.sumbit\" in role \"data-scientist\" "
        + "(known: \(knownPermissions))")
    #expect(
      policyRefusal(
        """
        [roles.data-scientist]
        permissions = [
          "job.read",
          "model.exprot",
        ]
        """)
        == "bad.toml:4: unknown permission \"model.exprot\" in role \"data-scientist\" "
        + "(known: \(knownPermissions))")
  }

  @Test func unknownPermissionInARulesOn() {
    #expect(
      policyRefusal(
        """
        [roles.r]
        permissions = ["job.read"]

        [[rule]]
        id = "x"
        on = ["job.submit",
              "model.exprot"]
        effect = "deny"
        description = "d"
        """)
        == "bad.toml:7: unknown permission \"model.exprot\" in \"on\" of rule \"x\" "
        + "(known: \(knownPermissions))")
  }

  @Test func aRoleNeedsAPermissionsList() {
    #expect(
      policyRefusal("[roles.r]\ndescription = \"nothing\"")
        == "bad.toml:1: role \"r\" has no \"permissions\" list")
    #expect(
      policyRefusal("[roles]\nr = [\"job.read\"]")
        == "bad.toml:2: role \"r\" must be a table ([roles.r] with a permissions list), "
        + "found an array")
    #expect(
      policyRefusal("[roles.r]\npermissions = \"job.read\"")
        == "bad.toml:2: the permissions of role \"r\" must be a list of permission names, "
        + "found a string")
    #expect(
      policyRefusal("[roles.r]\npermissions = [\"job.read\", 3]")
        == "bad.toml:2: the permissions of role \"r\" must be strings, found an integer")
    #expect(
      policyRefusal("[roles.r]\npermissions = [\"job.read\",\n  \"job.read\"]")
        == "bad.toml:3: permission \"job.read\" is listed twice in role \"r\"")
    #expect(policyRefusal("# nothing") == "bad.toml:1: missing key \"roles\" at the top level")
    #expect(
      policyRefusal("[roles.\"data scientist\"]\npermissions = []")
        == "bad.toml:1: role name \"data scientist\" must be 1-64 letters, digits, '.', '_' or '-'"
    )
  }

  @Test func unknownOperator() {
    #expect(
      policyRefusal(ruleWith("steps = { lesser = 3 }"))
        == "bad.toml:10: unknown operator \"lesser\" (condition on \"steps\" in rule \"x\"; "
        + "known: \(knownOperators))")
  }

  @Test func operandTypeMismatch() {
    let place = "(condition on \"environment\" in rule \"x\")"
    let cases: [(String, String)] = [
      ("{ lt = \"capacity\" }", "operator \"lt\" needs a number, found a string"),
      ("{ ge = true }", "operator \"ge\" needs a number, found a boolean"),
      (
        "{ in = \"capacity\" }", "operator \"in\" needs a non-empty list of strings, found a string"
      ),
      (
        "{ not_in = [] }",
        "operator \"not_in\" needs a non-empty list of strings, found an empty list"
      ),
      (
        "{ in = [\"a\", 1] }",
        "operator \"in\" needs a non-empty list of strings, found a list that is not all strings"
      ),
      ("{ eq = [\"a\"] }", "operator \"eq\" needs a string, number or boolean, found a list"),
      ("{ contains = 1 }", "operator \"contains\" needs a string, found a number"),
      ("{ exists = \"yes\" }", "operator \"exists\" needs a boolean, found a string"),
      (
        "{ eq = { nested = 1 } }",
        "operator \"eq\" needs a string, number or boolean, found a table"
      ),
    ]
    for (operators, message) in cases {
      #expect(
        policyRefusal(ruleWith("environment = \(operators)"))
          == "bad.toml:10: \(message) \(place)")
    }
    #expect(
      policyRefusal(ruleWith("steps = 5"))
        == "bad.toml:10: the condition on \"steps\" in rule \"x\" must be a table of operators "
        + "such as { eq = \"off\" }, found an integer")
    #expect(
      policyRefusal(ruleWith("steps = {}"))
        == "bad.toml:10: the condition on \"steps\" in rule \"x\" must be a table of operators "
        + "such as { eq = \"off\" }, found an empty table")
  }

  @Test func duplicateRuleId() {
    #expect(
      policyRefusal(
        """
        [roles.r]
        permissions = ["job.read"]

        [[rule]]
        id = "x"
        on = ["job.submit"]
        effect = "deny"
        description = "first"

        [[rule]]
        id = "x"
        on = ["model.export"]
        effect = "deny"
        description = "second"
        """) == "bad.toml:11: duplicate rule id \"x\" (first defined at line 4)")
  }

  @Test func malformedRules() {
    let head = "[roles.r]\npermissions = [\"job.read\"]\n[[rule]]\n"
    #expect(
      policyRefusal(
        head + "id = \"x\"\non = [\"job.read\"]\neffect = \"allow\"\ndescription = \"d\"")
        == "bad.toml:6: \"effect\" of rule \"x\" must be \"deny\" (rules only deny; roles grant), "
        + "found \"allow\"")
    #expect(
      policyRefusal(head + "id = \"x\"\non = [\"job.read\"]\neffect = \"deny\"")
        == "bad.toml:3: missing key \"description\" in [[rule]] #1")
    #expect(
      policyRefusal(
        head + "id = \"x\"\non = [\"job.read\"]\neffect = \"deny\"\ndescription = \" \"")
        == "bad.toml:7: \"description\" of rule \"x\" must say why (it is shown when the rule "
        + "denies)")
    #expect(
      policyRefusal(
        head + "id = \"x\"\non = [\"job.read\"]\neffect = \"deny\"\ndescription = \"{steps\"")
        == "bad.toml:7: \"description\" of rule \"x\" has a malformed placeholder "
        + "(write {attribute.name}, with balanced braces)")
    #expect(
      policyRefusal(head + "id = \"x\"\non = []\neffect = \"deny\"\ndescription = \"d\"")
        == "bad.toml:5: \"on\" of rule \"x\" must name at least one permission")
    #expect(
      policyRefusal(
        head + "id = \"has space\"\non = [\"job.read\"]\neffect = \"deny\"\ndescription = \"d\"")
        == "bad.toml:4: rule id \"has space\" must be 1-64 letters, digits, '.', '_' or '-'")
    #expect(
      policyRefusal(
        head + "id = \"x\"\non = [\"job.read\"]\neffect = \"deny\"\ndescription = \"d\"\nwhen_ = 1")
        == "bad.toml:8: unknown key \"when_\" in [[rule]] #1 (known: description, effect, id, on, when)"
    )
    #expect(
      policyRefusal("[roles.r]\npermissions = []\n[rule]\nid = \"x\"")
        == "bad.toml:3: \"rule\" must be an array of tables, found a table")
    #expect(
      policyRefusal("[roles.r]\npermissions = []\n[role.x]\npermissions = []")
        == "bad.toml:3: unknown key \"role\" at the top level (known: roles, rule)")
  }

  @Test func syntaxErrorsKeepTheirLine() {
    #expect(
      policyRefusal("[roles.r]\npermissions = [\"job.read\"\ndescription = \"r\"\n")
        == "bad.toml:2: unterminated array (expected `]` before line 3)")
  }

  @Test func aFileThatCannotBeReadIsRefusedWithItsPath() {
    #expect(
      refusal { () throws(ConfigError) in
        try PolicyDocument.load(contentsOfFile: "/nonexistent/policy.toml")
      } == "/nonexistent/policy.toml: no such file")
  }
}
