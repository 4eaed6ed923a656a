import Assurance
import Learning

/// Builds the training session a spec describes: the environment, its safety specification
/// wrapped in a monitor, and the algorithm, specialised for the concrete types.
public enum SessionFactory {
  public static func makeSession(for spec: JobSpec) throws(EngineError) -> any TrainingSession {
    if let problem = spec.problem { throw .invalidSpec(problem) }
    let m = spec.monitor
    let target = spec.environment.solvedThreshold.map {
      TrainingTarget(threshold: $0, episodes: spec.environment.targetEpisodes)
    }
    switch (spec.environment, spec.algorithm) {
    case (.cartpole, .ppo):
      let safety = CartPoleSafety(
        envelope: CartPoleEnvelope(cartPosition: m.cartPositionLimit, poleAngle: m.poleAngleLimit))
      return ppo(CartPole(), spec, target) { Monitor(mode: $0, specification: safety) }
    case (.frozenlake, _), (.frozenlake8x8, _):
      let lake: FrozenLake = spec.environment == .frozenlake ? .fourByFour() : .eightByEight()
      let shield = FrozenLakeShield(
        lake: lake, horizon: m.holeRiskHorizon, threshold: m.holeRiskThreshold)
      let gate = { (mode: MonitorMode) in Monitor(mode: mode, specification: shield) }
      if spec.algorithm == .ppo { return ppo(lake, spec, target, gate) }
      return QLearningTrainer(
        environment: lake, configuration: spec.effectiveQLearning, seed: spec.seed,
        stepBudget: spec.steps, mode: m.mode, target: target, makeGate: gate)
    case (.capacity, .ppo):
      let env = CapacityEnvironment(trace: spec.demandTrace ?? .synthetic())
      return ppo(env, spec, target) { Monitor(mode: $0, specification: CapacitySafety()) }
    case (.cartpole, .qlearning), (.capacity, .qlearning):
      throw .invalidSpec("q-learning needs a discrete-state environment")
    }
  }

  private static func ppo<Env: Environment, Gate: ActionGate>(
    _ env: Env, _ spec: JobSpec, _ target: TrainingTarget?,
    _ makeGate: @escaping (MonitorMode) -> Gate
  ) -> PPOTrainer<Env, Gate> where Gate.Env == Env {
    PPOTrainer(
      environment: env, configuration: spec.effectivePPO, seed: spec.seed, stepBudget: spec.steps,
      mode: spec.monitor.mode, target: target, makeGate: makeGate)
  }
}
