import Engine
import Foundation
import Learning

/// Runs one job to completion in its own engine (one worker, so runs don't share cores).
func runJob(_ spec: JobSpec, unshieldedEpisodes: Int? = nil) throws -> (
  JobDetail, EvaluationReport?
) {
  var configuration = EngineConfiguration()
  configuration.workerSlots = 1
  let principal = Principal.currentUser()
  let engine = try attempt {
    try Engine.temporary(
      principals: [principal.name: ["data-scientist"]], configuration: configuration)
  }
  let id = try engine.submit(spec, as: principal)
  let status = try engine.wait(for: id, as: principal)
  let detail = try attempt { try engine.detail(id, as: principal) }
  guard status == .completed else {
    throw CommandFailure(
      description: "benchmark job \(id.short) \(status.rawValue): \(detail.summary.error ?? "")")
  }
  let unshielded = try unshieldedEpisodes.map {
    try engine.evaluate(id, episodes: $0, mode: .off, as: principal)
  }
  return (detail, unshielded)
}

func makeSpec(
  _ env: EnvironmentID, _ algo: AlgorithmID, seed: UInt64, steps: Int, monitor: MonitorMode,
  overrides: [String]
) throws -> JobSpec {
  var spec = JobSpec(environment: env, algorithm: algo, seed: seed, steps: steps, monitor: monitor)
  try HyperParameterOverrides.apply(overrides, to: &spec)
  if let problem = spec.problem { throw UsageError(problem) }
  return spec
}

/// PPO on CartPole for seeds 0–9 with one fixed set of hyper-parameters, monitor off and on.
struct PPOCartPoleBench {
  let seeds: [UInt64]
  let steps: Int
  let overrides: [String]
  let out: BenchOutput

  func run() throws {
    for mode in [MonitorMode.off, .enforce] {
      var times: [Double] = []
      var stepCounts: [Double] = []
      var rates: [Double] = []
      var evals: [Double] = []
      var vetoRates: [Double] = []
      var violations = 0
      for seed in seeds {
        let (d, unshielded) = try runJob(
          makeSpec(.cartpole, .ppo, seed: seed, steps: steps, monitor: mode, overrides: overrides),
          unshieldedEpisodes: mode == .off ? nil : 100)
        let rate = Double(d.summary.step) / max(d.trainingSeconds, 1e-9)
        let eval = d.evaluation?.meanReturn ?? .nan
        // No decisions (monitor off): no veto rate was measured.
        let vr: Double? =
          d.safety.decisions > 0 ? Double(d.safety.vetoes) / Double(d.safety.decisions) : nil
        violations += d.safety.violations + (d.evaluation?.safetyViolations ?? 0)
        if let t = d.target {
          times.append(t.seconds)
          stepCounts.append(Double(t.steps))
        }
        rates.append(rate)
        evals.append(eval)
        if let vr { vetoRates.append(vr) }
        out.emit(
          JSONLine([
            "bench": "ppo-cartpole", "monitor": .string(mode.rawValue), "seed": .int(Int(seed)),
            "seconds_to_target": .number(d.target?.seconds),
            "steps_to_target": .number(d.target?.steps),
            "steps_per_s": .double(rate.rounded()), "eval_mean_return": .double(eval),
            "veto_rate": .number(vr), "training_safety_violations": .int(d.safety.violations),
            "eval_safety_violations": .int(d.evaluation?.safetyViolations ?? 0),
            "steps": .int(d.summary.step),
            "eval_mean_return_monitor_off": .number(unshielded?.meanReturn),
          ]),
          text: "ppo-cartpole monitor=\(mode.rawValue) seed=\(seed): "
            + (d.target.map { "475 at \($0.steps) steps, \(format($0.seconds, 3)) s" }
              ?? "475 not reached")
            + "; \(format(rate / 1000, 1))k steps/s; final eval \(format(eval, 1))"
            + (unshielded.map { " (\(format($0.meanReturn, 1)) with the monitor off)" } ?? "")
            + "; veto rate \(vr.map { format(100 * $0, 2) + "%" } ?? "n/a")")
      }
      let solved = evals.filter { $0 >= 475 }.count
      out.emit(
        JSONLine([
          "bench": "ppo-cartpole", "monitor": .string(mode.rawValue), "summary": true,
          "seeds": .int(seeds.count), "seeds_eval_ge_475": .int(solved),
          "seeds_reached_target": .int(times.count),
          "median_seconds_to_target": .double(median(times)),
          "median_steps_to_target": .double(median(stepCounts)),
          "median_steps_per_s": .double(median(rates).rounded()),
          "min_eval_mean_return": .double(evals.min() ?? .nan),
          "median_veto_rate": .number(vetoRates.isEmpty ? nil : median(vetoRates)),
          "safety_violations": .int(violations),
        ]),
        text:
          "ppo-cartpole monitor=\(mode.rawValue) summary: \(solved)/\(seeds.count) seeds evaluate ≥ 475 "
          + "(min \(format(evals.min() ?? .nan, 1))); median time to 475 \(format(median(times), 3)) s, "
          + "median steps \(stepCounts.isEmpty ? "n/a" : String(Int(median(stepCounts)))); median "
          + "\(format(median(rates) / 1000, 1))k steps/s; median veto rate "
          + "\(vetoRates.isEmpty ? "n/a" : format(100 * median(vetoRates), 2) + "%"); "
          + "safety violations \(violations)")
    }
  }
}

