import Foundation
import Governance
import Learning

extension Engine {
  /// Writes the job's summary and the latest point of each metric, at most once a second unless
  /// `force` (the downsampled metrics table other processes read).
  func persistProgress(_ job: JobRuntime, force: Bool) {
    let now = CPUClock.monotonic()
    let due = job.state.withLock { s -> Bool in
      guard force || now - s.persistedAt >= 1 else { return false }
      s.persistedAt = now
      return true
    }
    guard due else { return }
    let summary = summary(of: job, now: now)
    let (metrics, evaluation) = job.state.withLock {
      s -> ([(String, Int, Double)], EvaluationReport?) in
      var points: [(String, Int, Double)] = []
      let series: [(String, MetricSeries)] = [
        ("return", s.metrics.episodeReturn), ("policy_loss", s.metrics.policyLoss),
        ("value_loss", s.metrics.valueLoss), ("entropy", s.metrics.entropy),
        ("steps_per_s", s.metrics.stepsPerSecond), ("veto_rate", s.metrics.vetoRate),
        ("cpu_percent", s.metrics.cpuPercent), ("success", s.metrics.success),
      ]
      for (name, m) in series {
        if let last = m.points.last { points.append((name, Int(last.step), last.value)) }
      }
      return (points, s.evaluation)
    }
    store.saveProgress(
      summary, metrics: metrics, evaluation: evaluation.flatMap { try? JSONEncoder().encode($0) })
  }

  /// A completed job registers its policy as a candidate version in the registry (as `system`).
  func registerCandidate(
    _ job: JobRuntime, session: any TrainingSession, evaluation: EvaluationReport
  ) {
    let exported = session.policyTensors()
    var metadata = exported.metadata
    metadata["job"] = job.id.rawValue
    metadata["environment"] = job.spec.environment.rawValue
    let file = Safetensors(tensors: exported.tensors, metadata: metadata)
    let safety = job.state.withLock { $0.safety }
    let model = job.spec.modelName
    do {
      let artifact = Data(try file.encoded())
      let specJSON = String(decoding: try JSONEncoder().encode(job.spec), as: UTF8.self)
      let provenance = Provenance(
        algorithm: job.spec.algorithm.rawValue,
        hyperParameters: Dictionary(
          Self.hyperParameters(of: job.spec).map { ($0.name, $0.value) },
          uniquingKeysWith: { a, _ in a }),
        environment: job.spec.environment.rawValue,
        environmentVersion: job.spec.environment.version,
        datasetID: job.spec.dataset.map(\.label), datasetSHA256: job.spec.dataset?.sha256,
        seed: job.spec.seed, rampartVersion: BuildInfo.version, gitCommit: BuildInfo.gitCommit,
        trainer: job.owner.name, job: job.id.rawValue, specJSON: specJSON,
        evaluation: EvaluationFigures(evaluation),
        monitor: MonitorFigures(
          mode: job.spec.monitor.mode.rawValue, decisions: safety.decisions,
          flagged: safety.flagged,
          vetoes: safety.vetoes, violations: safety.violations))
      let version = try governance.registry.register(
        model: model, artifact: artifact, provenance: provenance, by: Principal.system.name)
      job.state.withLock { $0.registered = "\(model)@\(version.version)" }
      recordSystem(
        "model.register", target: "model:\(model)@\(version.version)",
        details: [
          "job": job.id.rawValue, "sha256": version.artifactSHA256, "trainer": job.owner.name,
        ])
    } catch {
      recordSystem(
        "model.register", target: "model:\(model)", outcome: .failed,
        details: ["job": job.id.rawValue, "error": "\(error)"])
    }
  }
}

extension EvaluationFigures {
  /// The registry's form of an evaluation report.
  public init(_ r: EvaluationReport) {
    self.init(
      episodes: r.episodes, meanReturn: r.meanReturn, standardDeviation: r.standardDeviation,
      successRate: r.successRate, safetyViolations: r.safetyViolations, vetoes: r.vetoes,
      monitor: r.monitor.rawValue)
  }
}

extension EnvironmentID {
  /// The environment's version, for provenance.
  public var version: String {
    switch self {
    case .cartpole: "CartPole-v1 (Gymnasium 1.4 dynamics)"
    case .frozenlake: "FrozenLake-v1 4x4 slippery"
    case .frozenlake8x8: "FrozenLake8x8-v1 slippery"
    case .capacity: "rampart-capacity-1"
    }
  }
}

extension JobSpec {
  /// The registry model this job's candidate joins: `model` if set, else the job's name made
  /// into a valid model name.
  public var modelName: String {
    let raw = model ?? name
    let cleaned = String(
      raw.unicodeScalars.map { s -> Character in
        s.isASCII && (CharacterSet.alphanumerics.contains(s) || "._-".unicodeScalars.contains(s))
          ? Character(s) : "-"
      })
    return cleaned.isEmpty ? "model" : String(cleaned.prefix(80))
  }
}
