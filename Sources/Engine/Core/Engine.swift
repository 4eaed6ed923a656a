import Dispatch
import Foundation
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
  public init() {}
}

/// The platform facade: jobs, scheduler, workers, telemetry and events. Every command and query
/// takes the acting principal; the console and the CLI both go through here.
public final class Engine: Sendable {
  public let configuration: EngineConfiguration
  let events: EventLog
  let jobs = Locked<[JobID: JobRuntime]>([:])
  let telemetry: GPUTelemetry
  private let scheduler: Locked<Scheduler?> = Locked(nil)

  public init(configuration: EngineConfiguration = .init()) {
    self.configuration = configuration
    events = EventLog(capacity: configuration.eventCapacity)
    telemetry = GPUTelemetry(
      library: configuration.nvmlLibrary ?? ProcessInfo.processInfo.environment[
        "RAMPART_NVML_LIBRARY"]
        ?? NVML.defaultLibrary)
    let s = Scheduler(slots: configuration.workerSlots) { [weak self] job in
      self?.runChunk(job) ?? false
    }
    scheduler.withLock { $0 = s }
  }

  private var pool: Scheduler? { scheduler.withLock { $0 } }

  // MARK: Commands

  /// Queues a training job owned by `principal`.
  @discardableResult
  public func submit(_ spec: JobSpec, as principal: Principal) throws(EngineError) -> JobID {
    if let problem = spec.problem { throw .invalidSpec(problem) }
    let id = JobID.generate()
    let job = JobRuntime(id: id, spec: spec, owner: principal, submittedAt: Date())
    jobs.withLock { $0[id] = job }
    events.publish(.jobSubmitted(job: id, name: spec.name, spec: spec), by: principal)
    pool?.enqueue(job)
    return id
  }

  /// Asks a job to pause at its next chunk boundary.
  public func pause(_ id: JobID, as principal: Principal) throws(EngineError) {
    let job = try runtime(id)
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
      events.publish(
        .jobStatusChanged(job: id, from: .paused, to: .queued, reason: "resumed"), by: principal)
      pool?.enqueue(job)
    }
  }

  /// Stops a job: at once if it is paused, otherwise at its next chunk boundary.
  public func stop(_ id: JobID, as principal: Principal) throws(EngineError) {
    let job = try runtime(id)
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
      events.publish(
        .jobStatusChanged(job: id, from: .paused, to: .stopped, reason: "stopped by \(principal)"),
        by: principal)
      job.finished.leave()
    }
  }

  /// Stops every job that is not finished and waits for them (used when the process quits).
  public func stopAll(as principal: Principal, timeout: Double = 30) {
    let all = jobs.withLock { Array($0.values) }
    for job in all { try? stop(job.id, as: principal) }
    for job in all { _ = job.finished.wait(timeout: .now() + timeout) }
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
        : .invalidSpec("\"\(text)\" matches \(matches.count) jobs; give more characters")
    }
    return id
  }
}
