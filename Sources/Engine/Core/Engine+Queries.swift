import Foundation
import Governance
import Learning

extension Engine {
  /// Every job's summary, the GPUs and the engine's own CPU use.
  public func snapshot(as principal: Principal) throws(EngineError) -> EngineSnapshot {
    try authorize(principal, .jobRead, target: "jobs", audit: false)
    let all = jobs.withLock { Array($0.values) }.sorted { $0.id < $1.id }
    let now = CPUClock.monotonic()
    let held = try quarantinedJobs()
    return EngineSnapshot(
      time: Date(),
      jobs: all.map {
        var s = summary(of: $0, now: now)
        s.quarantined = held.contains($0.id.rawValue)
        return s
      }, gpu: telemetry.status,
      workerSlots: configuration.workerSlots, processCPUSeconds: CPUClock.process(),
      lastEventSequence: events.lastSequence)
  }

  /// Everything about one job.
  public func detail(_ id: JobID, as principal: Principal) throws(EngineError) -> JobDetail {
    try authorize(principal, .jobRead, target: "job:\(id.rawValue)", audit: false)
    let job = try runtime(id)
    var summary = summary(of: job, now: CPUClock.monotonic())
    summary.quarantined = try isQuarantined(id)
    return job.state.withLock { s in
      JobDetail(
        summary: summary, spec: job.spec, metrics: s.metrics, lastUpdate: s.lastUpdate,
        safety: s.safety, recentVetoes: s.recentVetoes.elements, liveState: s.liveState,
        target: s.target, evaluation: s.evaluation, trainingSeconds: s.trainingSeconds,
        startedAt: s.startedAt, finishedAt: s.finishedAt,
        hyperParameters: Self.hyperParameters(of: job.spec))
    }
  }

  /// Events published after `sequence` (oldest first, at most `limit`).
  public func events(after sequence: UInt64, limit: Int = 1000, as principal: Principal)
    throws(EngineError)
    -> [EngineEvent]
  {
    try authorize(principal, .jobRead, target: "events", audit: false)
    return events.events(after: sequence, limit: limit)
  }

  /// Calls `handler` (on the engine's event queue) for every event from now on.
  public func subscribe(
    as principal: Principal, _ handler: @escaping @Sendable (EngineEvent) -> Void
  ) throws(EngineError) -> EventSubscription {
    try authorize(principal, .jobRead, target: "events", audit: false)
    return EventSubscription(log: events, token: events.subscribe(handler))
  }

  /// Blocks until the job reaches a final status or `timeout` seconds pass; returns its status.
  public func wait(for id: JobID, timeout: Double = .infinity, as principal: Principal)
    throws(EngineError) -> JobStatus
  {
    let job = try runtime(id)
    try authorize(principal, .jobRead, target: "job:\(id.rawValue)", audit: false)
    let deadline: DispatchTime = timeout.isFinite ? .now() + timeout : .distantFuture
    _ = job.finished.wait(timeout: deadline)
    events.flush()
    return job.state.withLock { $0.status }
  }

  /// The trained policy as safetensors (the job must have finished or be paused): decrypted
  /// weights, so a sensitive read, authorised by `model.export` and the export rules, audited.
  public func exportPolicy(_ id: JobID, as principal: Principal) throws(EngineError) -> Safetensors
  {
    let job = try runtime(id)
    try authorize(
      principal, .modelExport, target: "job:\(id.rawValue)",
      attributes: [
        "source_job.quarantined": .bool(job.state.withLock { $0.quarantined }),
        "environment": .string(job.spec.environment.rawValue),
        "source_job.owner": .string(job.owner.name),
      ])
    let status = job.state.withLock { $0.status }
    guard status == .completed || status == .paused || status == .stopped else {
      throw .invalidTransition(job: id, from: status, action: "export the policy of")
    }
    let box = job.box
    let exported: (tensors: [PolicyTensor], metadata: [String: String])? = job.queue.sync {
      box.session?.policyTensors()
    }
    guard let exported else { throw .unavailable("job \(id.short) has no trained policy") }
    var metadata = exported.metadata
    metadata["job"] = id.rawValue
    metadata["environment"] = job.spec.environment.rawValue
    metadata["seed"] = String(job.spec.seed)
    metadata["owner"] = job.owner.name
    metadata["monitor"] = job.spec.monitor.mode.rawValue
    return Safetensors(tensors: exported.tensors, metadata: metadata)
  }

  /// Evaluates a finished, paused or stopped job's policy again on the held-out seeds with the
  /// monitor in `mode` (e.g. off, to see what the agent learned without its shield).
  public func evaluate(
    _ id: JobID, episodes: Int, mode: MonitorMode, as principal: Principal
  ) throws(EngineError) -> EvaluationReport {
    let job = try runtime(id)
    try authorize(principal, .modelRead, target: "job:\(id.rawValue)", audit: false)
    let status = job.state.withLock { $0.status }
    guard status == .completed || status == .paused || status == .stopped else {
      throw .invalidTransition(job: id, from: status, action: "evaluate")
    }
    guard (1...100_000).contains(episodes) else {
      throw .invalidRequest("evaluation episodes must be between 1 and 100000")
    }
    let box = job.box
    let report: EvaluationReport? = job.queue.sync {
      box.session?.evaluate(episodes: episodes, mode: mode)
    }
    guard let report else { throw .unavailable("job \(id.short) has no trained policy") }
    return report
  }