/// Q-learning on slippery FrozenLake 4x4, with and without the shield.
struct QLearningBench {
  let seeds: [UInt64]
  let steps: Int
  let overrides: [String]
  let out: BenchOutput

  func run() throws {
    for mode in [MonitorMode.off, .enforce] {
      var successes: [Double] = []
      var holes: [Double] = []
      var times: [Double] = []
      for seed in seeds {
        var spec = try makeSpec(
          .frozenlake, .qlearning, seed: seed, steps: steps, monitor: mode, overrides: overrides)
        spec.evaluationEpisodes = 1000
        let (d, _) = try runJob(spec)
        // No evaluation, no success rate: it is reported as null / n/a, never as 0.
        let success = d.evaluation?.successRate
        if let success { successes.append(success) }
        holes.append(Double(d.safety.violations))
        times.append(d.trainingSeconds)
        out.emit(
          JSONLine([
            "bench": "qlearning-frozenlake", "monitor": .string(mode.rawValue),
            "seed": .int(Int(seed)),
            "success_rate": .number(success), "eval_episodes": .int(d.evaluation?.episodes ?? 0),
            "training_holes": .int(d.safety.violations),
            "training_episodes": .int(d.summary.episodes),
            "vetoes": .int(d.safety.vetoes), "seconds": .double(d.trainingSeconds),
            "steps": .int(d.summary.step),
          ]),
          text:
            "qlearning-frozenlake monitor=\(mode.rawValue) seed=\(seed): success \(success.map { format($0, 3) } ?? "n/a") "
            + "over \(d.evaluation?.episodes ?? 0) episodes; \(d.safety.violations) holes in "
            + "\(d.summary.episodes) training episodes; \(format(d.trainingSeconds, 2)) s")
      }
      out.emit(
        JSONLine([
          "bench": "qlearning-frozenlake", "monitor": .string(mode.rawValue), "summary": true,
          "median_success_rate": .double(median(successes)),
          "min_success_rate": .number(successes.min()),
          "median_training_holes": .double(median(holes)), "median_seconds": .double(median(times)),
        ]),
        text:
          "qlearning-frozenlake monitor=\(mode.rawValue) summary: median success \(format(median(successes), 3)) "
          + "(min \(successes.min().map { format($0, 3) } ?? "n/a")), median training holes \(Int(median(holes))), "
          + "median \(format(median(times), 2)) s")
    }
  }
}

/// PPO training throughput on CartPole with the monitor enforcing against the same run without it.
struct MonitorOverheadBench {
  let runs: Int
  let steps: Int
  let overrides: [String]
  let out: BenchOutput

  func run() throws {
    var rates: [MonitorMode: [Double]] = [:]
    var details: [MonitorMode: JobDetail] = [:]
    for _ in 0..<runs {
      for mode in [MonitorMode.off, .enforce] {
        let (d, _) = try runJob(
          makeSpec(.cartpole, .ppo, seed: 0, steps: steps, monitor: mode, overrides: overrides))
        rates[mode, default: []].append(Double(d.summary.step) / max(d.trainingSeconds, 1e-9))
        details[mode] = d
      }
    }
    let off = median(rates[.off] ?? [])
    let on = median(rates[.enforce] ?? [])
    let overhead = 100 * (1 - on / off)
    let d = details[.enforce]
    let vetoRate = d.flatMap {
      $0.safety.decisions > 0 ? Double($0.safety.vetoes) / Double($0.safety.decisions) : nil
    }
    func figure(_ n: Int?) -> String { n.map(String.init) ?? "n/a" }
    out.emit(
      JSONLine([
        "bench": "monitor-overhead", "env": "cartpole", "algo": "ppo", "runs": .int(runs),
        "steps": .int(steps),
        "steps_per_s_off": .double(off.rounded()), "steps_per_s_enforce": .double(on.rounded()),
        "overhead_percent": .double(overhead), "veto_rate": .number(vetoRate),
        "training_safety_violations": .number(d?.safety.violations),
        "eval_safety_violations": .number(d?.evaluation?.safetyViolations),
      ]),
      text:
        "monitor-overhead cartpole ppo: \(format(off / 1000, 1))k steps/s off, \(format(on / 1000, 1))k enforce "
        + "→ overhead \(format(overhead, 1))% (median of \(runs)); veto rate \(vetoRate.map { format(100 * $0, 2) + "%" } ?? "n/a"), "
        + "safety violations \(figure(d?.safety.violations)) training / \(figure(d?.evaluation?.safetyViolations)) eval"
    )
  }
}
