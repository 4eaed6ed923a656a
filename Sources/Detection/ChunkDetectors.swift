/// A spike in the runtime-assurance monitor's veto rate against the job's own baseline: the
/// agent suddenly proposes unsafe actions (tampered actions or observations, a poisoned policy).
/// Cannot catch anything with the monitor off (no decisions) or attacks that keep the policy's
/// proposals safe.
public final class VetoSpikeDetector: JobDetector {
  public let id = "veto-spike"
  private let settings: DetectionSettings
  /// The job's recent chunks (the baseline follows a learning agent's falling rate).
  private var recent = Window(8)
  private var fired = false

  public init(settings: DetectionSettings) { self.settings = settings }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    guard sample.safety.decisions >= settings.vetoMinimumDecisions, !fired else { return [] }
    let rate = Double(sample.safety.flagged) / Double(sample.safety.decisions)
    defer { recent.add(rate) }
    guard recent.values.count >= settings.vetoWarmupChunks else { return [] }
    let baseline = (mean: recent.values.reduce(0, +) / Double(recent.values.count), count: 0)
    // A factor over a low baseline, but never beyond halfway to 100% for a high one (an agent
    // still learning is flagged often; a factor of 4 over 30% could never be reached).
    let limit = max(
      baseline.mean + settings.vetoMargin,
      min(baseline.mean * settings.vetoFactor, (1 + baseline.mean) / 2))
    guard rate > limit else { return [] }
    fired = true
    return [
      AlertDraft(
        detector: id, severity: .medium, technique: "AML.T0043",
        summary:
          "monitor veto rate \(Int((rate * 100).rounded()))% is far above this job's \(Int((baseline.mean * 100).rounded()))%",
        evidence: Evidence(
          window: recent.values, threshold: limit, value: rate, step: sample.step,
          details: ["baseline": String(baseline.mean)]))
    ]
  }
}

/// Non-finite or exploding losses: corrupted training data or a sabotaged optimiser. A loss that
/// grows slowly, or stays finite while the policy degrades, is not caught here.
public final class LossDivergenceDetector: JobDetector {
  public let id = "loss-divergence"
  private let settings: DetectionSettings
  private var history = Window(256)
  private var peakTypical = 0.0
  private var fired = false

  public init(settings: DetectionSettings) { self.settings = settings }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    guard !fired else { return [] }
    for u in sample.updates {
      let losses = [u.policyLoss, u.valueLoss, u.entropy]
      if losses.contains(where: { !$0.isFinite }) {
        fired = true
        return [
          alert(
            "a loss became \(losses.first { !$0.isFinite }.map { "\($0)" } ?? "non-finite") at step \(u.step)",
            value: .infinity, threshold: .infinity, step: u.step, severity: .high)
        ]
      }
      let magnitude = abs(u.valueLoss)
      if history.values.count >= settings.lossWarmupUpdates {
        // The largest typical scale the loss has had: a job that converged drives its value
        // loss down by orders of magnitude, and a later wobble back towards its old scale is
        // not an explosion.
        peakTypical = max(peakTypical, median(history.values.map(abs)))
        let limit = max(peakTypical, 1e-9) * settings.lossExplosionFactor
        if magnitude > limit {
          fired = true
          return [
            alert(
              "value loss \(magnitude) exploded past \(settings.lossExplosionFactor)× the largest median it has had",
              value: magnitude, threshold: limit, step: u.step, severity: .medium)
          ]
        }
      }
      history.add(u.valueLoss)
    }
    return []
  }

  private func alert(
    _ summary: String, value: Double, threshold: Double, step: Int, severity: Severity
  ) -> AlertDraft {
    AlertDraft(
      detector: id, severity: severity, technique: "AML.T0020", summary: summary,
      evidence: Evidence(
        window: history.values.suffix(32).map { $0 }, threshold: threshold, value: value, step: step
      ))
  }
}

/// A job's CPU cost per environment step far above its own history: an environment or a
/// training loop doing work it should not (resource hijacking). Cannot tell a legitimate
/// slowdown of the whole host from one job's (both raise the cost per step), hence medium.
public final class ResourceSpikeDetector: JobDetector {
  public let id = "resource-spike"
  private let settings: DetectionSettings
  private var history = Window(64)
  private var fired = false

  public init(settings: DetectionSettings) { self.settings = settings }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    guard sample.steps > 0, !fired else { return [] }
    let cost = sample.cpuSeconds / Double(sample.steps)
    defer { history.add(cost) }
    guard history.values.count >= settings.cpuWarmupChunks else { return [] }
    let limit = median(history.values) * settings.cpuFactor
    guard cost > limit, limit > 0 else { return [] }
    fired = true
    return [
      AlertDraft(
        detector: id, severity: .medium, technique: nil,
        summary: "CPU per step is \(Int(cost / median(history.values)))× this job's median",
        evidence: Evidence(
          window: history.values, threshold: limit, value: cost, step: sample.step))
    ]
  }
}

/// Actions replaced between the agent and the monitor, seen without any tag: an honest policy's
/// sampled actions are, on average, exactly as surprising to it as its entropy says; replaced
/// actions are ones it found unlikely. Alerts when a chunk's mean gap between the executed
/// actions' surprise (−log π(a|s)) and the entropy is both large (`actionGap` nats) and far
/// beyond its sampling error (`actionZ`). Steps the monitor vetoed are left out. Cannot see
/// tampering while the policy is still near uniform (every action is as likely), replacements
/// the policy itself found likely, or anything in a job without action probabilities (a
/// Q-learning table).
public final class ActionLikelihoodDetector: JobDetector {
  public let id = "action-likelihood"
  private let settings: DetectionSettings
  private var history = Window(16)
  private var fired = false

  public init(settings: DetectionSettings) { self.settings = settings }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    let a = sample.actionLikelihood
    guard !fired, a.count >= settings.actionMinimumSteps else { return [] }
    let n = Double(a.count)
    let mean = a.gap / n
    let variance = max(a.gapSquares / n - mean * mean, 1e-12)
    let z = mean / (variance / n).squareRoot()
    history.add(mean)
    guard mean > settings.actionGap, z > settings.actionZ else { return [] }
    fired = true
    return [
      AlertDraft(
        detector: id, severity: .high, technique: "AML.T0043",
        summary:
          "executed actions are \(String(format: "%.2f", mean)) nats more surprising to the policy than its entropy over \(a.count) steps (z \(Int(z.rounded()))): actions are being replaced on their way",
        evidence: Evidence(
          window: history.values, threshold: settings.actionGap, value: mean, step: sample.step,
          details: ["z": String(z), "steps": String(a.count)]))
    ]
  }
}
