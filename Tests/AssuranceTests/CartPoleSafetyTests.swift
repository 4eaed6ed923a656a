import Assurance
import Learning
import Testing

struct CartPoleSafetyTests {
  let safety = CartPoleSafety()

  /// The recoverable region's defining property: from every state of a grid over it (corners and
  /// faces included), the fallback keeps the nominal CartPole inside the envelope for 1,500
  /// steps (three episodes' worth).
  @Test func fallbackStaysInTheEnvelopeFromEveryGridStateOfTheRegion() {
    let r = safety.region
    let n = 9
    func axis(_ bound: Double) -> [Double] {
      (0..<n).map { -bound + 2 * bound * Double($0) / Double(n - 1) }
    }
    var failures = 0
    var checked = 0
    for x in axis(r.position) {
      for v in axis(r.velocity) {
        for t in axis(r.angle) {
          for w in axis(r.angularVelocity) {
            var cart = CartPole(state: (x, v, t, w))
            checked += 1
            for _ in 0..<1500 {
              cart.integrate(safety.fallback.action(for: cart))
              if !safety.envelope.contains(cart) {
                failures += 1
                break
              }
            }
          }
        }
      }
    }
    #expect(checked == 6561)
    #expect(failures == 0)
  }

  @Test func theRegionContainsTheResetBoxAndLiesInsideTheEnvelope() {
    let r = safety.region
    #expect(r.position >= CartPole.resetBound && r.velocity >= CartPole.resetBound)
    #expect(r.angle >= CartPole.resetBound && r.angularVelocity >= CartPole.resetBound)
    #expect(r.position < safety.envelope.cartPosition && r.angle < safety.envelope.poleAngle)
  }

  @Test func enforceNeverLeavesTheEnvelopeUnderRandomPlay() {
    var rng = Xoshiro256(seed: 11)
    var monitor = Monitor(mode: .enforce, specification: CartPoleSafety())
    var cart = CartPole()
    var vetoes = 0
    var violations = 0
    var steps = 0
    for _ in 0..<100 {
      cart.reset(using: &rng)
      monitor.reset(for: cart)
      while true {
        let proposed = rng.nextInt(below: 2)
        let decision = monitor.decide(proposed, in: cart)
        if decision.vetoed(proposed: proposed) {
          vetoes += 1
          #expect(decision.rule == CartPoleSafety.rule)
          #expect(decision.executed == CartPoleSafety().fallbackAction(in: cart))
        }
        let outcome = cart.step(decision.executed)
        steps += 1
        if monitor.observe(cart) { violations += 1 }
        if outcome.isDone { break }
      }
    }
    #expect(violations == 0)
    #expect(vetoes > 0)
    // The shielded random agent balances for whole episodes.
    #expect(steps == 100 * CartPole.maxEpisodeSteps)
  }

  @Test func observeRecordsWouldBeVetoesAndTheEnvelopeIsLeft() {
    var rng = Xoshiro256(seed: 12)
    var monitor = Monitor(mode: .observe, specification: CartPoleSafety())
    var cart = CartPole()
    var flagged = 0
    var violations = 0
    for _ in 0..<100 {
      cart.reset(using: &rng)
      monitor.reset(for: cart)
      while true {
        let proposed = rng.nextInt(below: 2)
        let decision = monitor.decide(proposed, in: cart)
        #expect(decision.executed == proposed)
        if decision.flagged { flagged += 1 }
        let outcome = cart.step(decision.executed)
        if monitor.observe(cart) { violations += 1 }
        if outcome.isDone { break }
      }
    }
    #expect(flagged > 0)
    #expect(violations > 0)
  }

  @Test func offChecksNothingButStillCountsViolations() {
    var monitor = Monitor(mode: .off, specification: CartPoleSafety())
    var cart = CartPole(state: (0, 0, 0.149, 2))
    monitor.reset(for: cart)
    let decision = monitor.decide(0, in: cart)
    #expect(decision == GateDecision(executed: 0))
    _ = cart.step(1)
    let exited = monitor.observe(cart)
    #expect(exited)
    _ = cart.step(1)
    let again = monitor.observe(cart)
    #expect(!again)  // still outside: only the exit counts
  }

  @Test func vetoesAnActionThatWouldLeaveTheEnvelope() {
    var spec = CartPoleSafety()
    // Pole leaning right and falling right: pushing left makes it worse.
    let cart = CartPole(state: (0, 0, 0.12, 0.6))
    spec.reset(for: cart)
    let rule = spec.violatedRule(0, in: cart)
    #expect(rule == CartPoleSafety.rule)
    #expect(spec.fallbackAction(in: cart) == 1)
  }
}
