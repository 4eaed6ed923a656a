import ConfigFile
import Governance
import Testing

/// The access file: principals, their roles, reserved and malformed names.
@Suite struct AccessDocumentTests {
  private let knownRoles =
    "admin, auditor, data-scientist, data-steward, devops, mlops, soc-analyst"

  @Test func theDefaultFileGivesTheOwnerAdminAndDataScientist() throws {
    let text = AccessDocument.defaultText(owner: "dana")
    let access = try AccessDocument.parse(text, source: "access.toml")
    #expect(access.principals.map(\.name) == ["dana"])
    let owner = try #require(access.principal(named: "dana"))
    #expect(owner.roles == ["admin", "data-scientist"])
    #expect(owner.kind == .human)
    #expect(owner.line == lineNumber(of: "[principals.dana]", in: text))
    try access.validate(against: try defaultPolicy())
    #expect(text.hasPrefix("# Rampart access file"))
  }

  @Test func theDefaultFileHasACommentedExampleOfEveryRole() throws {
    let text = AccessDocument.defaultText(owner: "dana")
    let examples = text.split(separator: "\n", omittingEmptySubsequences: false)
      .drop { !$0.hasPrefix("# Examples") }.dropFirst()
      .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0) }
      .joined(separator: "\n")
    let access = try AccessDocument.parse(examples, source: "examples.toml")
    try access.validate(against: try defaultPolicy())
    let roles = Set(access.principals.flatMap(\.roles))
    #expect(roles == Set(StandardRole.allCases.map(\.rawValue)))
    #expect(access.principals.contains { $0.kind == .service })
  }

  @Test func ownersWithDotsOrAtSignsAreQuoted() throws {
    let text = AccessDocument.defaultText(owner: "dana.ito@corp")
    #expect(text.contains("[principals.\"dana.ito@corp\"]"))
    let access = try AccessDocument.parse(text, source: "access.toml")
    #expect(access.principals.map(\.name) == ["dana.ito@corp"])
  }

  @Test func principalsHaveRolesKindAndDescription() throws {
    let access = try AccessDocument.parse(
      """
      [principals.ci-runner]
      roles = ["data-scientist"]
      kind = "service"
      description = "nightly jobs"

      [principals."omar@corp"]
      roles = ["mlops",
               "auditor"]
      """, source: "access.toml")
    let runner = try #require(access.principal(named: "ci-runner"))
    #expect(runner.kind == .service)
    #expect(runner.summary == "nightly jobs")
    #expect(runner.roleLines == [2])
    let omar = try #require(access.principal(named: "omar@corp"))
    #expect(omar.roles == ["mlops", "auditor"])
    #expect(omar.roleLines == [7, 8])
    #expect(omar.line == 6)
    #expect(try AccessDocument.parse("", source: "empty.toml").principals.isEmpty)
  }

  @Test func systemIsReserved() {
    #expect(
      accessRefusal("# staff\n[principals.system]\nroles = [\"admin\"]")
        == "bad.toml:2: principal name \"system\" is reserved for the platform, which holds "
        + "every permission")
  }

  @Test func badPrincipalNames() {
    let rule = "must be 1-64 letters, digits, '.', '_', '-' or '@'"
    #expect(
      accessRefusal("[principals.\"dana ito\"]\nroles = []")
        == "bad.toml:1: principal name \"dana ito\" \(rule)")
    let long = String(repeating: "a", count: 65)
    #expect(
      accessRefusal("[principals.\(long)]\nroles = []")
        == "bad.toml:1: principal name \"\(long)\" \(rule)")
    #expect(accessRefusal("[principals.\(String(repeating: "a", count: 64))]\nroles = []") == nil)
    #expect(
      accessRefusal("[principals.\"dan\u{e9}\"]\nroles = []")
        == "bad.toml:1: principal name \"dan\u{e9}\" \(rule)")
    #expect(
      accessRefusal("[principals.\"\"]\nroles = []")
        == "bad.toml:1: principal name \"\" \(rule)")
    #expect(AccessDocument.isValidPrincipalName("dana.ito@corp_1-x"))
    #expect(!AccessDocument.isValidPrincipalName("dana/ito"))
  }

  @Test func malformedPrincipals() {
    #expect(
      accessRefusal("[principals.dana]\nkind = \"human\"")
        == "bad.toml:1: principal \"dana\" has no \"roles\" list")
    #expect(
      accessRefusal("[principals.dana.ito]\nroles = [\"mlops\"]")
        == "bad.toml:1: principal \"dana\" has no roles list; a name holding '.' must be quoted: "
        + "[principals.\"dana.ito\"]")
    #expect(
      accessRefusal("[principals]\ndana = [\"mlops\"]")
        == "bad.toml:2: principal \"dana\" must be a table ([principals.dana] with a roles list), "
        + "found an array")
    #expect(
      accessRefusal("[principals.dana]\nroles = \"mlops\"")
        == "bad.toml:2: the roles of principal \"dana\" must be a list of role names, found a string"
    )
    #expect(
      accessRefusal("[principals.dana]\nroles = [\"mlops\", 1]")
        == "bad.toml:2: the roles of principal \"dana\" must be strings, found an integer")
    #expect(
      accessRefusal("[principals.dana]\nroles = [\"mlops\",\n  \"mlops\"]")
        == "bad.toml:3: role \"mlops\" is listed twice for principal \"dana\"")
    #expect(
      accessRefusal("[principals.dana]\nroles = []\nkind = \"robot\"")
        == "bad.toml:3: \"kind\" must be one of human, service, drill (found \"robot\")")
    #expect(
      accessRefusal("[principals.dana]\nroles = []\nemail = \"d@x\"")
        == "bad.toml:3: unknown key \"email\" in [principals.dana] (known: description, kind, roles)"
    )
    #expect(
      accessRefusal("[principal.dana]\nroles = []")
        == "bad.toml:1: unknown key \"principal\" at the top level (known: principals)")
  }

  @Test func unknownRolesAreRefusedAtTheirLine() throws {
    let access = try AccessDocument.parse(
      """
      [principals.dana]
      roles = ["data-scientist"]

      [principals.omar]
      roles = [
        "auditor",
        "mlop",
      ]
      """, source: "access.toml")
    let policy = try defaultPolicy()
    #expect(
      refusal { () throws(ConfigError) in try access.validate(against: policy) }
        == "access.toml:7: unknown role \"mlop\" for principal \"omar\" (known: \(knownRoles))")
  }

  @Test func theVersionIsTheSHA256OfTheBytes() throws {
    let text = AccessDocument.defaultText(owner: "dana")
    let first = try AccessDocument.parse(text, source: "a.toml")
    let second = try AccessDocument.parse(text + " ", source: "a.toml")
    #expect(first.sha256.count == 64)
    #expect(first.sha256 != second.sha256)
    #expect(try AccessDocument.parse(text, source: "b.toml").sha256 == first.sha256)
  }

  @Test func anAuthorizerWithAnUnvalidatedRoleGrantsNothingForIt() throws {
    let access = try AccessDocument.parse(
      "[principals.omar]\nroles = [\"mlop\"]", source: "access.toml")
    let authorizer = Authorizer(policy: try defaultPolicy(), access: access)
    #expect(authorizer.roles(of: "omar") == ["mlop"])
    let decision = authorizer.decide(principal: "omar", permission: .modelRead)
    #expect(!decision.allowed)
    #expect(
      decision.message == "denied: omar (mlop) lacks model.read (granted to: data-scientist, mlops)"
    )
  }
}

@Suite struct AccessDefaultExampleTests {
  @Test func noExampleTakesTheOwnersName() throws {
    let text = AccessDocument.defaultText(owner: "omar")
    #expect(text.contains("# [principals.omar-example]"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let examples = try #require(lines.firstIndex { $0.hasPrefix("# Examples") })
    let uncommented =
      (lines[...examples]
      + lines[(examples + 1)...].map {
        $0.hasPrefix("# ") ? String($0.dropFirst(2)) : $0
      }).joined(separator: "\n")
    let access = try AccessDocument.parse(uncommented, source: "access.toml")
    #expect(access.principals.count == 9)
    #expect(access.principal(named: "omar")?.roles == ["admin", "data-scientist"])
    #expect(access.principal(named: "omar-example")?.roles == ["mlops"])
  }
}
