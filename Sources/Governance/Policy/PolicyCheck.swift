/// What `rampart policy check` found.
public struct PolicyCheckReport: Sendable, Hashable {
  /// One line of the report.
  public struct Finding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
      case pass = "PASS"
      case fail = "FAIL"
      case info = "INFO"
    }

    public let kind: Kind
    /// The check's id, such as `sod.promotion`.
    public let check: String
    public let message: String
    /// The line of the role a failure concerns; 0 otherwise.
    public let line: Int
  }

  /// The policy's name, usually its path.
  public let source: String
  /// The policy's SHA-256.
  public let sha256: String
  public let findings: [Finding]

  /// Whether no check failed.
  public var isPassing: Bool { !findings.contains { $0.kind == .fail } }

  /// The failed checks.
  public var failures: [Finding] { findings.filter { $0.kind == .fail } }

  /// The report for people, one finding a line, then the verdict.
  public var text: String {
    var lines = ["policy check: \(source) (sha256 \(sha256.prefix(16)))"]
    for finding in findings {
      lines.append("  \(finding.kind.rawValue)  \(finding.check): \(finding.message)")
    }
    let checks = Set(findings.filter { $0.kind != .info }.map(\.check))
    let failed = Set(failures.map(\.check))
    lines.append(
      isPassing
        ? "passed: separation of duties holds (\(checks.count) of \(checks.count) checks)"
        : "FAILED: \(failed.count) of \(checks.count) checks failed")
    return lines.joined(separator: "\n")
  }
}

/// Proves separation of duties over a policy's role definitions.
///
/// Rules only deny, so every grant comes from a role: a property of the roles' permission sets
/// therefore holds for every request the policy can ever allow, whatever the attributes. (The
/// `system` principal holds every permission by design; it is no role and no access file can
/// name it.) The policy was validated when it was parsed.
public enum PolicyCheck {
  /// The only role allowed to read the landing zone.
  public static let rawDataRole = StandardRole.dataSteward.rawValue

  public static func run(_ policy: PolicyDocument) -> PolicyCheckReport {
    var findings: [PolicyCheckReport.Finding] = []
    func add(_ kind: PolicyCheckReport.Finding.Kind, _ check: String, _ message: String, line: Int)
    {
      findings.append(.init(kind: kind, check: check, message: message, line: line))
    }
    func place(_ role: PolicyRole) -> String { "\(policy.source):\(role.line)" }

    add(
      .info, "grants",
      "\(policy.roles.count) roles, \(policy.rules.count) rules; rules only deny, so every "
        + "grant below comes from a role definition",
      line: 0)

    let selfApprovers = policy.roles.filter {
      $0.grants(.promotionRequest) && $0.grants(.promotionApprove)
    }
    for role in selfApprovers {
      add(
        .fail, "sod.promotion",
        "role \(role.name) (\(place(role))) holds both promotion.request and promotion.approve, "
          + "so one principal could approve its own request",
        line: role.line)
    }
    if selfApprovers.isEmpty {
      add(
        .pass, "sod.promotion",
        "no role holds both promotion.request and promotion.approve "
          + "(requesters: \(holders(.promotionRequest, in: policy)); "
          + "approvers: \(holders(.promotionApprove, in: policy)))",
        line: 0)
    }

    let rawReaders = policy.roles.filter { $0.grants(.dataRawRead) && $0.name != rawDataRole }
    for role in rawReaders {
      add(
        .fail, "sod.raw-data",
        "role \(role.name) (\(place(role))) holds data.raw.read; only \(rawDataRole) may read "
          + "raw, identifying data",
        line: role.line)
    }
    if rawReaders.isEmpty {
      add(.pass, "sod.raw-data", "no role other than \(rawDataRole) holds data.raw.read", line: 0)
    }

    add(
      .info, "model.export", "decrypted model weights: \(holders(.modelExport, in: policy))",
      line: 0)
    add(
      .info, "data.raw.read", "raw landing-zone data: \(holders(.dataRawRead, in: policy))",
      line: 0)
    add(
      .info, "data.reidentify",
      "re-identification of tokens: \(holders(.dataReidentify, in: policy))", line: 0)
    add(
      .info, "system",
      "the system principal holds every permission and is bound by the rules; "
        + "no access file may name it",
      line: 0)
    return PolicyCheckReport(source: policy.source, sha256: policy.sha256, findings: findings)
  }

  /// `mlops (line 12), data-scientist (line 8)`, or `no role`.
  private static func holders(_ permission: Permission, in policy: PolicyDocument) -> String {
    let roles = policy.roles.filter { $0.grants(permission) }
    return roles.isEmpty
      ? "no role" : roles.map { "\($0.name) (line \($0.line))" }.joined(separator: ", ")
  }
}
