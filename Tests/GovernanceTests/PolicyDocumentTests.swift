import ConfigFile
import Crypto
import Foundation
import Governance
import Testing

/// Content hashes, the default text, values as JSON and `PolicyTest`.
@Suite struct PolicyDocumentTests {
  private func hex(_ text: String) -> String {
    SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  @Test func theVersionIsTheSHA256OfTheBytes() throws {
    let policy = try defaultPolicy()
    #expect(policy.sha256 == hex(PolicyDocument.defaultText))
    #expect(policy.sha256.count == 64)
    // One byte of a comment changes the version, not the meaning.
    let edited = PolicyDocument.defaultText.replacingOccurrences(
      of: "# Rampart policy:", with: "# Rampart Policy:")
    let other = try PolicyDocument.parse(edited, source: "policy.toml")
    #expect(other.sha256 != policy.sha256)
    #expect(other.sha256 == hex(edited))
    #expect(other.roles == policy.roles)
    #expect(other.rules == policy.rules)
  }

  @Test func theDefaultTextExplainsItselfAndParses() throws {
    let policy = try defaultPolicy()
    #expect(policy.roles.count == 7)
    #expect(policy.rules.count == 22)
    #expect(PolicyDocument.defaultText.hasPrefix("# Rampart policy"))
    for rule in policy.rules {
      #expect(rule.line > 0)
      #expect(!rule.conditions.isEmpty, "\(rule.id)")
    }
    let monitor = try #require(policy.rules.first { $0.id == "submit.monitor-required" })
    #expect(monitor.actions == [.jobSubmit])
    #expect(
      monitor.conditions.map(\.text) == ["environment in [\"capacity\"]", "monitor eq \"off\""])
  }

  @Test func loadingAFileReadsItsBytes() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("rampart-policy-\(UUID().uuidString).toml").path
    try Data(PolicyDocument.defaultText.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let policy = try PolicyDocument.load(contentsOfFile: path)
    #expect(policy.source == path)
    #expect(policy.sha256 == hex(PolicyDocument.defaultText))
  }

  @Test func policyValuesAreJSONValues() throws {
    let values: [String: PolicyValue] = [
      "algorithm": "ppo", "steps": 100_000, "ratio": 0.75, "quarantined": false,
      "roles": ["mlops", "auditor"],
    ]
    let data = try JSONEncoder().encode(values)
    #expect(try JSONDecoder().decode([String: PolicyValue].self, from: data) == values)
    let json = #"{"a": "x", "b": 2, "c": 2.5, "d": true, "e": ["p", "q"], "f": []}"#
    let decoded = try JSONDecoder().decode([String: PolicyValue].self, from: Data(json.utf8))
    #expect(
      decoded == [
        "a": .string("x"), "b": .number(2), "c": .number(2.5), "d": .bool(true),
        "e": .list(["p", "q"]), "f": .list([]),
      ])
    #expect(
      String(decoding: try JSONEncoder().encode(PolicyValue.bool(true)), as: UTF8.self) == "true")
    #expect(
      String(decoding: try JSONEncoder().encode(PolicyValue.string("x")), as: UTF8.self) == "\"x\"")
    for bad in ["null", #"{"k": 1}"#, "[1, 2]", #"["a", true]"#] {
      #expect(throws: DecodingError.self) {
        try JSONDecoder().decode(PolicyValue.self, from: Data(bad.utf8))
      }
    }
  }

  @Test func requestsAndDecisionsRoundTrip() throws {
    let request = PolicyRequest(
      principal: "dana", permission: .jobSubmit, attributes: ["algorithm": "ppo", "steps": 10])
    let data = try JSONEncoder().encode(request)
    #expect(try JSONDecoder().decode(PolicyRequest.self, from: data) == request)
    let decision = try defaultAuthorizer().decide(request)
    let back = try JSONDecoder().decode(
      PolicyDecision.self, from: try JSONEncoder().encode(decision))
    #expect(back == decision)
  }

  @Test func policyTestDecidesARequestWrittenAsJSON() throws {
    let policy = try defaultPolicy()
    let access = try AccessDocument.parse(testAccessText, source: "access.toml")
    let looked = try PolicyTest.run(
      policy: policy, access: access,
      request: #"""
        {"principal": "omar", "action": "promotion.approve",
         "attributes": {"environment": "cartpole", "evaluation.mean_return": 500,
                        "evaluation.safety_violations": 2}}
        """#)
    #expect(!looked.allowed)
    #expect(looked.roles == ["mlops"])
    #expect(looked.deniedBy == ["promote.zero-violations"])
    #expect(
      looked.message
        == "denied by rule promote.zero-violations: the monitored re-evaluation had 2 safety "
        + "violations")

    let given = try PolicyTest.run(
      policy: policy, access: nil,
      request:
        #"{"principal": "eve", "roles": ["data-scientist"], "action": "job.submit", "attributes": {"algorithm": "ppo"}}"#
    )
    #expect(given.allowed)
    #expect(
      given.message
        == "allowed: job.submit granted by data-scientist; 7 rules checked, none matched")

    let unlisted = try PolicyTest.run(
      policy: policy, access: nil, request: #"{"principal": "eve", "action": "job.read"}"#)
    #expect(!unlisted.allowed)
    #expect(unlisted.message.hasPrefix("denied: eve (not in the access file) lacks job.read"))
  }

  @Test func policyTestRefusesMalformedRequests() throws {
    let policy = try defaultPolicy()
    let cases: [(String, String)] = [
      (
        "{principal: dana}",
        "request: not a JSON object such as {\"principal\": \"dana\", \"action\": \"job.submit\", "
          + "\"attributes\": {}}"
      ),
      (
        "[1]",
        "request: not a JSON object such as {\"principal\": \"dana\", \"action\": \"job.submit\", "
          + "\"attributes\": {}}"
      ),
      (#"{"action": "job.read"}"#, "request: missing \"principal\""),
      (#"{"principal": "dana"}"#, "request: missing \"action\""),
      (#"{"principal": 7, "action": "job.read"}"#, "request: \"principal\" must be a string"),
      (
        #"{"principal": "dana", "action": "job.read", "roles": "mlops"}"#,
        "request: \"roles\" must be a list of role names"
      ),
      (
        #"{"principal": "dana", "action": "job.read", "attributes": {"steps": null}}"#,
        "request: attribute \"steps\" must be a string, number, boolean or list of strings"
      ),
      (
        #"{"principal": "dana", "action": "job.read", "attributes": [1]}"#,
        "request: \"attributes\" must be an object of name: value"
      ),
      (
        #"{"principal": "dana", "action": "job.read", "attribute": {}}"#,
        "request: unknown key \"attribute\" (known: action, attributes, principal, roles)"
      ),
      (
        #"{"principal": "dana", "action": "job.sumbit"}"#,
        "request: unknown action \"job.sumbit\" (known: access.apply, alert.manage, alert.read, "
          + "alias.rollback, audit.export, audit.read, audit.verify, data.ingest, data.process, "
          + "data.processed.read, data.raw.read, data.reidentify, drill.run, incident.manage, "
          + "job.control.any, job.control.own, job.quarantine, job.read, job.submit, "
          + "model.export, model.read, policy.apply, promotion.approve, promotion.request, "
          + "quota.manage)"
      ),
    ]
    for (json, message) in cases {
      #expect(throws: PolicyTestError(message), "\(json)") {
        try PolicyTest.run(policy: policy, access: nil, request: json)
      }
    }
  }
}
