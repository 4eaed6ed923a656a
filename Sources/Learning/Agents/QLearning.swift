/// Hyper-parameters of tabular Q-learning with ε-greedy exploration.
public struct QLearningConfiguration: Sendable, Hashable, Codable {
  /// Step size at the start; it decays linearly to `finalLearningRate` over the budget.
  public var learningRate = 0.1
  public var finalLearningRate = 0.005
  public var gamma = 0.99
  public var initialEpsilon = 1.0
  public var finalEpsilon = 0.02
  /// Fraction of the budget over which ε decays linearly.
  public var explorationFraction = 0.4
  /// Steps between the evaluations that look for the solved threshold.
  public var targetCheckInterval = 20_000

  public init() {}

  public var problem: String? {
    if !(learningRate > 0 && learningRate <= 1) || !(0...1).contains(finalLearningRate) {
      return "learning rates must be in (0, 1]"
    }
    if !(0...1).contains(gamma) { return "gamma must be in [0, 1]" }
    if !(0...1).contains(initialEpsilon) || !(0...1).contains(finalEpsilon) {
      return "epsilon must be in [0, 1]"
    }
    if !(0...1).contains(explorationFraction) { return "exploration fraction must be in [0, 1]" }
    if targetCheckInterval < 1 { return "target check interval must be at least 1" }
    return nil
  }
}

