/// Everything a principal may be allowed to do. Roles grant permissions (in the policy file);
/// every Engine call checks one.
public enum Permission: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
  /// See the dashboard: jobs, metrics, the registry's model list.
  case jobRead = "job.read"
  /// Submit a training job (the submission rules of the policy apply).
  case jobSubmit = "job.submit"
  /// Pause, resume or stop one's own jobs.
  case jobControlOwn = "job.control.own"
  /// Pause, resume or stop any job (operations: draining the engine).
  case jobControlAny = "job.control.any"
  /// Quarantine a job (pause it and block its models' promotion) and lift a quarantine.
  case jobQuarantine = "job.quarantine"
  /// Set concurrency quotas.
  case quotaManage = "quota.manage"
  /// Model and version metadata, provenance, aliases and their history.
  case modelRead = "model.read"
  /// Decrypted model weights (a sensitive read, audited).
  case modelExport = "model.export"
  /// Ask for a candidate model version to be promoted to an alias.
  case promotionRequest = "promotion.request"
  /// Approve or reject a promotion request.
  case promotionApprove = "promotion.approve"
  /// Move an alias back to the version it held before.
  case aliasRollback = "alias.rollback"
  /// Read audit log entries.
  case auditRead = "audit.read"
  /// Recompute the audit log's leaves and signed heads and report the first mismatch.
  case auditVerify = "audit.verify"
  /// Export the audit log and its signed heads (a sensitive read, audited).
  case auditExport = "audit.export"
  /// See alerts and their evidence.
  case alertRead = "alert.read"
  /// Acknowledge, snooze or suppress alerts.
  case alertManage = "alert.manage"
  /// Acknowledge, assign, annotate and resolve incidents.
  case incidentManage = "incident.manage"
  /// Start an attack drill on a live job.
  case drillRun = "drill.run"
  /// Read the landing zone (raw, identifying data).
  case dataRawRead = "data.raw.read"
  /// Write raw data into the landing zone.
  case dataIngest = "data.ingest"
  /// Run the pipeline: PII scan, anonymisation, tokenisation, into the processing zone.
  case dataProcess = "data.process"
  /// Read de-identified data from the processing zone.
  case dataProcessedRead = "data.processed.read"
  /// Map tokens back to the values they replaced.
  case dataReidentify = "data.reidentify"
  /// Make an edited access file take effect.
  case accessApply = "access.apply"
  /// Make an edited policy file take effect.
  case policyApply = "policy.apply"

  public static func < (a: Permission, b: Permission) -> Bool { a.rawValue < b.rawValue }
}

/// The roles of the blueprint. A policy file may define others; these are the ones Rampart's
/// defaults, checks and demo use.
public enum StandardRole: String, CaseIterable, Sendable {
  case dataScientist = "data-scientist"
  case mlops
  case devops
  case socAnalyst = "soc-analyst"
  case auditor
  case dataSteward = "data-steward"
  case admin
}
