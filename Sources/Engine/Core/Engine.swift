import Detection
import Dispatch
import Foundation
import Governance
import Learning
import Storage

/// Settings of an engine instance.
public struct EngineConfiguration: Sendable {
  /// Chunks running at once (default: the core count).
  public var workerSlots = ProcessInfo.processInfo.activeProcessorCount
  /// Environment steps per training call; a chunk repeats calls until `chunkSeconds` have passed,
  /// so fast jobs publish metrics (and honour pause/stop) about 20 times a second, not thousands.
  public var chunkSteps = 2048
  /// Minimum wall time of a chunk.
  public var chunkSeconds = 0.05
  /// Events kept in memory for polling.
  public var eventCapacity = 4096
  /// Where to load NVML from (nil: `RAMPART_NVML_LIBRARY` or `libnvidia-ml.so.1`).
  public var nvmlLibrary: String?
  /// How often the engine looks for commands queued by other processes.
  public var commandPollSeconds = 0.25
  /// Detector thresholds.
  public var detection = DetectionSettings()
  /// Integrity tags on the environment→learner channel (off only to measure the statistical
  /// detectors on their own).
  public var integrityTags = true
  public init() {}
}

/// The platform facade: jobs, scheduler, workers, telemetry and events. Every command and query
/// takes the acting principal and is authorised by the workspace's governance (roles, policy,
/// quotas); every change is audited. The console and the CLI both go through here.
public final class Engine: Sendable {
  public let configuration: EngineConfiguration
  public let governance: Governance
  let events: EventLog
  let jobs = Locked<[JobID: JobRuntime]>([:])
  let telemetry: GPUTelemetry
  let store: JobStore
  private let scheduler: Locked<Scheduler?> = Locked(nil)
  private let lock: EngineLock?
  let poller: Locked<DispatchSourceTimer?> = Locked(nil)
  /// Where the access-anomaly watch stands in the audit log (see `followAccess`).
  let accessWatch: Locked<AccessWatch?> = Locked(nil)

  /// Starts the engine of a workspace. For a real workspace this takes the engine lock (one
  /// engine per workspace) and refuses access or policy files edited since they were applied.
  public init(governance: Governance, configuration: EngineConfiguration = .init())
    throws(EngineError)
  {
    if governance.isTemporary {
      lock = nil
    } else {
      do {
        lock = try EngineLock(path: governance.workspace.lockPath)
        try governance.checkAppliedFiles()
      } catch let error as WorkspaceError {
        throw .governance(error.description)
      } catch let error as GovernanceError {
        throw .governance(error.description)
      } catch {
        throw .governance("\(error)")
      }
    }
    self.governance = governance
    var configuration = configuration
    // The workspace's detector thresholds, when it has a detection.toml.
    let thresholds = governance.workspace.root.appendingPathComponent("detection.toml").path
    if FileManager.default.fileExists(atPath: thresholds) {
      do {
        configuration.detection = try DetectionSettings.load(path: thresholds)
      } catch {
        throw .invalidRequest(error.description)
      }
    }
    self.configuration = configuration
    store = JobStore(store: governance.store)
    events = EventLog(capacity: configuration.eventCapacity)
    telemetry = GPUTelemetry(
      library: configuration.nvmlLibrary ?? ProcessInfo.processInfo.environment[
        "RAMPART_NVML_LIBRARY"]
        ?? NVML.defaultLibrary)
    let s = Scheduler(slots: configuration.workerSlots) { [weak self] job in
      self?.runChunk(job) ?? false
    }
    scheduler.withLock { $0 = s }
    startCommandPoller()
    watchDenials()
  }

  deinit {
    poller.withLock { $0?.cancel() }
    governance.discard()  // removes the folder of a temporary workspace only
  }

  private var pool: Scheduler? { scheduler.withLock { $0 } }

  // MARK: Commands

  /// Queues a training job owned by `principal`, if roles, policy and quotas allow it.
  @discardableResult
  public func submit(_ spec: JobSpec, as principal: Principal) throws(EngineError) -> JobID {
    if let problem = spec.problem { throw .invalidSpec(problem) }
    var spec = spec
    if spec.dataset != nil { try resolveDataset(&spec, as: principal) }
    let id = JobID.generate()
    let target = "job:\(id.rawValue)"
    var details = spec.auditDetails
    details["job"] = id.rawValue
    let decision = try authorize(
      principal, .jobSubmit, target: target, attributes: spec.policyAttributes, details: details,
      audit: false)
    try enforceQuota(for: principal, target: target, details: details)
    details["granted_by"] = decision.grantedBy.joined(separator: ",")
    try record(principal, "job.submit", target: target, outcome: .allowed, details: details)
    let job = JobRuntime(id: id, spec: spec, owner: principal, submittedAt: Date())
    store.insert(job)
    jobs.withLock { $0[id] = job }
    events.publish(.jobSubmitted(job: id, name: spec.name, spec: spec), by: principal)
    pool?.enqueue(job)
    return id
  }

