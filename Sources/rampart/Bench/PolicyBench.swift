import Foundation
import Governance

/// Time of one authorisation decision (role grants, then the deny rules for the action, and the
/// decision's message) against the default policy and access files, over a mix of requests like
/// the engine's: submissions, promotions, exports, data reads, denials of each kind.
struct PolicyBench {
  let runs: Int
  let out: BenchOutput

  /// Decisions timed per run, one at a time.
  private let decisionsPerRun = 40_000

  /// One principal per standard role, added to the default access file's owner.
  private static let staff = """

    [principals.dana]
    roles = ["data-scientist"]
    [principals.omar]
    roles = ["mlops"]
    [principals.devi]
    roles = ["devops"]
    [principals.sam]
    roles = ["soc-analyst"]
    [principals.audrey]
    roles = ["auditor"]
    [principals.stella]
    roles = ["data-steward"]
    """

  func run() throws {
    let policy = try PolicyDocument.parse(PolicyDocument.defaultText, source: "policy.toml")
    let access = try AccessDocument.parse(
      AccessDocument.defaultText(owner: "owner") + Self.staff, source: "access.toml")
    try access.validate(against: policy)
    let authorizer = Authorizer(policy: policy, access: access)
    let requests = Self.mix()
    var allowed = 0
    for _ in 0..<1_000 {
      for request in requests where authorizer.decide(request).allowed { allowed += 1 }
    }
    var micros: [Double] = []
    micros.reserveCapacity(max(runs, 1) * decisionsPerRun)
    var denials = 0
    for _ in 0..<max(runs, 1) {
      for position in 0..<decisionsPerRun {
        let request = requests[position % requests.count]
        let start = DispatchTime.now().uptimeNanoseconds
        let decision = authorizer.decide(request)
        let end = DispatchTime.now().uptimeNanoseconds
        micros.append(Double(end - start) / 1_000)
        denials += decision.allowed ? 0 : 1
      }
    }
    let sorted = micros.sorted()
    let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.down)))]
    let medianMicros = median(micros)
    let deniedShare = Double(denials) / Double(micros.count)
    out.emit(
      JSONLine([
        "bench": "policy", "decision_us_median": .double(medianMicros),
        "decision_us_p99": .double(p99), "decisions": .int(micros.count),
        "requests_in_mix": .int(requests.count), "denied_fraction": .double(deniedShare),
      ]),
      text:
        "policy: \(format(medianMicros, 2)) us median per decision (p99 \(format(p99, 2)) us) "
        + "over \(micros.count) decisions of a \(requests.count)-request mix against the default "
        + "policy (\(policy.roles.count) roles, \(policy.rules.count) rules); "
        + "\(format(deniedShare * 100, 0))% denied")
  }

  /// Requests as the engine makes them, allowed and denied, by role grants and by rules.
  private static func mix() -> [PolicyRequest] {
    let submission: [String: PolicyValue] = [
      "algorithm": "ppo", "environment": "cartpole", "monitor": "enforce", "steps": 200_000,
      "ppo.environments": 8,
    ]
    let candidate: [String: PolicyValue] = [
      "environment": "cartpole", "evaluation.mean_return": 500, "evaluation.safety_violations": 0,
      "source_job.open_high_alerts": 0, "source_job.quarantined": false,
    ]
    func with(_ base: [String: PolicyValue], _ changes: [String: PolicyValue]) -> [String:
      PolicyValue]
    {
      base.merging(changes) { _, new in new }
    }
    func request(
      _ principal: String, _ permission: Permission, _ attributes: [String: PolicyValue] = [:]
    ) -> PolicyRequest {
      PolicyRequest(principal: principal, permission: permission, attributes: attributes)
    }
    return [
      request("dana", .jobSubmit, submission),
      request("dana", .jobSubmit, with(submission, ["environment": "capacity", "monitor": "off"])),
      request("dana", .jobSubmit, with(submission, ["steps": 900_000_000])),
      request(
        "dana", .jobSubmit,
        with(submission, ["dataset.id": "ds-7", "dataset.classification": "confidential"])),
      request("dana", .jobRead),
      request("dana", .promotionRequest, candidate),
      request("dana", .promotionApprove, candidate),
      request("omar", .promotionApprove, candidate),
      request("omar", .promotionApprove, with(candidate, ["evaluation.safety_violations": 2])),
      request("omar", .modelExport, ["source_job.quarantined": true]),
      request("devi", .modelExport, ["source_job.quarantined": false]),
      request(
        "stella", .dataProcessedRead,
        ["dataset.id": "ds-3", "dataset.classification": "confidential"]),
      request(
        "dana", .dataProcessedRead,
        ["dataset.id": "ds-3", "dataset.classification": "confidential"]
      ),
      request("sam", .jobQuarantine),
      request("mallory", .jobRead),
      request("system", .promotionApprove, candidate),
      request("audrey", .auditExport),
      request("owner", .policyApply),
    ]
  }
}
