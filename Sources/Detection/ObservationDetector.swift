import Learning

/// Out-of-distribution observations: per-feature mean and deviation learnt over the job's first
/// transitions (then frozen, so an attacker cannot drift the baseline), and an alert when too
/// large a share of a chunk's observations lie beyond `oodZ` deviations. Catches perturbed
/// observations (noise, spoofed sensors) and changed dynamics that push states outside their
/// usual range. Cannot catch perturbations small enough to stay inside the learnt range
/// (a careful gradient attack with a small epsilon), and flags a job whose agent legitimately
/// reaches states it never saw while warming up.
public final class ObservationDetector: TransitionInterceptor, JobDetector {
  public let id = "observation-ood"
  private let settings: DetectionSettings
  private var stats: [RunningStats] = []
  /// Features that only took the values 0 and 1 in warm-up (one-hot states): for them an
  /// outlier is any other value, not a rarely visited state.
  private var binary: [Bool] = []
  private var frozen: [(mean: Double, deviation: Double)]?
  private var seen = 0
  private var inChunk = 0
  private var outliers = 0
  private var worst = 0.0
  private var firstOutlierStep: Int?
  private var history = Window(16)
  private var fired = false

  public init(settings: DetectionSettings) { self.settings = settings }

  public func intercept(_ transition: inout Transition) {
    let obs = transition.observation
    if stats.isEmpty {
      stats = Array(repeating: RunningStats(), count: obs.count)
      binary = Array(repeating: true, count: obs.count)
    }
    guard let frozen else {
      for i in 0..<min(obs.count, stats.count) {
        stats[i].add(Double(obs[i]))
        if obs[i] != 0 && obs[i] != 1 { binary[i] = false }
      }
      seen += 1
      if seen >= settings.oodWarmupSteps {
        self.frozen = stats.map { s in
          // A floor keeps a feature that never moved in warm-up from flagging every wobble.
          (s.mean, max(s.standardDeviation, 1e-2 * max(abs(s.mean), 1)))
        }
      }
      return
    }
    inChunk += 1
    var far = 0.0
    for i in 0..<min(obs.count, frozen.count) {
      if binary[i] {
        if obs[i] != 0 && obs[i] != 1 { far = .infinity }
      } else {
        far = max(far, abs(Double(obs[i]) - frozen[i].mean) / frozen[i].deviation)
      }
    }
    if far > settings.oodZ {
      outliers += 1
      worst = max(worst, far)
      if firstOutlierStep == nil { firstOutlierStep = transition.step }
    }
  }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    defer {
      inChunk = 0
      outliers = 0
      worst = 0
      firstOutlierStep = nil
    }
    guard inChunk > 0, !fired else { return [] }
    let share = Double(outliers) / Double(inChunk)
    history.add(share)
    guard share > settings.oodFraction else { return [] }
    fired = true
    return [
      AlertDraft(
        detector: id, severity: .high, technique: "AML.T0043",
        summary:
          "\(Int((share * 100).rounded()))% of observations lie beyond \(Int(settings.oodZ)) deviations of this job's usual range (worst \(worst.isFinite ? String(Int(worst)) : "off-grid"))",
        evidence: Evidence(
          window: history.values, threshold: settings.oodFraction, value: share,
          step: firstOutlierStep ?? sample.step,
          details: ["worst_z": String(worst), "transitions": String(inChunk)]))
    ]
  }
}
