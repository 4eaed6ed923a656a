import Engine
import Learning

/// Raw environment steps per second on one core: random actions, reset when an episode ends.
struct EnvStepsBench {
  let runs: Int
  let out: BenchOutput

  func run() {
    measure("cartpole", steps: 20_000_000, CartPole())
    measure("frozenlake", steps: 100_000_000, FrozenLake.fourByFour())
    measure("frozenlake8x8", steps: 100_000_000, FrozenLake.eightByEight())
    measure("capacity", steps: 5_000_000, CapacityEnvironment())
  }

  private func measure<E: Environment>(_ name: String, steps: Int, _ template: E) {
    _ = loop(template, steps: steps / 10)  // warm-up
    var rates: [Double] = []
    var checksum = 0.0
    for _ in 0..<runs {
      let start = CPUClock.monotonic()
      checksum += loop(template, steps: steps)
      rates.append(Double(steps) / (CPUClock.monotonic() - start))
    }
    let m = median(rates)
    out.emit(
      JSONLine([
        "bench": "env-steps", "env": .string(name), "steps_per_s": .double(m.rounded()),
        "runs": .int(runs), "steps_per_run": .int(steps), "reward_sum": .double(checksum),
      ]),
      text:
        "env-steps \(name): \(format(m / 1e6, 1)) million steps/s (median of \(runs) runs of \(steps) steps)"
    )
  }

  /// Steps `template` with uniformly random actions; returns the reward total so the work can't
  /// be optimised away.
  @inline(never)
  private func loop<E: Environment>(_ template: E, steps: Int) -> Double {
    var env = template
    var rng = Xoshiro256(seed: 42)
    env.reset(using: &rng)
    let actions = env.actionCount
    var total = 0.0
    for _ in 0..<steps {
      let outcome = env.step(rng.nextInt(below: actions))
      total += outcome.reward
      if outcome.terminated || outcome.truncated { env.reset(using: &rng) }
    }
    return total
  }
}