  /// The ids of the quarantined jobs (a flag the SOC sets in the workspace database, from this
  /// process or another).
  func quarantinedJobs() throws(EngineError) -> Set<String> {
    try engineCall {
      try governance.store.writer.read { try DetectionStore.quarantinedJobs(in: $0) }
    }
  }

  /// Whether the SOC has quarantined job `id`.
  func isQuarantined(_ id: JobID) throws(EngineError) -> Bool {
    try engineCall {
      try governance.store.writer.read {
        try DetectionStore.isQuarantined(job: id.rawValue, in: $0)
      }
    }
  }

  func summary(of job: JobRuntime, now: Double) -> JobSummary {
    job.state.withLock { s in
      let returns = s.recentReturns.elements
      return JobSummary(
        id: job.id, name: job.spec.name, owner: job.owner, environment: job.spec.environment,
        algorithm: job.spec.algorithm, monitor: job.spec.monitor.mode, status: s.status,
        step: s.steps, budget: job.spec.steps, episodes: s.episodes,
        recentReturn: returns.isEmpty ? nil : returns.reduce(0, +) / Double(returns.count),
        policyLoss: s.lastUpdate?.policyLoss, cpuPercent: Self.recentCPU(s.cpuSamples, now: now),
        cpuSeconds: s.cpuSeconds, gpu: .none, vetoes: s.safety.vetoes,
        vetoRate: s.safety.decisions > 0
          ? Double(s.safety.flagged) / Double(s.safety.decisions) : nil,
        safetyViolations: s.safety.violations, stepsPerSecond: s.metrics.stepsPerSecond.latest,
        submittedAt: job.submittedAt, error: s.error)
    }
  }

  /// CPU percent over the last ~2 seconds, from cumulative samples taken at chunk ends.
  static func recentCPU(_ samples: RingBuffer<CPUSample>, now: Double) -> Double {
    let all = samples.elements
    guard let last = all.last else { return 0 }
    let window = 2.0
    let base = all.last { $0.wall <= now - window } ?? all.first ?? last
    let span = now - base.wall
    guard span > 0 else { return 0 }
    return min(100, max(0, 100 * (last.cpu - base.cpu) / span))
  }

  static func hyperParameters(of spec: JobSpec) -> [HyperParameter] {
    var out: [HyperParameter] = [
      .init(name: "seed", value: String(spec.seed)),
      .init(name: "steps", value: String(spec.steps)),
      .init(name: "monitor", value: spec.monitor.mode.rawValue),
      .init(name: "eval episodes", value: String(spec.effectiveEvaluationEpisodes)),
    ]
    switch spec.algorithm {
    case .ppo:
      let p = spec.effectivePPO
      out += [
        .init(name: "envs", value: String(p.environments)),
        .init(name: "n_steps", value: String(p.stepsPerEnvironment)),
        .init(name: "batch", value: String(p.minibatchSize)),
        .init(name: "epochs", value: String(p.epochs)),
        .init(name: "lr", value: "\(p.learningRate)\(p.annealLearningRate ? " lin" : "")"),
        .init(name: "gamma", value: String(p.gamma)),
        .init(name: "gae λ", value: String(p.gaeLambda)),
        .init(name: "clip", value: "\(p.clipRange)\(p.annealClipRange ? " lin" : "")"),
        .init(name: "ent coef", value: String(p.entropyCoefficient)),
        .init(name: "vf coef", value: String(p.valueCoefficient)),
        .init(name: "veto coef", value: String(p.vetoCoefficient)),
        .init(name: "max grad", value: String(p.maxGradientNorm)),
        .init(name: "hidden", value: p.hiddenSizes.map(String.init).joined(separator: "x")),
      ]
    case .qlearning:
      let q = spec.effectiveQLearning
      out += [
        .init(name: "alpha", value: "\(q.learningRate)→\(q.finalLearningRate)"),
        .init(name: "gamma", value: String(q.gamma)),
        .init(name: "epsilon", value: "\(q.initialEpsilon)→\(q.finalEpsilon)"),
        .init(name: "explore frac", value: String(q.explorationFraction)),
      ]
    }
    return out
  }
}

/// Keeps an event subscription alive; cancel (or drop) it to stop the callbacks.
public final class EventSubscription: Sendable {
  private let log: EventLog
  private let token: UInt64

  init(log: EventLog, token: UInt64) {
    self.log = log
    self.token = token
  }

  public func cancel() { log.unsubscribe(token) }
  deinit { log.unsubscribe(token) }
}
