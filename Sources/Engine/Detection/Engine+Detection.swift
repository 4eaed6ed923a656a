import Crypto
import Detection
import Foundation
import GRDB
import Governance
import Learning
import Storage

extension Engine {
  /// Attaches the job's detectors (and any drill asked for earlier) to a new session's channel.
  /// Runs on the job's queue.
  func attachDetection(_ job: JobRuntime, _ session: any TrainingSession) {
    var key: [UInt8]?
    if configuration.integrityTags {
      // A per-job tag key derived from the workspace's master secret.
      key = governance.workspace.derivedKey("transition-integrity:\(job.id.rawValue)")
        .withUnsafeBytes { Array($0.prefix(16)) }
    }
    let detection = JobDetection(
      settings: configuration.detection, integrityKey: key,
      kinematics: job.spec.environment.kinematics)
    for plan in job.box.pendingDrills {
      detection.add(
        drill: plan, actionCount: job.spec.actionCount, probe: session.policyProbe)
    }
    job.box.pendingDrills = []
    detection.install(on: session.interception)
    job.box.detection = detection
  }

  /// Feeds a finished chunk to the job's detectors and raises what they found.
  func detect(_ report: ChunkReport, cpu: Double, session: any TrainingSession, job: JobRuntime) {
    guard let detection = job.box.detection else { return }
    let drafts = detection.observe(
      ChunkSample(
        step: session.stepsDone, episodes: report.episodes, updates: report.updates,
        safety: report.safety, steps: report.steps, cpuSeconds: cpu,
        actionLikelihood: report.actionLikelihood))
    for draft in drafts { raise(draft, job: job.id.rawValue, principal: nil) }
  }

  /// Stores an alert (filed into an incident), audits it and publishes it.
  @discardableResult
  func raise(_ draft: AlertDraft, job: String?, principal: String?) -> Alert? {
    let window = configuration.detection.incidentWindowSeconds
    let stored: Alert?
    do {
      stored = try governance.store.writer.write { db in
        try DetectionStore.insert(draft, job: job, principal: principal, window: window, in: db)
      }
    } catch {
      FileHandle.standardError.write(Data("rampart: cannot store an alert: \(error)\n".utf8))
      return nil
    }
    guard let alert = stored else {
      recordSystem(
        "alert.suppressed", target: job.map { "job:\($0)" } ?? "principal:\(principal ?? "")",
        details: ["detector": draft.detector, "summary": draft.summary])
      return nil
    }
    recordSystem(
      "alert.raise", target: job.map { "job:\($0)" } ?? "principal:\(principal ?? "")",
      details: [
        "alert": String(alert.id), "detector": alert.detector, "severity": alert.severity.rawValue,
        "technique": alert.technique ?? "", "incident": alert.incident.map(String.init) ?? "",
        "step": String(alert.evidence.step),
      ])
    events.publish(.alert(alert), by: .system)
    return alert
  }

  /// Access anomalies: a burst of denials of one principal.
  /// Starts following the audit log for access anomalies from the entries after the current
  /// end (history is not re-alerted). Denials and raw-data reads made by any process on the
  /// workspace land in the log, so the CLI's count as much as the console's.
  func watchDenials() {
    let end = ((try? governance.audit.count()) ?? 0) - 1
    accessWatch.withLock { $0 = AccessWatch(after: end) }
  }

  /// Reads the audit entries appended since the last call and raises what they amount to (on
  /// the command poller's queue).
  func followAccess() {
    let settings = configuration.detection
    let found = accessWatch.withLock { watch -> [(AlertDraft, String)] in
      guard var w = watch else { return [] }
      defer { watch = w }
      return w.poll(governance.audit, settings: settings)
    }
    for (draft, principal) in found { raise(draft, job: nil, principal: principal) }
  }

  // MARK: Drills

  /// Starts a drill on a job (drill.run; audited as a drill). The detectors are not told.
  public func startDrill(_ plan: DrillPlan, job id: JobID, as principal: Principal)
    throws(EngineError)
  {
    let job = try runtime(id)
    guard plan.rate > 0, plan.rate <= 1, plan.start >= 0 else {
      throw .invalidRequest("a drill's rate must be in (0, 1] and its start step not negative")
    }
    // The scenario file's bound, held here too: a CLI or console drill gets the same check.
    guard plan.strength.isFinite, abs(plan.strength) <= 1_000 else {
      throw .invalidRequest("a drill's strength must be a number from -1000 to 1000")
    }
    try authorize(
      principal, .drillRun, target: "job:\(id.rawValue)",
      details: [
        "drill": "true", "kind": plan.kind.rawValue, "rate": String(plan.rate),
        "start": String(plan.start), "strength": String(plan.strength),
      ])
    let actions = job.spec.actionCount
    if plan.kind == .observationFGSM, job.spec.algorithm != .ppo {
      throw .invalidRequest(
        "observation-fgsm attacks the job's policy network; \(job.spec.algorithm.rawValue) has a table"
      )
    }
    if plan.kind == .dynamicsTamper {
      guard job.spec.environment == .cartpole else {
        throw .invalidRequest(
          "dynamics-tamper changes CartPole's motor force; this job runs \(job.spec.environment.rawValue)"
        )
      }
      job.queue.async { job.box.pendingDynamics.append(plan) }
      return
    }
    job.queue.async {
      if let detection = job.box.detection, let session = job.box.session {
        detection.add(drill: plan, actionCount: actions, probe: session.policyProbe)
        detection.install(on: session.interception)
      } else {
        job.box.pendingDrills.append(plan)
      }
    }
  }

  /// Stops every drill on a job (audited as a drill).
  public func stopDrills(job id: JobID, as principal: Principal) throws(EngineError) {
    let job = try runtime(id)
    try authorize(principal, .drillRun, target: "job:\(id.rawValue)", details: ["drill": "stop"])
    job.queue.async {
      job.box.pendingDrills = []
      job.box.pendingDynamics = []
      if let detection = job.box.detection, let session = job.box.session {
        detection.removeDrills()
        detection.install(on: session.interception)
      }
    }
  }
}
