import Assurance
import Learning
import Testing

struct FrozenLakeShieldTests {
  @Test func riskComesFromTheSlipModel() {
    let lake = FrozenLake.fourByFour()
    let shield = FrozenLakeShield(lake: lake, horizon: 1, threshold: 0)
    // From cell 6, moving down can slip left into hole 5 or right into hole 7.
    #expect(abs(shield.risk[6 * 4 + FrozenLake.down] - 2.0 / 3) < 1e-12)
    #expect(abs(shield.risk[6 * 4 + FrozenLake.left] - 1.0 / 3) < 1e-12)
    // From the start, moving left can't reach a hole in one step.
    #expect(shield.risk[0 * 4 + FrozenLake.left] == 0)
    var at6 = lake
    at6.place(at: 6)
    #expect(shield.violatedRule(FrozenLake.down, in: at6) == FrozenLakeShield.rule)
    #expect(shield.violatedRule(FrozenLake.left, in: at6) == nil)  // the safest there is
    #expect([FrozenLake.left, FrozenLake.right].contains(shield.fallbackAction(in: at6)))
  }

  @Test func longerHorizonsSeeFurther() {
    let lake = FrozenLake.fourByFour()
    let one = FrozenLakeShield(lake: lake, horizon: 1)
    let three = FrozenLakeShield(lake: lake, horizon: 3)
    #expect(zip(one.risk, three.risk).allSatisfy { $0 <= $1 + 1e-12 })
    #expect(zip(one.risk, three.risk).contains { $0 < $1 })
  }

  @Test func shieldLowersHolesUnderRandomPlay() {
    func holes(_ mode: MonitorMode) -> Int {
      let lake = FrozenLake.fourByFour()
      var monitor = Monitor(mode: mode, specification: FrozenLakeShield(lake: lake))
      var env = lake
      var rng = Xoshiro256(seed: 5)
      var count = 0
      for _ in 0..<2000 {
        env.reset(using: &rng)
        monitor.reset(for: env)
        while true {
          let d = monitor.decide(rng.nextInt(below: 4), in: env)
          let outcome = env.step(d.executed)
          if monitor.observe(env) { count += 1 }
          if outcome.isDone { break }
        }
      }
      return count
    }
    let unshielded = holes(.off)
    let shielded = holes(.enforce)
    #expect(shielded < unshielded / 2, "holes \(shielded) shielded vs \(unshielded)")
    #expect(shielded > 0)  // slippery FrozenLake cannot be made hole-free
  }
}

struct CapacitySafetyTests {
  func play(_ mode: MonitorMode) -> (flagged: Int, vetoes: Int, breaches: Int) {
    var monitor = Monitor(mode: mode, specification: CapacitySafety())
    var env = CapacityEnvironment()
    var rng = Xoshiro256(seed: 8)
    var flagged = 0
    var vetoes = 0
    var breaches = 0
    for _ in 0..<20 {
      env.reset(using: &rng)
      monitor.reset(for: env)
      while true {
        // Greedy for capacity: mostly add units, as a careless allocator at peak would.
        let proposed =
          rng.nextDouble() < 0.6 ? 1 + 2 * rng.nextInt(below: 3) : rng.nextInt(below: 7)
        let d = monitor.decide(proposed, in: env)
        if d.flagged { flagged += 1 }
        if d.vetoed(proposed: proposed) { vetoes += 1 }
        let outcome = env.step(d.executed)
        if monitor.observe(env) { breaches += 1 }
        if outcome.isDone { break }
      }
    }
    return (flagged, vetoes, breaches)
  }

  @Test func enforceGuaranteesTheHardConstraints() {
    let r = play(.enforce)
    #expect(r.breaches == 0)
    #expect(r.vetoes > 0)
  }

  @Test func observeCountsWhatWouldHaveBeenBroken() {
    let r = play(.observe)
    #expect(r.vetoes == 0)
    #expect(r.flagged > 0)
    #expect(r.breaches > 0)
  }

  @Test func rulesNameTheConstraint() {
    var env = CapacityEnvironment()
    env.place(hour: 0, allocation: [4, 4, 4])
    let spec = CapacitySafety()
    #expect(spec.violatedRule(1, in: env) == CapacitySafety.totalRule)
    #expect(spec.violatedRule(2, in: env) == nil)
    #expect(spec.fallbackAction(in: env) == 0)
    env.place(hour: 0, allocation: [1, 2, 2])
    #expect(spec.violatedRule(2, in: env) == CapacitySafety.minimumRule)
    env.place(hour: 0, allocation: [5, 5, 5])
    #expect(spec.fallbackAction(in: env) == 2)  // release a unit from the largest service
  }
}
