import Detection
import Engine
import Foundation
import Learning

/// Detection rates per attack kind over many short CartPole PPO runs (different seeds), false
/// alarms over clean runs, steps to detect, the statistical detectors' rates with the integrity
/// tags off, each attack's calibration (how much it hurt the victim) and the detectors' cost.
struct DetectionBench {
  let attackedRuns: Int
  let cleanRuns: Int
  let out: BenchOutput

  static let steps = 16_384

  /// Where each attack begins (after the warm-up of the detector meant to see it) and its rate.
  /// CartPole PPO reaches 475 after about 10,000 steps, so these attacks land while it learns.
  static let attacks: [(kind: DrillKind, rate: Double, start: Int)] = [
    (.rewardFlip, 1, 2_048), (.rewardScale, 1, 2_048), (.rewardTargeted, 1, 2_048),
    (.observationNoise, 1, 2_048), (.actionTamper, 1, 4_096), (.dynamicsTamper, 1, 2_048),
    (.observationFGSM, 1, 2_048),
  ]

  struct Outcome {
    /// The trained (clean or attacked) policy's greedy evaluation under each sensor attack given
    /// to `run` as `evasion` (what the attack does to a policy at inference).
    var underAttack: [DrillKind: Double] = [:]
    var alerts: [AlertDraft]
    var firstAttacked: Int?
    var evaluation: Double
    var seconds: Double
  }

  static func spec(seed: UInt64) -> JobSpec {
    // The monitor observes (counts what it would veto) but does not shield the victim: an
    // enforcing monitor would keep even a poisoned agent balancing.
    JobSpec(environment: .cartpole, algorithm: .ppo, seed: seed, steps: steps, monitor: .observe)
  }

  /// One run: train with detection attached (and the drill, if any), then evaluate the policy
  /// greedily with the monitor off (what the attack did to the agent itself).
  static func run(
    _ spec: JobSpec, drill: DrillPlan?, integrity: Bool, detection enabled: Bool = true,
    evasion: [DrillKind] = []
  ) throws -> Outcome {
    let session = try SessionFactory.makeSession(for: spec)
    let detection = JobDetection(
      settings: .init(), integrityKey: integrity ? Array(0..<16) : nil,
      kinematics: spec.environment.kinematics)
    if let drill {
      detection.add(
        drill: drill, actionCount: spec.actionCount, probe: session.policyProbe)
    }
    if enabled { detection.install(on: session.interception) }

    var alerts: [AlertDraft] = []
    let clock = Date()
    var cpu = 0.0
    var dynamics = drill?.kind == .dynamicsTamper ? drill : nil
    while session.stepsDone < session.stepBudget {
      // As the engine does: a dynamics drill changes the environments between chunks.
      if let d = dynamics, session.stepsDone >= d.start {
        _ = session.tamperDynamics(factor: d.strength)
        dynamics = nil
      }
      let t0 = Date()
      let r = session.train(steps: 2_048)
      cpu = Date().timeIntervalSince(t0)
      if enabled {
        alerts += detection.observe(
          ChunkSample(
            step: session.stepsDone, episodes: r.episodes, updates: r.updates, safety: r.safety,
            steps: r.steps, cpuSeconds: cpu, actionLikelihood: r.actionLikelihood))
      }
      if r.steps == 0 { break }
    }
    let seconds = Date().timeIntervalSince(clock)
    let evaluation = session.evaluate(episodes: 10, mode: .off).meanReturn
    var underAttack: [DrillKind: Double] = [:]
    for kind in evasion {
      let plan = DrillPlan(kind: kind, rate: attacks.first { $0.kind == kind }?.rate ?? 1)
      underAttack[kind] =
        kind.position == .actions
        ? session.evaluate(
          episodes: 10, mode: .off,
          actionAttack: ActionDrill(plan, actionCount: spec.actionCount))?.meanReturn
        : session.evaluate(
          episodes: 10, mode: .off, attack: TransitionDrill(plan, probe: session.policyProbe))?
          .meanReturn
    }
    return Outcome(
      underAttack: underAttack, alerts: alerts, firstAttacked: drill?.start,
      evaluation: evaluation, seconds: seconds)
  }

  func run(costOnly: Bool = false) throws {
    if !costOnly { try rates() }
    try cost()
  }

