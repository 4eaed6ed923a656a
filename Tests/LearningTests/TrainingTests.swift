import Learning
import Testing

/// Short training runs: determinism, the learner storing executed actions, interception.
struct TrainingTests {
  static func cartPoleTrainer(seed: UInt64, steps: Int = 2048) -> PPOTrainer<
    CartPole, OpenGate<CartPole>
  > {
    PPOTrainer(
      environment: CartPole(), configuration: PPOConfiguration(), seed: seed, stepBudget: steps,
      mode: .off, target: nil
    ) { _ in OpenGate<CartPole>() }
  }

  @Test func sameSeedSameMetricsBitForBit() {
    let a = Self.cartPoleTrainer(seed: 3)
    let b = Self.cartPoleTrainer(seed: 3)
    let c = Self.cartPoleTrainer(seed: 4)
    // Different chunking, same run.
    let ra = a.train(steps: 2048)
    var rb = b.train(steps: 700)
    let rb2 = b.train(steps: 2048)
    rb.episodes += rb2.episodes
    rb.updates += rb2.updates
    let rc = c.train(steps: 2048)
    #expect(ra.episodes == rb.episodes)
    #expect(ra.updates == rb.updates)
    #expect(Array(a.actor.parameters) == Array(b.actor.parameters))
    #expect(Array(a.actor.parameters) != Array(c.actor.parameters))
    #expect(ra.episodes != rc.episodes)
    #expect(a.evaluate(episodes: 5, mode: .off) == b.evaluate(episodes: 5, mode: .off))
  }

  @Test func qLearningIsDeterministicAndLearns() {
    func make(_ seed: UInt64) -> QLearningTrainer<FrozenLake, OpenGate<FrozenLake>> {
      QLearningTrainer(
        environment: FrozenLake.fourByFour(isSlippery: false),
        configuration: QLearningConfiguration(),
        seed: seed, stepBudget: 20_000, mode: .off, target: nil
      ) { _ in OpenGate<FrozenLake>() }
    }
    let a = make(1)
    let b = make(1)
    _ = a.train(steps: 20_000)
    _ = b.train(steps: 20_000)
    #expect(a.q == b.q)
    // Without slips the greedy policy reaches the goal every time.
    #expect(a.evaluate(episodes: 10, mode: .off).successRate == 1)
  }

  /// Flips the sign of every reward on the channel: the learner must see the change.
  final class SignFlip: TransitionInterceptor {
    var seen = 0
    func intercept(_ t: inout Transition) {
      if t.kind == .step {
        seen += 1
        t.reward = -t.reward
      }
    }
  }

  @Test func interceptorsSeeEveryTransitionAndAlterWhatTheLearnerGets() {
    let clean = QLearningTrainer(
      environment: FrozenLake.fourByFour(isSlippery: false),
      configuration: QLearningConfiguration(),
      seed: 1, stepBudget: 20_000, mode: .off, target: nil
    ) { _ in OpenGate<FrozenLake>() }
    let attacked = QLearningTrainer(
      environment: FrozenLake.fourByFour(isSlippery: false),
      configuration: QLearningConfiguration(),
      seed: 1, stepBudget: 20_000, mode: .off, target: nil
    ) { _ in OpenGate<FrozenLake>() }
    let flip = SignFlip()
    attacked.interception.transitions.append(flip)
    let report = attacked.train(steps: 20_000)
    _ = clean.train(steps: 20_000)
    #expect(flip.seen == report.steps)
    #expect(clean.evaluate(episodes: 10, mode: .off).successRate == 1)
    // Rewarded for avoiding the goal, the poisoned learner stops reaching it.
    #expect(attacked.evaluate(episodes: 10, mode: .off).successRate == 0)
    // Episode returns are measured at the environment, before the channel.
    #expect(report.episodes.allSatisfy { $0.totalReward >= 0 })
  }

  /// Forces one action on the agent→monitor path.
  final class ForceLeft: ActionInterceptor {
    func intercept(
      _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
    ) {
      action = 0
    }
  }

  @Test func actionInterceptorsReachTheEnvironment() {
    let trainer = Self.cartPoleTrainer(seed: 1, steps: 512)
    trainer.interception.actions.append(ForceLeft())
    let report = trainer.train(steps: 512)
    // Always pushing left, CartPole falls within a few dozen steps.
    #expect(report.episodes.allSatisfy { $0.length < 40 })
  }
}