/// Tabular Q-learning (Watkins) with ε-greedy exploration, random tie-breaking while training
/// and greedy evaluation. Truncated episodes bootstrap; terminated ones do not.
public final class QLearningTrainer<Env: DiscreteEnvironment, Gate: ActionGate>: TrainingSession
where Gate.Env == Env {
  public let configuration: QLearningConfiguration
  public let stepBudget: Int
  public let target: TrainingTarget?
  public private(set) var targetResult: TargetResult?
  public let interception = InterceptionPoints()
  public private(set) var stepsDone = 0
  /// `q[state * actionCount + action]`.
  public private(set) var q: [Double]

  let template: Env
  let makeGate: (MonitorMode) -> Gate
  let mode: MonitorMode
  var environment: Env
  var gate: Gate
  var rng: Xoshiro256
  var resetRNG: Xoshiro256
  let actionCount: Int
  var episodeReward = 0.0
  var episodeLength = 0
  var episodeViolations = 0
  var ledger = SafetyLedger()
  var trainingSeconds = 0.0
  let stateCount: Int
  /// What crosses the channel: the state's index, one float (Gymnasium's Discrete observation;
  /// a one-hot would cost a table learner 16 to 64 floats a step to write, tag and read back).
  private let observation = UnsafeMutablePointer<Float>.allocate(capacity: 1)
  /// Whether `observation` holds what the learner last received (the state it acts in).
  @exclusivity(unchecked) private var observationCurrent = false

  public init(
    environment: Env, configuration: QLearningConfiguration, seed: UInt64, stepBudget: Int,
    mode: MonitorMode, target: TrainingTarget?, makeGate: @escaping (MonitorMode) -> Gate
  ) {
    self.configuration = configuration
    self.stepBudget = stepBudget
    self.target = target
    self.template = environment
    self.makeGate = makeGate
    self.mode = mode
    actionCount = environment.actionCount
    q = Array(repeating: 0, count: environment.stateCount * environment.actionCount)
    rng = Xoshiro256(seed: seed, stream: 2)
    resetRNG = Xoshiro256(seed: seed, stream: 3)
    self.environment = environment
    gate = makeGate(mode)
    stateCount = environment.stateCount
    observation.initialize(to: 0)
    self.environment.reset(using: &resetRNG)
    gate.reset(for: self.environment)
  }

  deinit { observation.deallocate() }

  public var liveState: [Double] { environment.stateVector }

  public func train(steps: Int) -> ChunkReport {
    var report = ChunkReport()
    while report.steps < steps && stepsDone < stepBudget {
      let watch = Stopwatch()
      let before = stepsDone
      let interval = configuration.targetCheckInterval
      let goal = min(stepBudget, stepsDone + min(steps - report.steps, interval))
      run(until: goal, report: &report)
      let elapsed = watch.seconds
      trainingSeconds += elapsed
      report.trainingSeconds += elapsed
      report.steps += stepsDone - before
      if let target, targetResult == nil, stepsDone % interval == 0 || stepsDone == stepBudget {
        let evaluation = evaluate(episodes: target.episodes, mode: mode)
        if evaluation.meanReturn >= target.threshold {
          let result = TargetResult(
            steps: stepsDone, seconds: trainingSeconds, evaluationMeanReturn: evaluation.meanReturn)
          targetResult = result
          report.targetReached = result
        }
      }
    }
    (report.safety, report.vetoSamples) = ledger.take()
    return report
  }

  private func schedule() -> (epsilon: Double, alpha: Double) {
    let c = configuration
    let progress = Double(stepsDone) / Double(max(stepBudget, 1))
    let explore = c.explorationFraction > 0 ? min(1, progress / c.explorationFraction) : 1
    let epsilon = c.initialEpsilon + (c.finalEpsilon - c.initialEpsilon) * explore
    let alpha = c.learningRate + (c.finalLearningRate - c.learningRate) * min(1, progress)
    return (epsilon, alpha)
  }

  private func run(until goal: Int, report: inout ChunkReport) {
    let gamma = configuration.gamma
    let a = actionCount
    // The interception points do not change during a chunk.
    let transitions = interception.transitionChain
    let actions = interception.actionChain
    let delivering = !transitions.isEmpty
    let acting = !actions.isEmpty
    if !delivering { observationCurrent = false }
    var state = environment.stateIndex
    while stepsDone < goal {
      let (epsilon, alpha) = schedule()
      var proposed: Int
      if rng.nextDouble() < epsilon {
        proposed = rng.nextInt(below: a)
      } else {
        proposed = greedy(state, breakTiesWith: &rng)
      }
      if acting {
        // With the channel on, the buffer already holds what the learner received last step.
        if !observationCurrent { observation.pointee = Float(state) }
        actions.send(
          action: &proposed, environment: 0, step: stepsDone,
          observation: UnsafeBufferPointer(start: observation, count: 1))
        proposed = min(max(proposed, 0), a - 1)
      }
      let decision = gate.decide(proposed, in: environment)
      ledger.record(
        decision, proposed: proposed, mode: gate.mode, env: environment, step: stepsDone,
        environment: 0)
      let action = decision.executed
      let outcome = environment.step(action)
      stepsDone += 1
      if gate.observe(environment) {
        ledger.counters.violations += 1
        episodeViolations += 1
      }
      episodeReward += outcome.reward
      episodeLength += 1
      var reward = outcome.reward
      var terminated = outcome.terminated
      var next = environment.stateIndex
      if delivering {
        (reward, terminated, next) = deliver(
          next, kind: .step, outcome: outcome, through: transitions)
      }
      let bootstrap = terminated ? 0 : gamma * maxValue(next)
      let index = state * a + action
      q[index] += alpha * (reward + bootstrap - q[index])
      state = next
      if outcome.isDone {
        report.episodes.append(
          EpisodeSummary(
            totalReward: episodeReward, length: episodeLength,
            reachedGoal: environment.reachedGoal, violations: episodeViolations,
            endStep: stepsDone))
        episodeReward = 0
        episodeLength = 0
        episodeViolations = 0
        environment.reset(using: &resetRNG)
        gate.reset(for: environment)
        state = environment.stateIndex
        if delivering {
          state =
            deliver(
              state, kind: .reset,
              outcome: StepOutcome(reward: 0, terminated: false, truncated: false),
              through: transitions
            ).2
        }
      }
    }
  }

  /// Sends the current state through the channel and reads the state the learner sees: the
  /// nearest valid index to what arrived (a tampered value lands on a wrong state, as a real
  /// attack's would).
  @inline(__always)
  private func deliver(
    _ state: Int, kind: TransitionKind, outcome: StepOutcome, through chain: TransitionChain
  ) -> (Double, Bool, Int) {
    observation.pointee = Float(state)
    var t = Transition(
      kind: kind, environment: 0, step: stepsDone,
      observation: UnsafeMutableBufferPointer(start: observation, count: 1),
      reward: outcome.reward, terminated: outcome.terminated, truncated: outcome.truncated)
    chain.send(&t)
    observationCurrent = true
    let v = observation.pointee
    // Nearest index, clamped (a NaN reads as state 0); no libm call on the hot path.
    let index = v.isNaN ? 0 : Int(min(max(v, 0), Float(stateCount - 1)) + 0.5)
    return (t.reward, t.terminated, index)
  }

  @inline(__always)
  private func maxValue(_ state: Int) -> Double {
    var best = q[state * actionCount]
    for j in 1..<actionCount { best = max(best, q[state * actionCount + j]) }
    return best
  }

  @inline(__always)
  private func greedy(_ state: Int, breakTiesWith rng: inout Xoshiro256) -> Int {
    let base = state * actionCount
    var best = q[base]
    var ties = 1
    var choice = 0
    for j in 1..<actionCount {
      let v = q[base + j]
      if v > best {
        best = v
        choice = j
        ties = 1
      } else if v == best {
        ties += 1
        if rng.nextInt(below: ties) == 0 { choice = j }
      }
    }
    return choice
  }

  /// The greedy action (lowest index among equals).
  public func policyAction(state: Int) -> Int {
    var best = 0
    for j in 1..<actionCount where q[state * actionCount + j] > q[state * actionCount + best] {
      best = j
    }
    return best
  }

  public func evaluate(episodes: Int, mode: MonitorMode) -> EvaluationReport {
    var returns: [Double] = []
    var lengths: [Int] = []
    var goals: [Bool?] = []
    var ledger = SafetyLedger(sampleLimit: 0)
    for e in 0..<episodes {
      var env = template
      var seedRNG = Xoshiro256(seed: EvaluationSeeds.seed(episode: e))
      env.reset(using: &seedRNG)
      var gate = makeGate(mode)
      gate.reset(for: env)
      var total = 0.0
      var length = 0
      while true {
        let proposed = policyAction(state: env.stateIndex)
        let decision = gate.decide(proposed, in: env)
        ledger.record(
          decision, proposed: proposed, mode: mode, env: env, step: length, environment: e)
        let outcome = env.step(decision.executed)
        if gate.observe(env) { ledger.counters.violations += 1 }
        total += outcome.reward
        length += 1
        if outcome.isDone { break }
      }
      returns.append(total)
      lengths.append(length)
      goals.append(env.reachedGoal)
    }
    return EvaluationReport(
      returns: returns, lengths: lengths, goals: goals, safety: ledger.counters, monitor: mode)
  }

  public func loadPolicy(_ tensors: [PolicyTensor]) throws(SafetensorsError) {
    guard let t = tensors.first(where: { $0.name == "q_values" }) else {
      throw .malformed("missing tensor q_values")
    }
    guard t.values.count == q.count else {
      throw .malformed("q_values has \(t.values.count) values, the table needs \(q.count)")
    }
    q = t.values.map(Double.init)
  }

  public func policyTensors() -> (tensors: [PolicyTensor], metadata: [String: String]) {
    let states = q.count / actionCount
    let tensor = PolicyTensor(
      name: "q_values", shape: [states, actionCount], values: q.map { Float($0) })
    let metadata = [
      "format": "rampart-policy-v1",
      "algorithm": "q-learning",
      "state_count": String(states),
      "action_count": String(actionCount),
      "steps": String(stepsDone),
    ]
    return ([tensor], metadata)
  }
}