  /// Detection and false-alarm rates, steps to detect and each attack's calibration.
  func rates() throws {
    // Clean runs: every alert is a false alarm.
    var falseAlarms = 0
    var falseBy: [String: Int] = [:]
    var cleanReturns: [Double] = []
    // Attacks that also act at inference (on observations or actions), applied to the clean
    // policies' evaluation.
    let sensorKinds = Self.attacks.map(\.kind).filter {
      $0.position == .sensor || $0.position == .actions
    }
    var evasion: [DrillKind: [Double]] = [:]
    for seed in 0..<cleanRuns {
      let o = try Self.run(
        Self.spec(seed: UInt64(1_000 + seed)), drill: nil, integrity: true, evasion: sensorKinds)
      for (kind, r) in o.underAttack { evasion[kind, default: []].append(r) }
      if let first = o.alerts.first {
        falseAlarms += 1
        falseBy[first.detector, default: 0] += 1
        if ProcessInfo.processInfo.environment["RAMPART_BENCH_VERBOSE"] != nil {
          let line =
            "clean seed \(1_000 + seed): \(first.detector) at step \(first.evidence.step): "
            + first.summary + "\n"
          FileHandle.standardError.write(Data(line.utf8))
        }
      }
      cleanReturns.append(o.evaluation)
    }
    // Zero of n: the one-sided 95% upper bound is 1 - 0.05^(1/n) (Clopper-Pearson).
    let upper =
      falseAlarms == 0
      ? 1 - pow(0.05, 1 / Double(cleanRuns)) : clopperPearsonUpper(falseAlarms, cleanRuns)
    let cleanMedian = median(cleanReturns)
    out.emit(
      JSONLine([
        "bench": "detection", "attack": "none", "runs": .int(cleanRuns),
        "false_alarms": .int(falseAlarms),
        "false_positive_rate": .double(Double(falseAlarms) / Double(cleanRuns)),
        "false_positive_rate_upper95": .double(upper), "median_eval_return": .double(cleanMedian),
        "false_alarm_detectors": .raw(Self.counts(falseBy)),
      ]),
      text:
        "clean: \(falseAlarms) false alarms in \(cleanRuns) runs \(falseBy) (95% upper bound \(format(upper * 100, 1))%), median evaluation \(format(cleanMedian, 1))"
    )
    for (kind, rate, start) in Self.attacks {
      for integrity in kind.position == .sensor ? [true] : [true, false] {
        var detected = 0
        var delays: [Double] = []
        var returns: [Double] = []
        var detectors: [String: Int] = [:]
        for seed in 0..<attackedRuns {
          let plan = DrillPlan(kind: kind, rate: rate, start: start, seed: UInt64(seed))
          let o = try Self.run(
            Self.spec(seed: UInt64(1_000 + seed)), drill: plan, integrity: integrity)
          returns.append(o.evaluation)
          if let first = o.alerts.min(by: { $0.evidence.step < $1.evidence.step }) {
            detected += 1
            delays.append(Double(max(first.evidence.step - start, 0)))
            detectors[first.detector, default: 0] += 1
          }
        }
        let rateDetected = Double(detected) / Double(attackedRuns)
        let attackedMedian = median(returns)
        let drop = cleanMedian > 0 ? 1 - attackedMedian / cleanMedian : .nan
        let label = kind.rawValue + (integrity ? "" : " (tags off)")
        // Sensor and action attacks also at inference: the clean policies evaluated under them.
        let evaded = evasion[kind].map { median($0) }
        let evasionDrop = evaded.map { cleanMedian > 0 ? 1 - $0 / cleanMedian : .nan }
        out.emit(
          JSONLine([
            "bench": "detection", "attack": .string(kind.rawValue),
            "integrity_tags": .bool(integrity),
            "runs": .int(attackedRuns), "rate": .double(rate), "start": .int(start),
            "detection_rate": .double(rateDetected),
            "false_positive_rate": .double(Double(falseAlarms) / Double(cleanRuns)),
            "median_steps_to_detect": delays.isEmpty ? .null : .double(median(delays)),
            "median_eval_return_attacked": .double(attackedMedian),
            "return_drop": .double(drop),
            "median_eval_return_clean_policy_under_attack": evaded.map { .double($0) } ?? .null,
            "evasion_return_drop": evasionDrop.map { .double($0) } ?? .null,
            "first_detectors": .raw(
              "{"
                + detectors.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(
                  separator: ",") + "}"),
          ]),
          text:
            "\(label): detected \(detected)/\(attackedRuns) (\(format(rateDetected * 100, 0))%), median \(delays.isEmpty ? "n/a" : format(median(delays), 0)) steps after the attack began; "
            + "evaluation \(format(attackedMedian, 1)) vs clean \(format(cleanMedian, 1)) (\(format(drop * 100, 0))% drop); "
            + (evaded.map {
              "clean policies under the attack \(format($0, 1)) (\(format((evasionDrop ?? .nan) * 100, 0))% drop); "
            } ?? "") + "first by \(detectors)"
        )
      }
    }
  }

  /// Training throughput with and without detection, CartPole PPO and FrozenLake Q-learning.
  func cost() throws {
    for spec in [
      Self.spec(seed: 7),
      JobSpec(
        environment: .frozenlake, algorithm: .qlearning, seed: 7, steps: 4_000_000,
        monitor: .enforce),
    ] {
      // Pairs run back to back, so that drift in the machine's speed cancels in each ratio.
      var with: [Double] = []
      var without: [Double] = []
      var ratios: [Double] = []
      for _ in 0..<5 {
        without.append(
          Double(spec.steps)
            / (try Self.run(spec, drill: nil, integrity: false, detection: false).seconds))
        with.append(Double(spec.steps) / (try Self.run(spec, drill: nil, integrity: true).seconds))
        ratios.append(with[with.count - 1] / without[without.count - 1])
      }
      let overhead = 1 - median(ratios)
      out.emit(
        JSONLine([
          "bench": "detection",
          "cost": .string("\(spec.environment.rawValue)-\(spec.algorithm.rawValue)"),
          "steps_per_s_without": .double(median(without)),
          "steps_per_s_with": .double(median(with)),
          "overhead": .double(overhead),
        ]),
        text:
          "cost on \(spec.environment.rawValue) \(spec.algorithm.rawValue): \(format(median(without), 0)) → \(format(median(with), 0)) steps/s with every detector and the tags (\(format(overhead * 100, 1))% slower)"
      )
    }
  }

  /// `{"detector":count,...}` for a JSON line.
  static func counts(_ c: [String: Int]) -> String {
    "{" + c.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
      + "}"
  }

  /// Clopper-Pearson one-sided 95% upper bound for k of n, by bisection on the binomial tail.
  func clopperPearsonUpper(_ k: Int, _ n: Int) -> Double {
    func cdf(_ p: Double) -> Double {
      var sum = 0.0
      var term = pow(1 - p, Double(n))
      for i in 0...k {
        if i > 0 { term *= Double(n - i + 1) / Double(i) * p / (1 - p) }
        sum += term
      }
      return sum
    }
    var lo = Double(k) / Double(n)
    var hi = 1.0
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if cdf(mid) > 0.05 { lo = mid } else { hi = mid }
    }
    return hi
  }
}
