import Learning

/// Features an environment integrates exactly: position(t+1) = position(t) + dt·velocity(t).
public struct Kinematics: Sendable, Hashable {
  public var pairs: [(position: Int, velocity: Int)]
  public var dt: Double
  /// CartPole's nominal physics: with it every feature is predicted (velocities too), for each
  /// of the two actions, and the observed next state must match one of them. This catches what
  /// the positions alone cannot: changed dynamics (a weaker or reversed motor) and perturbed velocities.
  public var cartPole: CartPoleParameters?

  public init(
    pairs: [(position: Int, velocity: Int)], dt: Double, cartPole: CartPoleParameters? = nil
  ) {
    self.pairs = pairs
    self.dt = dt
    self.cartPole = cartPole
  }

  public static func == (a: Kinematics, b: Kinematics) -> Bool {
    a.dt == b.dt && a.pairs.map(\.position) == b.pairs.map(\.position)
      && a.pairs.map(\.velocity) == b.pairs.map(\.velocity) && a.cartPole == b.cartPole
  }

  public func hash(into h: inout Hasher) {
    h.combine(dt)
    h.combine(cartPole)
    for p in pairs {
      h.combine(p.position)
      h.combine(p.velocity)
    }
  }

  /// CartPole: x with ẋ and θ with θ̇, Euler steps of 0.02 s.
  public static let cartPole = Kinematics(
    pairs: [(0, 1), (2, 3)], dt: 0.02, cartPole: .standard)
}

/// Out-of-distribution observations: per-feature mean and deviation learnt from the job's own
/// transitions (after a warm-up, only from transitions that were not outliers, so an attack
/// cannot widen the baseline to hide in it), and an alert when too large a share of a chunk's
/// observations lie beyond `oodZ` deviations. Catches perturbed
/// observations (noise, spoofed sensors) and changed dynamics that push states outside their
/// usual range. Cannot catch perturbations small enough to stay inside the learnt range
/// (a careful gradient attack with a small epsilon), and flags a job whose agent legitimately
/// reaches states it never saw while warming up. Features that were only ever 0 or 1 (one-hot),
/// or whole numbers (a table learner's state index), in warm-up have no statistics: a value off
/// that grid is an outlier, whatever the state.
public final class ObservationDetector: TransitionInterceptor, JobDetector {
  public let id = "observation-ood"
  private let settings: DetectionSettings
  @exclusivity(unchecked) private var stats: [RunningStats] = []
  /// Features that only took the values 0 and 1 in warm-up (one-hot states): for them an
  /// outlier is any other value, not a rarely visited state.
  @exclusivity(unchecked) private var binary: [Bool] = []
  /// Features that only took whole values in warm-up (a state's index): for them an outlier is
  /// a value off the grid.
  @exclusivity(unchecked) private var integral: [Bool] = []
  /// The features that are neither, for which the statistics are kept, and those that are.
  @exclusivity(unchecked) private var continuous: [Int] = []
  @exclusivity(unchecked) private var discrete: [Int] = []
  @exclusivity(unchecked) private var means: [Double] = []
  @exclusivity(unchecked) private var inverse: [Double] = []
  private var sinceRefresh = 0
  private var seen = 0
  private var inChunk = 0
  private var outliers = 0
  private var worst = 0.0
  private var firstOutlierStep: Int?
  private var history = Window(16)
  private var fired = false

  /// For environments with known kinematics the residual between consecutive observations
  /// replaces the statistical range check (exact, so a learning agent's wider states never
  /// look abnormal).
  private let kinematics: Kinematics?
  /// Tested per step (testing the optional itself copies it).
  private let hasKinematics: Bool
  /// The last observation of each vectorised environment, flat (no allocation per step).
  private var previous: [Float] = []
  private var hasPrevious: [Bool] = []

  public init(settings: DetectionSettings, kinematics: Kinematics? = nil) {
    self.settings = settings
    self.kinematics = kinematics
    hasKinematics = kinematics != nil
  }