  /// Asks a job to pause at its next chunk boundary.
  public func pause(_ id: JobID, as principal: Principal) throws(EngineError) {
    let job = try runtime(id)
    try authorizeControl(job, "pause", principal)
    try job.state.withLock { (s: inout JobState) throws(EngineError) in
      guard s.status == .queued || s.status == .running else {
        throw .invalidTransition(job: id, from: s.status, action: "pause")
      }
      s.pauseRequested = true
    }
  }

  /// Resumes a paused job (or cancels a pause not yet taken).
  public func resume(_ id: JobID, as principal: Principal) throws(EngineError) {
    let job = try runtime(id)
    try authorizeControl(job, "resume", principal)
    // A quarantine holds the job paused until a soc-analyst lifts it, whoever owns the job.
    if try isQuarantined(id) {
      let reason =
        "job \(id.short) is quarantined: a soc-analyst must lift the quarantine (rampart incidents lift) before it can resume"
      _ = try? governance.record(
        principal.name, "job.resume", target: "job:\(id.rawValue)", outcome: .denied,
        details: ["reason": reason])
      throw .denied(reason)
    }
    let requeue = try job.state.withLock { (s: inout JobState) throws(EngineError) -> Bool in
      if s.status == .paused {
        s.status = .queued
        return true
      }
      if s.pauseRequested && !s.status.isFinal {
        s.pauseRequested = false
        return false
      }
      throw .invalidTransition(job: id, from: s.status, action: "resume")
    }
    if requeue {
      statusChanged(
        job, from: .paused, to: .queued, reason: "resumed by \(principal)", by: principal)
      pool?.enqueue(job)
    }
  }

  /// Stops a job: at once if it is paused, otherwise at its next chunk boundary.
  public func stop(_ id: JobID, as principal: Principal) throws(EngineError) {
    let job = try runtime(id)
    try authorizeControl(job, "stop", principal)
    let stoppedNow = try job.state.withLock { (s: inout JobState) throws(EngineError) -> Bool in
      guard !s.status.isFinal else {
        throw .invalidTransition(job: id, from: s.status, action: "stop")
      }
      if s.status == .paused {
        s.status = .stopped
        s.finishedAt = Date()
        return true
      }
      s.stopRequested = true
      return false
    }
    if stoppedNow {
      statusChanged(
        job, from: .paused, to: .stopped, reason: "stopped by \(principal)", by: principal)
      job.finished.leave()
    }
  }

  /// Stops every job that is not finished and waits for them: the engine's process is quitting,
  /// so the platform (`system`) stops them, on behalf of `principal`, audited.
  public func shutdown(requestedBy principal: Principal, timeout: Double = 30) {
    poller.withLock { $0?.cancel() }
    let all = jobs.withLock { Array($0.values) }
    let running = all.filter { !$0.state.withLock { $0.status.isFinal } }
    if !running.isEmpty {
      try? record(
        .system, "engine.shutdown", target: "engine", outcome: .ok,
        details: ["requested_by": principal.name, "stopping": String(running.count)])
    }
    for job in running { try? stop(job.id, as: .system) }
    for job in running { _ = job.finished.wait(timeout: .now() + timeout) }
  }

  func runtime(_ id: JobID) throws(EngineError) -> JobRuntime {
    guard let job = jobs.withLock({ $0[id] }) else { throw .unknownJob(id.rawValue) }
    return job
  }

  /// Finds a job by its full id or a unique suffix of it (as shown on screen).
  public func resolveJob(_ text: String, as principal: Principal) throws(EngineError) -> JobID {
    let upper = text.uppercased()
    let matches = jobs.withLock {
      $0.keys.filter { $0.rawValue == upper || $0.rawValue.hasSuffix(upper) }
    }
    guard matches.count == 1, let id = matches.first else {
      throw matches.isEmpty
        ? .unknownJob(text)
        : .invalidRequest("\"\(text)\" matches \(matches.count) jobs; give more characters")
    }
    return id
  }
}
