#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Proximal Policy Optimisation (clipped objective, GAE, minibatch epochs, Adam, entropy bonus)
/// over vectorised environments, with separate actor and critic MLPs, in the manner of
/// Stable-Baselines3's PPO (truncated episodes bootstrap from the critic).
public final class PPOTrainer<Env: Environment, Gate: ActionGate>: TrainingSession
where Gate.Env == Env {
  public let configuration: PPOConfiguration
  public let stepBudget: Int
  public let target: TrainingTarget?
  public private(set) var targetResult: TargetResult?
  public let interception = InterceptionPoints()
  public private(set) var stepsDone = 0
  public let actor: MLP
  public let critic: MLP

  let template: Env
  let makeGate: (MonitorMode) -> Gate
  let mode: MonitorMode
  var environments: [Env]
  var gates: [Gate]
  var rng: Xoshiro256
  var resetRNG: Xoshiro256
  var actorOptimizer: Adam
  var criticOptimizer: Adam
  let obsSize: Int
  let actionCount: Int
  let envCount: Int
  let horizon: Int
  let rolloutSize: Int
  let storage: RolloutStorage
  var episodeReward: [Double]
  var episodeLength: [Int]
  var episodeViolations: [Int]
  var ledger = SafetyLedger()
  var trainingSeconds = 0.0

  /// - Parameters:
  ///   - environment: a template; each vectorised copy is reset from the job's seed.
  ///   - makeGate: builds the monitor for a mode (training uses `mode`; evaluations choose).
  public init(
    environment: Env, configuration: PPOConfiguration, seed: UInt64, stepBudget: Int,
    mode: MonitorMode, target: TrainingTarget?, makeGate: @escaping (MonitorMode) -> Gate
  ) {
    self.configuration = configuration
    self.stepBudget = stepBudget
    self.target = target
    self.template = environment
    self.makeGate = makeGate
    self.mode = mode
    obsSize = environment.observationSize
    actionCount = environment.actionCount
    envCount = configuration.environments
    horizon = configuration.stepsPerEnvironment
    rolloutSize = configuration.rolloutSize
    var initRNG = Xoshiro256(seed: seed, stream: 1)
    rng = Xoshiro256(seed: seed, stream: 2)
    resetRNG = Xoshiro256(seed: seed, stream: 3)
    let hidden = configuration.hiddenSizes
    actor = MLP(
      sizes: [obsSize] + hidden + [actionCount], batchCapacity: configuration.minibatchSize)
    critic = MLP(sizes: [obsSize] + hidden + [1], batchCapacity: configuration.minibatchSize)
    actor.initialize(outputGain: 0.01, rng: &initRNG)
    critic.initialize(outputGain: 1, rng: &initRNG)
    let eps = Float(configuration.adamEpsilon)
    actorOptimizer = Adam(parameterCount: actor.parameterCount, epsilon: eps)
    criticOptimizer = Adam(parameterCount: critic.parameterCount, epsilon: eps)
    storage = RolloutStorage(
      rolloutSize: configuration.rolloutSize, environments: envCount, obsSize: obsSize,
      actionCount: actionCount, minibatch: configuration.minibatchSize)
    environments = Array(repeating: environment, count: envCount)
    gates = (0..<envCount).map { _ in makeGate(mode) }
    episodeReward = Array(repeating: 0, count: envCount)
    episodeLength = Array(repeating: 0, count: envCount)
    episodeViolations = Array(repeating: 0, count: envCount)
    for i in 0..<envCount {
      environments[i].reset(using: &resetRNG)
      gates[i].reset(for: environments[i])
      environments[i].writeObservation(to: storage.current + i * obsSize)
    }
  }

  public var liveState: [Double] { environments[0].stateVector }

  public func train(steps: Int) -> ChunkReport {
    var report = ChunkReport()
    while report.steps < steps && stepsDone < stepBudget {
      let watch = Stopwatch()
      let before = stepsDone
      collectRollout(into: &report)
      report.updates.append(update())
      let elapsed = watch.seconds
      trainingSeconds += elapsed
      report.trainingSeconds += elapsed
      report.steps += stepsDone - before
      if let target, targetResult == nil {
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

  // MARK: Rollout

  private func collectRollout(into report: inout ChunkReport) {
    let s = storage
    let d = obsSize
    let a = actionCount
    let gamma = Float(configuration.gamma)
    let transitions = interception.transitionChain
    let actions = interception.actionChain
    for t in 0..<horizon {
      let logits = actor.forward(s.current, batch: envCount)
      s.stepLogits.update(from: logits, count: envCount * a)
      let values = critic.forward(s.current, batch: envCount)
      s.stepValues.update(from: values, count: envCount)
      for i in 0..<envCount {
        let k = t * envCount + i
        let row = s.current + i * d
        (s.observations + k * d).update(from: row, count: d)
        let logitRow = s.stepLogits + i * a
        var proposed = sampleAction(logitRow)
        if !actions.isEmpty {
          actions.send(
            action: &proposed, environment: i, step: stepsDone,
            observation: UnsafeBufferPointer(start: row, count: d))
          proposed = min(max(proposed, 0), a - 1)
        }
        let decision = gates[i].decide(proposed, in: environments[i])
        ledger.record(
          decision, proposed: proposed, mode: gates[i].mode, env: environments[i],
          step: stepsDone, environment: i)
        let executed = decision.executed
        s.actions[k] = Int32(executed)
        s.vetoed[k] = executed != proposed ? Int32(proposed) : -1
        s.logProbs[k] = logProbability(of: executed, logits: logitRow)
        if executed == proposed {
          report.actionLikelihood.add(
            surprise: -Double(s.logProbs[k]), entropy: entropy(logitRow))
        }
        s.values[k] = s.stepValues[i]
        let outcome = environments[i].step(executed)
        stepsDone += 1
        if gates[i].observe(environments[i]) {
          ledger.counters.violations += 1
          episodeViolations[i] += 1
        }
        episodeReward[i] += outcome.reward
        episodeLength[i] += 1
        environments[i].writeObservation(to: row)
        var transition = Transition(
          kind: .step, environment: i, step: stepsDone,
          observation: UnsafeMutableBufferPointer(start: row, count: d), reward: outcome.reward,
          terminated: outcome.terminated, truncated: outcome.truncated)
        if !transitions.isEmpty { transitions.send(&transition) }
        var reward = Float(transition.reward)
        let done = transition.terminated || transition.truncated
        if transition.truncated && !transition.terminated {
          // Time limits are not failures: bootstrap from the critic's value of the last state.
          reward += gamma * critic.forward(row, batch: 1)[0]
        }
        if outcome.isDone {
          report.episodes.append(
            EpisodeSummary(
              totalReward: episodeReward[i], length: episodeLength[i],
              reachedGoal: environments[i].reachedGoal, violations: episodeViolations[i],
              endStep: stepsDone))
          episodeReward[i] = 0
          episodeLength[i] = 0
          episodeViolations[i] = 0
          // The environment side starts the next episode whatever the channel delivered.
          environments[i].reset(using: &resetRNG)
          gates[i].reset(for: environments[i])
          environments[i].writeObservation(to: row)
          if !transitions.isEmpty {
            var first = Transition(
              kind: .reset, environment: i, step: stepsDone,
              observation: UnsafeMutableBufferPointer(start: row, count: d), reward: 0,
              terminated: false, truncated: false)
            transitions.send(&first)
          }
        }
        s.rewards[k] = reward
        s.dones[k] = done
      }
    }
    computeAdvantages()
  }

  @inline(__always)
  private func sampleAction(_ logits: UnsafeMutablePointer<Float>) -> Int {
    var top = logits[0]
    for j in 1..<actionCount { top = max(top, logits[j]) }
    var sum: Float = 0
    let p = storage.probabilities
    for j in 0..<actionCount {
      p[j] = exp(logits[j] - top)
      sum += p[j]
    }
    var u = rng.nextFloat() * sum
    for j in 0..<(actionCount - 1) {
      u -= p[j]
      if u < 0 { return j }
    }
    return actionCount - 1
  }

  @inline(__always)
  /// H(softmax(logits)) in nats.
  private func entropy(_ logits: UnsafeMutablePointer<Float>) -> Double {
    var top = logits[0]
    for j in 1..<actionCount { top = max(top, logits[j]) }
    var sum: Double = 0
    for j in 0..<actionCount { sum += exp(Double(logits[j] - top)) }
    var h = 0.0
    for j in 0..<actionCount {
      let p = exp(Double(logits[j] - top)) / sum
      if p > 0 { h -= p * log(p) }
    }
    return h
  }

  private func logProbability(of action: Int, logits: UnsafeMutablePointer<Float>) -> Float {
    var top = logits[0]
    for j in 1..<actionCount { top = max(top, logits[j]) }
    var sum: Float = 0
    for j in 0..<actionCount { sum += exp(logits[j] - top) }
    return logits[action] - top - log(sum)
  }

  private func computeAdvantages() {
    let s = storage
    let lastValues = critic.forward(s.current, batch: envCount)
    let gamma = Float(configuration.gamma)
    let lambda = Float(configuration.gaeLambda)
    let gae = s.gae
    gae.update(repeating: 0, count: envCount)
    for t in stride(from: horizon - 1, through: 0, by: -1) {
      for i in 0..<envCount {
        let k = t * envCount + i
        let nextValue = t == horizon - 1 ? lastValues[i] : s.values[k + envCount]
        let nonTerminal: Float = s.dones[k] ? 0 : 1
        let delta = s.rewards[k] + gamma * nextValue * nonTerminal - s.values[k]
        gae[i] = delta + gamma * lambda * nonTerminal * gae[i]
        s.advantages[k] = gae[i]
        s.returns[k] = gae[i] + s.values[k]
      }
    }
  }

  // MARK: Update

  private func update() -> UpdateSummary {
    let c = configuration
    let progress = max(0, 1 - Double(stepsDone) / Double(max(stepBudget, 1)))
    let lr = Float(c.annealLearningRate ? c.learningRate * progress : c.learningRate)
    let clip = Float(c.annealClipRange ? c.clipRange * progress : c.clipRange)
    let s = storage
    var totals = (policy: 0.0, value: 0.0, entropy: 0.0, kl: 0.0, clipped: 0.0, batches: 0)
    for _ in 0..<c.epochs {
      // Fisher–Yates with the job's generator.
      for i in stride(from: rolloutSize - 1, to: 0, by: -1) {
        let j = rng.nextInt(below: i + 1)
        s.indices.swapAt(i, j)
      }
      var start = 0
      while start < rolloutSize {
        let m = min(c.minibatchSize, rolloutSize - start)
        let stats = updateMinibatch(start: start, size: m, learningRate: lr, clip: clip)
        totals.policy += stats.policy
        totals.value += stats.value
        totals.entropy += stats.entropy
        totals.kl += stats.kl
        totals.clipped += stats.clipped
        totals.batches += 1
        start += m
      }
    }
    let n = Double(max(totals.batches, 1))
    return UpdateSummary(
      step: stepsDone, policyLoss: totals.policy / n, valueLoss: totals.value / n,
      entropy: totals.entropy / n, approximateKL: totals.kl / n, clipFraction: totals.clipped / n,
      learningRate: Double(lr))
  }

  private func updateMinibatch(start: Int, size m: Int, learningRate: Float, clip: Float) -> (
    policy: Double, value: Double, entropy: Double, kl: Double, clipped: Double
  ) {
    let c = configuration
    let s = storage
    let d = obsSize
    let a = actionCount
    var advMean: Float = 0
    for r in 0..<m {
      let k = s.indices[start + r]
      (s.batchObservations + r * d).update(from: s.observations + k * d, count: d)
      s.batchAdvantages[r] = s.advantages[k]
      advMean += s.advantages[k]
    }
    advMean /= Float(m)
    if c.normalizeAdvantage && m > 1 {
      var variance: Float = 0
      for r in 0..<m {
        variance += (s.batchAdvantages[r] - advMean) * (s.batchAdvantages[r] - advMean)
      }
      let std = (variance / Float(m - 1)).squareRoot()
      for r in 0..<m { s.batchAdvantages[r] = (s.batchAdvantages[r] - advMean) / (std + 1e-8) }
    }
    actor.zeroGradients()
    critic.zeroGradients()
    let logits = actor.forward(s.batchObservations, batch: m)
    let entCoef = Float(c.entropyCoefficient)
    let vetoCoef = Float(c.vetoCoefficient)
    let scale = 1 / Float(m)
    var policyLoss = 0.0
    var entropySum = 0.0
    var klSum = 0.0
    var clipped = 0
    let p = s.probabilities
    let lp = s.logProbabilitiesScratch
    for r in 0..<m {
      let k = s.indices[start + r]
      let row = logits + r * a
      var top = row[0]
      for j in 1..<a { top = max(top, row[j]) }
      var sum: Float = 0
      for j in 0..<a {
        p[j] = exp(row[j] - top)
        sum += p[j]
      }
      let logSum = log(sum)
      var entropy: Float = 0
      for j in 0..<a {
        p[j] /= sum
        lp[j] = row[j] - top - logSum
        entropy -= p[j] * lp[j]
      }
      let action = Int(s.actions[k])
      let logRatio = lp[action] - s.logProbs[k]
      let ratio = exp(logRatio)
      let adv = s.batchAdvantages[r]
      let surrogate1 = ratio * adv
      let surrogate2 = min(max(ratio, 1 - clip), 1 + clip) * adv
      policyLoss -= Double(min(surrogate1, surrogate2))
      entropySum += Double(entropy)
      klSum += Double((ratio - 1) - logRatio)
      if abs(ratio - 1) > clip { clipped += 1 }
      // ∂loss/∂log π(a): the unclipped branch carries the gradient, the clipped one none.
      let dLogP = surrogate1 <= surrogate2 ? -adv * ratio * scale : 0
      let g = s.batchGradients + r * a
      for j in 0..<a {
        let onehot: Float = j == action ? 1 : 0
        g[j] = dLogP * (onehot - p[j]) + entCoef * p[j] * (lp[j] + entropy) * scale
      }
      let refused = Int(s.vetoed[k])
      if refused >= 0 && vetoCoef > 0 {
        // ∂/∂logit_j of −log(1 − p_r) = p_r (δ_rj − p_j) / (1 − p_r).
        let remaining = max(1 - p[refused], 1e-3)
        for j in 0..<a {
          let onehot: Float = j == refused ? 1 : 0
          g[j] += vetoCoef * scale * p[refused] * (onehot - p[j]) / remaining
        }
      }
    }
    actor.backward(s.batchGradients, batch: m)
    let values = critic.forward(s.batchObservations, batch: m)
    let vfCoef = Float(c.valueCoefficient)
    var valueLoss = 0.0
    for r in 0..<m {
      let k = s.indices[start + r]
      let diff = values[r] - s.returns[k]
      valueLoss += Double(diff * diff)
      s.batchValueGradients[r] = vfCoef * 2 * diff * scale
    }
    critic.backward(s.batchValueGradients, batch: m)
    clipGradients()
    actorOptimizer.update(
      parameters: actor.parameters, gradients: actor.gradients, learningRate: learningRate)
    criticOptimizer.update(
      parameters: critic.parameters, gradients: critic.gradients, learningRate: learningRate)
    let n = Double(m)
    return (policyLoss / n, valueLoss / n, entropySum / n, klSum / n, Double(clipped) / n)
  }

  /// Scales both networks' gradients so their joint L2 norm is at most `maxGradientNorm`.
  private func clipGradients() {
    var squared: Float = 0
    for g in actor.gradients { squared += g * g }
    for g in critic.gradients { squared += g * g }
    let norm = squared.squareRoot()
    let limit = Float(configuration.maxGradientNorm)
    let coefficient = limit / (norm + 1e-6)
    guard coefficient < 1 else { return }
    for i in actor.gradients.indices { actor.gradients[i] *= coefficient }
    for i in critic.gradients.indices { critic.gradients[i] *= coefficient }
  }

  // MARK: Evaluation and export

  public var policyProbe: (any PolicyProbe)? { ActorProbe(actor: actor, actionCount: actionCount) }

  public func tamperDynamics(factor: Double) -> Bool {
    var changed = false
    for i in environments.indices where environments[i].tamperDynamics(factor: factor) {
      changed = true
    }
    return changed
  }

  public func evaluate(episodes: Int, mode: MonitorMode) -> EvaluationReport {
    evaluate(episodes: episodes, mode: mode, under: nil)
  }

  public func evaluate(episodes: Int, mode: MonitorMode, attack: any TransitionInterceptor)
    -> EvaluationReport?
  {
    evaluate(episodes: episodes, mode: mode, under: attack)
  }

  public func evaluate(episodes: Int, mode: MonitorMode, actionAttack: any ActionInterceptor)
    -> EvaluationReport?
  {
    evaluate(episodes: episodes, mode: mode, under: nil, actions: actionAttack)
  }

  private func evaluate(
    episodes: Int, mode: MonitorMode, under attack: (any TransitionInterceptor)?,
    actions actionAttack: (any ActionInterceptor)? = nil
  ) -> EvaluationReport {
    var envs: [Env] = []
    var evalGates: [Gate] = []
    for e in 0..<episodes {
      var env = template
      var seedRNG = Xoshiro256(seed: EvaluationSeeds.seed(episode: e))
      env.reset(using: &seedRNG)
      var gate = makeGate(mode)
      gate.reset(for: env)
      envs.append(env)
      evalGates.append(gate)
    }
    var returns = [Double](repeating: 0, count: episodes)
    var lengths = [Int](repeating: 0, count: episodes)
    var goals = [Bool?](repeating: nil, count: episodes)
    var active = Array(0..<episodes)
    var ledger = SafetyLedger(sampleLimit: 0)
    let d = obsSize
    let batch = UnsafeMutablePointer<Float>.allocate(capacity: max(episodes, 1) * d)
    defer { batch.deallocate() }
    while !active.isEmpty {
      for (r, e) in active.enumerated() {
        envs[e].writeObservation(to: batch + r * d)
        if let attack {
          var t = Transition(
            kind: .step, environment: e, step: stepsDone + lengths[e],
            observation: UnsafeMutableBufferPointer(start: batch + r * d, count: d), reward: 0,
            terminated: false, truncated: false)
          attack.intercept(&t)
        }
      }
      let logits = actor.forward(batch, batch: active.count)
      var still: [Int] = []
      still.reserveCapacity(active.count)
      for (r, e) in active.enumerated() {
        let row = logits + r * actionCount
        var best = 0
        for j in 1..<actionCount where row[j] > row[best] { best = j }
        if let actionAttack {
          actionAttack.intercept(
            &best, environment: e, step: stepsDone + lengths[e],
            observation: UnsafeBufferPointer(start: batch + r * d, count: d))
          best = min(max(best, 0), actionCount - 1)
        }
        let decision = evalGates[e].decide(best, in: envs[e])
        ledger.record(
          decision, proposed: best, mode: mode, env: envs[e], step: lengths[e], environment: e)
        let outcome = envs[e].step(decision.executed)
        if evalGates[e].observe(envs[e]) { ledger.counters.violations += 1 }
        returns[e] += outcome.reward
        lengths[e] += 1
        if outcome.isDone {
          goals[e] = envs[e].reachedGoal
        } else {
          still.append(e)
        }
      }
      active = still
    }
    return EvaluationReport(
      returns: returns, lengths: lengths, goals: goals, safety: ledger.counters, monitor: mode)
  }

  public func loadPolicy(_ tensors: [PolicyTensor]) throws(SafetensorsError) {
    for (net, prefix) in [(actor, "actor"), (critic, "critic")] {
      for l in 0..<net.layerCount {
        for (part, buffer) in [("weight", net.weights(layer: l)), ("bias", net.bias(layer: l))] {
          let name = "\(prefix).\(l * 2).\(part)"
          guard let t = tensors.first(where: { $0.name == name }) else {
            throw .malformed("missing tensor \(name)")
          }
          guard t.values.count == buffer.count else {
            throw .malformed(
              "tensor \(name) has \(t.values.count) values, the network needs \(buffer.count)")
          }
          for i in 0..<buffer.count { buffer[i] = t.values[i] }
        }
      }
    }
  }

  public func policyTensors() -> (tensors: [PolicyTensor], metadata: [String: String]) {
    // nn.Sequential(Linear, Tanh, Linear, Tanh, Linear) numbers its Linear layers 0, 2, 4.
    func tensors(_ net: MLP, _ prefix: String) -> [PolicyTensor] {
      net.namedTensors(prefix: prefix).map { t in
        let parts = t.name.split(separator: ".")
        let index = (Int(parts[1]) ?? 0) * 2
        return PolicyTensor(
          name: "\(prefix).\(index).\(parts[2])", shape: t.shape, values: t.values)
      }
    }
    let metadata = [
      "format": "rampart-policy-v1",
      "algorithm": "ppo",
      "activation": "tanh",
      "observation_size": String(obsSize),
      "action_count": String(actionCount),
      "hidden_sizes": configuration.hiddenSizes.map(String.init).joined(separator: ","),
      "steps": String(stepsDone),
    ]
    return (tensors(actor, "actor") + tensors(critic, "critic"), metadata)
  }
}

/// Preallocated rollout and minibatch buffers of a PPO trainer.
final class RolloutStorage {
  let observations: UnsafeMutablePointer<Float>
  let actions: UnsafeMutablePointer<Int32>
  /// The proposal the monitor replaced at each step, or −1.
  let vetoed: UnsafeMutablePointer<Int32>
  let logProbs: UnsafeMutablePointer<Float>
  let values: UnsafeMutablePointer<Float>
  let rewards: UnsafeMutablePointer<Float>
  let dones: UnsafeMutablePointer<Bool>
  let advantages: UnsafeMutablePointer<Float>
  let returns: UnsafeMutablePointer<Float>
  let current: UnsafeMutablePointer<Float>
  let stepLogits: UnsafeMutablePointer<Float>
  let stepValues: UnsafeMutablePointer<Float>
  let gae: UnsafeMutablePointer<Float>
  let probabilities: UnsafeMutablePointer<Float>
  let logProbabilitiesScratch: UnsafeMutablePointer<Float>
  let batchObservations: UnsafeMutablePointer<Float>
  let batchAdvantages: UnsafeMutablePointer<Float>
  let batchGradients: UnsafeMutablePointer<Float>
  let batchValueGradients: UnsafeMutablePointer<Float>
  var indices: [Int]
  private var allocations: [UnsafeMutableRawPointer] = []

  init(
    rolloutSize n: Int, environments e: Int, obsSize d: Int, actionCount a: Int, minibatch m: Int
  ) {
    var all: [UnsafeMutableRawPointer] = []
    func make<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
      let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
      p.initialize(repeating: value, count: max(count, 1))
      all.append(UnsafeMutableRawPointer(p))
      return p
    }
    observations = make(n * d, 0)
    actions = make(n, 0)
    vetoed = make(n, -1)
    logProbs = make(n, 0)
    values = make(n, 0)
    rewards = make(n, 0)
    dones = make(n, false)
    advantages = make(n, 0)
    returns = make(n, 0)
    current = make(e * d, 0)
    stepLogits = make(e * a, 0)
    stepValues = make(e, 0)
    gae = make(e, 0)
    probabilities = make(a, 0)
    logProbabilitiesScratch = make(a, 0)
    batchObservations = make(m * d, 0)
    batchAdvantages = make(m, 0)
    batchGradients = make(m * a, 0)
    batchValueGradients = make(m, 0)
    indices = Array(0..<n)
    allocations = all
  }

  deinit {
    for p in allocations { p.deallocate() }
  }
}