  /// How far the step from the environment's previous observation breaks its kinematics, in
  /// units of the tolerance (above 1: broken).
  private func residual(_ t: Transition) -> Double {
    guard let k = kinematics, t.environment >= 0 else { return 0 }
    let obs = t.observation
    let d = obs.count
    let base = t.environment * d
    if base + d > previous.count {
      previous += Array(repeating: 0, count: base + d - previous.count)
      hasPrevious += Array(repeating: false, count: t.environment + 1 - hasPrevious.count)
    }
    var worst = 0.0
    if t.kind == .step && hasPrevious[t.environment], let physics = k.cartPole, d == 4 {
      // The nominal model's next state for either action; the closer one must match.
      worst = .infinity
      let state = (
        Double(previous[base]), Double(previous[base + 1]), Double(previous[base + 2]),
        Double(previous[base + 3])
      )
      for action in 0..<2 {
        var model = CartPole(state: state, parameters: physics)
        model.integrate(action)
        let predicted = (model.x, model.xDot, model.theta, model.thetaDot)
        var off = 0.0
        for (i, p) in [predicted.0, predicted.1, predicted.2, predicted.3].enumerated() {
          off = max(off, abs(Double(obs[i]) - p) / (1e-4 * max(1, abs(p))))
        }
        worst = min(worst, off)
      }
    } else if t.kind == .step && hasPrevious[t.environment] {
      for (p, v) in k.pairs where p < d && v < d {
        let predicted = Double(previous[base + p]) + k.dt * Double(previous[base + v])
        // Float32 observations of float64 state: a tolerance well above their rounding.
        let tolerance = 1e-4 * max(1, abs(predicted))
        worst = max(worst, abs(Double(obs[p]) - predicted) / tolerance)
      }
    }
    for i in 0..<d { previous[base + i] = obs[i] }
    hasPrevious[t.environment] = true
    return worst
  }

  /// Every transition in a drained log, in order.
  func intercept(log: TransitionLog) {
    for i in 0..<log.count {
      var t = log.transition(i)
      intercept(&t)
    }
  }

  @inline(__always)
  public func intercept(_ transition: inout Transition) {
    let obs = transition.observation
    if stats.isEmpty {
      stats = Array(repeating: RunningStats(), count: obs.count)
      binary = Array(repeating: true, count: obs.count)
      integral = Array(repeating: true, count: obs.count)
    }
    let n = min(obs.count, stats.count)
    if hasKinematics {
      // Known kinematics: every step is checked, from the first.
      inChunk += 1
      let r = residual(transition)
      if r > 1 {
        outliers += 1
        worst = max(worst, r)
        if firstOutlierStep == nil { firstOutlierStep = transition.step }
      }
      return
    }
    guard seen >= settings.oodWarmupSteps else {
      for i in 0..<n {
        stats[i].add(Double(obs[i]))
        if obs[i] != 0 && obs[i] != 1 { binary[i] = false }
        if !isWhole(obs[i]) { integral[i] = false }
      }
      seen += 1
      return
    }
    inChunk += 1
    if sinceRefresh == 0 || means.count != n {
      // Means and deviations are refreshed every 512 transitions, not every step (cost).
      means = stats.prefix(n).map(\.mean)
      // A floor keeps a feature that barely moved from flagging every wobble.
      inverse = stats.prefix(n).map { 1 / max($0.standardDeviation, 1e-2 * max(abs($0.mean), 1)) }
      continuous = (0..<n).filter { !binary[$0] && !integral[$0] }
      discrete = (0..<n).filter { binary[$0] || integral[$0] }
    }
    sinceRefresh = (sinceRefresh + 1) & 511
    var far = 0.0
    // Discrete features: anything off their grid is an outlier (no statistics to keep).
    for i in discrete {
      let v = obs[i]
      if binary[i] ? (v != 0 && v != 1) : !isWhole(v) { far = .infinity }
    }
    for i in continuous {
      far = max(far, abs(Double(obs[i]) - means[i]) * inverse[i])
    }
    if far > settings.oodZ {
      outliers += 1
      worst = max(worst, far)
      if firstOutlierStep == nil { firstOutlierStep = transition.step }
    } else {
      // Learn from what looked normal: a learning agent widens its states gradually, and an
      // attack cannot widen the baseline to hide in it.
      for i in continuous { stats[i].add(Double(obs[i])) }
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

/// Whether `v` is a whole number (NaN and infinities are not), without a libm call: every float
/// of magnitude 2²³ or more is whole, and below that the conversion to Int32 is exact.
@inline(__always)
func isWhole(_ v: Float) -> Bool {
  abs(v) < 8_388_608 ? Float(Int32(v)) == v : v.isFinite
}
