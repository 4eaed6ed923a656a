import Governance
import Testing

/// Each default rule, matching and not matching.
@Suite struct PolicyRuleTests {
  let authorizer: Authorizer

  init() throws {
    authorizer = try defaultAuthorizer()
  }

  /// Expects `principal`'s request to be denied by exactly `rule`, with `because` as the
  /// rule's explanation.
  private func expectDenied(
    _ principal: String, _ permission: Permission, _ attributes: [String: PolicyValue],
    by rule: String, because: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let decision = authorizer.decide(
      principal: principal, permission: permission, attributes: attributes)
    #expect(!decision.allowed, sourceLocation: sourceLocation)
    #expect(decision.deniedBy == [rule], sourceLocation: sourceLocation)
    #expect(
      decision.message == "denied by rule \(rule): \(because)", sourceLocation: sourceLocation)
    #expect(!decision.grantedBy.isEmpty || principal == "system", sourceLocation: sourceLocation)
  }

  private func expectAllowed(
    _ principal: String, _ permission: Permission, _ attributes: [String: PolicyValue],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let decision = authorizer.decide(
      principal: principal, permission: permission, attributes: attributes)
    #expect(decision.allowed, "\(decision.message)", sourceLocation: sourceLocation)
    #expect(decision.deniedBy == [], sourceLocation: sourceLocation)
  }

  @Test func theDefaultPolicyHasTheseRules() throws {
    let ids = try defaultPolicy().rules.map(\.id)
    #expect(
      ids == [
        "submit.approved-algorithms", "submit.monitor-required", "submit.resource-limits",
        "submit.resource-limits.ppo-environments", "submit.dataset-classification",
        "data.restricted", "data.confidential-steward-only", "data.classification-required",
        "data.classification-known", "publish.no-pii-in-kept-columns",
        "publish.quasi-identifiers-required", "publish.k-anonymity", "promote.evaluation-required",
        "promote.minimum-return.cartpole", "promote.minimum-return.frozenlake",
        "promote.minimum-return.frozenlake8x8", "promote.minimum-return.capacity",
        "promote.known-environment", "promote.zero-violations", "promote.no-open-high-alert",
        "promote.not-quarantined", "export.not-quarantined",
      ])
    for rule in try defaultPolicy().rules {
      #expect(!rule.description.isEmpty)
    }
  }

  /// Publishing a processed dataset version: PII left in a kept column, no quasi-identifiers or
  /// k below 5 each deny; a version that passes all three is published.
  @Test func publishingGates() {
    let clean: [String: PolicyValue] = [
      "dataset.id": "demand", "dataset.classification": "internal",
      "dataset.quasi_identifiers": 2, "dataset.k_anonymity": 5, "dataset.kept_pii_columns": 0,
      "dataset.kept_pii": "",
    ]
    expectAllowed("stella", .dataProcess, clean)
    func denied(_ change: [String: PolicyValue]) -> [String] {
      authorizer.decide(
        principal: "stella", permission: .dataProcess,
        attributes: clean.merging(change) { $1 }
      ).deniedBy
    }
    #expect(
      denied(["dataset.kept_pii_columns": 1, "dataset.kept_pii": "email in email"])
        == ["publish.no-pii-in-kept-columns"])
    #expect(denied(["dataset.k_anonymity": 4]) == ["publish.k-anonymity"])
    var none = clean
    none["dataset.quasi_identifiers"] = 0
    none["dataset.k_anonymity"] = nil
    #expect(
      authorizer.decide(principal: "stella", permission: .dataProcess, attributes: none).deniedBy
        == ["publish.quasi-identifiers-required"])
  }

  @Test func aCleanSubmissionIsAllowedAndSaysWhatWasChecked() {
    let decision = authorizer.decide(
      principal: "dana", permission: .jobSubmit, attributes: cleanAttributes)
    #expect(decision.allowed)
    #expect(decision.grantedBy == ["data-scientist"])
    #expect(
      decision.message
        == "allowed: job.submit granted by data-scientist; 7 rules checked, none matched"
    )
  }

  @Test func approvedAlgorithms() {
    expectDenied(
      "dana", .jobSubmit, attributes(["algorithm": "dqn"]), by: "submit.approved-algorithms",
      because: "algorithm dqn is not approved (approved: ppo, q-learning)")
    expectAllowed("dana", .jobSubmit, attributes(["algorithm": "q-learning"]))
    expectAllowed("dana", .jobSubmit, attributes(["algorithm": "ppo"]))
  }

  @Test func monitorRequired() {
    expectDenied(
      "dana", .jobSubmit, attributes(["environment": "capacity", "monitor": "off"]),
      by: "submit.monitor-required",
      because: "the capacity environment's hard constraints need the monitor (monitor is off)")
    expectAllowed(
      "dana", .jobSubmit, attributes(["environment": "capacity", "monitor": "observe"]))
    expectAllowed("dana", .jobSubmit, attributes(["environment": "cartpole", "monitor": "off"]))
    // A condition on a missing attribute does not hold.
    expectAllowed("dana", .jobSubmit, attributes(["environment": "capacity", "monitor": nil]))
  }

  @Test func resourceLimits() {
    expectDenied(
      "dana", .jobSubmit, attributes(["steps": 600_000_001]), by: "submit.resource-limits",
      because: "600000001 training steps exceed the limit of 600000000")
    expectAllowed("dana", .jobSubmit, attributes(["steps": 600_000_000]))
    expectDenied(
      "dana", .jobSubmit, attributes(["ppo.environments": 65]),
      by: "submit.resource-limits.ppo-environments",
      because: "65 vectorised PPO environments exceed the limit of 64")
    expectAllowed("dana", .jobSubmit, attributes(["ppo.environments": 64]))
  }

  @Test func datasetClassificationOnSubmission() {
    expectDenied(
      "dana", .jobSubmit,
      attributes(["dataset.id": "ds-7", "dataset.classification": "restricted"]),
      by: "submit.dataset-classification",
      because: "dataset ds-7 is restricted; no job may train on restricted data")
    expectAllowed("dana", .jobSubmit, attributes(["dataset.classification": "confidential"]))
    expectAllowed("dana", .jobSubmit, attributes(["dataset.classification": "public"]))
    // A job that reads no dataset carries no dataset attributes.
    expectAllowed(
      "dana", .jobSubmit, attributes(["dataset.id": nil, "dataset.classification": nil]))
  }

  @Test func restrictedDataIsReadableByNobody() {
    let restricted = attributes(["dataset.id": "ds-7", "dataset.classification": "restricted"])
    for principal in ["dana", "stella", "system"] {
      expectDenied(
        principal, .dataProcessedRead, restricted, by: "data.restricted",
        because: "dataset ds-7 is restricted; it is not readable from the processing zone")
    }
    expectAllowed("stella", .dataProcessedRead, attributes(["dataset.classification": "internal"]))
  }

  @Test func confidentialDataIsForDataStewards() {
    let confidential = attributes(["dataset.id": "ds-3", "dataset.classification": "confidential"])
    expectDenied(
      "dana", .dataProcessedRead, confidential, by: "data.confidential-steward-only",
      because: "dataset ds-3 is confidential; only a data steward may read it")
    expectAllowed("stella", .dataProcessedRead, confidential)
    expectAllowed("dana", .dataProcessedRead, attributes(["dataset.classification": "internal"]))
    expectAllowed("dana", .dataProcessedRead, attributes(["dataset.classification": "public"]))
  }

  @Test func aDatasetNeedsAKnownClassification() {
    for permission in [Permission.jobSubmit, .dataProcessedRead] {
      expectDenied(
        "dana", permission, attributes(["dataset.id": "ds-5", "dataset.classification": nil]),
        by: "data.classification-required", because: "dataset ds-5 has no classification")
      expectDenied(
        "dana", permission, attributes(["dataset.id": "ds-5", "dataset.classification": "secret"]),
        by: "data.classification-known",
        because: "dataset ds-5 has an unknown classification secret (known: public, internal, "
          + "confidential, restricted)")
    }
  }

  @Test func promotionNeedsAReEvaluation() {
    expectDenied(
      "omar", .promotionApprove, attributes(["evaluation.mean_return": nil]),
      by: "promote.evaluation-required", because: "the candidate has no held-out re-evaluation")
  }

  @Test func minimumReturnPerEnvironment() {
    let cases: [(String, Double, Double, String)] = [
      ("cartpole", 474.5, 475, "the held-out mean return 474.5 is below cartpole's minimum of 475"),
      (
        "frozenlake", 0.69, 0.70,
        "the held-out success rate 0.69 is below frozenlake's minimum of 0.70"
      ),
      (
        "frozenlake8x8", 0.84, 0.85,
        "the held-out success rate 0.84 is below frozenlake8x8's minimum of 0.85"
      ),
      ("capacity", 99, 100, "the held-out mean return 99 is below capacity's minimum of 100"),
    ]
    for (environment, below, atMinimum, because) in cases {
      expectDenied(
        "omar", .promotionApprove,
        attributes(["environment": .string(environment), "evaluation.mean_return": .number(below)]),
        by: "promote.minimum-return.\(environment)", because: because)
      expectAllowed(
        "omar", .promotionApprove,
        attributes([
          "environment": .string(environment), "evaluation.mean_return": .number(atMinimum),
        ]))
    }
    // Each threshold applies to its own environment only.
    expectAllowed(
      "omar", .promotionApprove,
      attributes(["environment": "frozenlake", "evaluation.mean_return": 0.9]))
  }

  @Test func promotionNeedsAKnownEnvironment() {
    expectDenied(
      "omar", .promotionApprove, attributes(["environment": "pong"]),
      by: "promote.known-environment", because: "no minimum return is defined for environment pong")
  }

  @Test func zeroViolations() {
    expectDenied(
      "omar", .promotionApprove, attributes(["evaluation.safety_violations": 2]),
      by: "promote.zero-violations",
      because: "the monitored re-evaluation had 2 safety violations")
    expectAllowed("omar", .promotionApprove, attributes(["evaluation.safety_violations": 0]))
  }

  @Test func noOpenHighAlert() {
    expectDenied(
      "omar", .promotionApprove, attributes(["source_job.open_high_alerts": 1]),
      by: "promote.no-open-high-alert",
      because: "the source job has 1 open high-severity alerts")
    expectAllowed("omar", .promotionApprove, attributes(["source_job.open_high_alerts": 0]))
  }

  @Test func notQuarantined() {
    expectDenied(
      "omar", .promotionApprove, attributes(["source_job.quarantined": true]),
      by: "promote.not-quarantined", because: "the source job is quarantined")
    expectAllowed("omar", .promotionApprove, attributes(["source_job.quarantined": false]))
    for principal in ["omar", "dana"] {
      expectDenied(
        principal, .modelExport, attributes(["source_job.quarantined": true]),
        by: "export.not-quarantined",
        because: "the model's source job is quarantined; its weights cannot be exported")
      expectAllowed(principal, .modelExport, attributes(["source_job.quarantined": false]))
    }
  }

  @Test func everyMatchingRuleIsNamed() {
    let decision = authorizer.decide(
      principal: "omar", permission: .promotionApprove,
      attributes: attributes([
        "evaluation.mean_return": 12, "evaluation.safety_violations": 4,
        "source_job.quarantined": true,
      ]))
    #expect(
      decision.deniedBy == [
        "promote.minimum-return.cartpole", "promote.zero-violations", "promote.not-quarantined",
      ])
    #expect(
      decision.message
        == "denied by rule promote.minimum-return.cartpole: the held-out mean return 12 is below "
        + "cartpole's minimum of 475; and by rule promote.zero-violations: the monitored "
        + "re-evaluation had 4 safety violations; and by rule promote.not-quarantined: the source "
        + "job is quarantined")
  }
}
