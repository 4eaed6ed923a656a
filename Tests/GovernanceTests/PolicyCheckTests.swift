import Governance
import Testing

/// `PolicyCheck`: separation of duties over the role definitions.
@Suite struct PolicyCheckTests {
  @Test func theDefaultPolicyPasses() throws {
    let report = PolicyCheck.run(try defaultPolicy())
    #expect(report.isPassing)
    #expect(report.failures.isEmpty)
    let passed = report.findings.filter { $0.kind == .pass }.map(\.check)
    #expect(passed == ["sod.promotion", "sod.raw-data"])
    let text = report.text
    #expect(
      text.contains(
        "PASS  sod.promotion: no role holds both promotion.request and promotion.approve"))
    #expect(
      text.contains("PASS  sod.raw-data: no role other than data-steward holds data.raw.read"))
    #expect(text.hasSuffix("passed: separation of duties holds (2 of 2 checks)"))
  }

  @Test func theReportNamesWhoCanExportWeightsAndReadRawData() throws {
    let policy = try defaultPolicy()
    let text = PolicyCheck.run(policy).text
    let line = { (name: String) in lineNumber(of: "[roles.\(name)]", in: PolicyDocument.defaultText)
    }
    #expect(
      text.contains(
        "INFO  model.export: decrypted model weights: data-scientist (line \(line("data-scientist"))), "
          + "mlops (line \(line("mlops")))"))
    #expect(
      text.contains(
        "INFO  data.raw.read: raw landing-zone data: data-steward (line \(line("data-steward")))"))
  }

  @Test func aRoleThatRequestsAndApprovesFailsWithItsLine() throws {
    let policy = try PolicyDocument.parse(
      """
      # A policy where data scientists approve their own promotions.

      [roles.mlops]
      permissions = ["promotion.approve"]

      [roles.data-scientist]
      permissions = ["job.submit", "promotion.request", "promotion.approve"]
      """, source: "sod.toml")
    let report = PolicyCheck.run(policy)
    #expect(!report.isPassing)
    #expect(report.failures.count == 1)
    let failure = try #require(report.failures.first)
    #expect(failure.check == "sod.promotion")
    #expect(failure.line == 6)
    #expect(
      failure.message
        == "role data-scientist (sod.toml:6) holds both promotion.request and promotion.approve, "
        + "so one principal could approve its own request")
    #expect(report.text.contains("FAIL  sod.promotion: role data-scientist (sod.toml:6)"))
    #expect(report.text.hasSuffix("FAILED: 1 of 2 checks failed"))
  }

  @Test func theDefaultPolicyWithDataScientistsApprovingFails() throws {
    let text = PolicyDocument.defaultText.replacingOccurrences(
      of: "\"promotion.request\", \"data.processed.read\"",
      with: "\"promotion.request\", \"promotion.approve\", \"data.processed.read\"")
    #expect(text != PolicyDocument.defaultText)
    let report = PolicyCheck.run(try PolicyDocument.parse(text, source: "policy.toml"))
    let line = lineNumber(of: "[roles.data-scientist]", in: text)
    #expect(line > 0)
    #expect(!report.isPassing)
    #expect(report.failures.map(\.check) == ["sod.promotion"])
    #expect(report.failures.map(\.line) == [line])
    #expect(report.text.contains("FAIL  sod.promotion: role data-scientist (policy.toml:\(line))"))
  }

  @Test func mlopsReadingRawDataFails() throws {
    let text = PolicyDocument.defaultText.replacingOccurrences(
      of: "\"promotion.approve\", \"alias.rollback\"",
      with: "\"promotion.approve\", \"alias.rollback\", \"data.raw.read\"")
    #expect(text != PolicyDocument.defaultText)
    let report = PolicyCheck.run(try PolicyDocument.parse(text, source: "policy.toml"))
    let line = lineNumber(of: "[roles.mlops]", in: text)
    #expect(!report.isPassing)
    let failure = try #require(report.failures.first)
    #expect(report.failures.count == 1)
    #expect(failure.check == "sod.raw-data")
    #expect(failure.line == line)
    #expect(
      failure.message
        == "role mlops (policy.toml:\(line)) holds data.raw.read; only data-steward may read raw, "
        + "identifying data")
    #expect(
      report.text.contains(
        "data.raw.read: raw landing-zone data: mlops (line \(line)), data-steward"))
  }

  @Test func everyOffendingRoleIsNamed() throws {
    let policy = try PolicyDocument.parse(
      """
      [roles.a]
      permissions = ["promotion.request", "promotion.approve", "data.raw.read"]
      [roles.b]
      permissions = ["data.raw.read"]
      """, source: "p.toml")
    let failures = PolicyCheck.run(policy).failures
    #expect(failures.map(\.check) == ["sod.promotion", "sod.raw-data", "sod.raw-data"])
    #expect(failures.map(\.line) == [1, 1, 3])
    #expect(PolicyCheck.run(policy).text.hasSuffix("FAILED: 2 of 2 checks failed"))
  }
}
