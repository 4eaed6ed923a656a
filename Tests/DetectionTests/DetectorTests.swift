import Detection
import Engine
import Foundation
import Learning
import Testing

/// Trains a real session with detection attached, optionally under a drill, and returns what
/// the detectors raised. CPU time is fed as a constant per step (the resource detector has its
/// own test), so runs are deterministic.
func run(
  _ spec: JobSpec, drill: DrillPlan? = nil, integrity: Bool = true,
  settings: DetectionSettings = .init()
) throws -> [AlertDraft] {
  let session = try SessionFactory.makeSession(for: spec)
  let detection = JobDetection(
    settings: settings, integrityKey: integrity ? Array(0..<16) : nil,
    kinematics: spec.environment.kinematics)
  if let drill {
    detection.add(
      drill: drill, actionCount: spec.environment.actionCount, probe: session.policyProbe)
  }
  detection.install(on: session.interception)
  var alerts: [AlertDraft] = []
  var dynamics = drill?.kind == .dynamicsTamper ? drill : nil
  while session.stepsDone < session.stepBudget {
    // As the engine does: a dynamics drill changes the environments between chunks.
    if let d = dynamics, session.stepsDone >= d.start {
      #expect(session.tamperDynamics(factor: d.strength))
      dynamics = nil
    }
    let r = session.train(steps: 2_048)
    alerts += detection.observe(
      ChunkSample(
        step: session.stepsDone, episodes: r.episodes, updates: r.updates, safety: r.safety,
        steps: r.steps, cpuSeconds: Double(r.steps) * 1e-6, actionLikelihood: r.actionLikelihood))
    if r.steps == 0 { break }
  }
  return alerts
}

func cartpole(seed: UInt64, steps: Int = 16_384, monitor: MonitorMode = .enforce) -> JobSpec {
  JobSpec(environment: .cartpole, algorithm: .ppo, seed: seed, steps: steps, monitor: monitor)
}

@Suite struct DetectorTests {
  @Test(arguments: [0, 1] as [UInt64])
  func cleanCartPoleRunsRaiseNothing(seed: UInt64) throws {
    let alerts = try run(cartpole(seed: seed))
    #expect(alerts.isEmpty, "\(alerts.map(\.summary))")
  }

  @Test(arguments: [MonitorMode.off, .observe])
  func cleanUnshieldedCartPoleRaisesNothing(monitor: MonitorMode) throws {
    let alerts = try run(cartpole(seed: 3, steps: 32_768, monitor: monitor))
    #expect(alerts.isEmpty, "\(alerts.map(\.summary))")
  }

  @Test func cleanCapacityRunRaisesNothing() throws {
    let alerts = try run(
      JobSpec(environment: .capacity, algorithm: .ppo, seed: 2, steps: 20_160, monitor: .observe))
    #expect(alerts.isEmpty, "\(alerts.map(\.summary))")
  }

  @Test func cleanFrozenLakeRunsRaiseNothing() throws {
    let spec = JobSpec(
      environment: .frozenlake, algorithm: .qlearning, seed: 1, steps: 400_000, monitor: .enforce)
    let alerts = try run(spec)
    #expect(alerts.isEmpty, "\(alerts.map(\.summary))")
  }

  @Test func integrityTagsNameTheFirstTamperedStep() throws {
    let drill = DrillPlan(kind: .rewardFlip, rate: 0.05, start: 8_192)
    let alerts = try run(cartpole(seed: 0, steps: 10_240), drill: drill)
    let integrity = try #require(alerts.first { $0.detector == "transition-integrity" })
    #expect(integrity.severity == .critical)
    #expect(integrity.technique == "AML.T0020")
    #expect(integrity.evidence.step >= 8_192)
    #expect(integrity.evidence.step < 8_192 + 2_048)
  }

  /// Falling rewards move the reward statistics; rewards scaled a hundredfold (which starve
  /// PPO's policy through the joint gradient clip) blow up the value loss instead.
  @Test(arguments: [
    (DrillKind.rewardFlip, "reward-change"), (.rewardTargeted, "reward-change"),
    (.rewardScale, "loss-divergence"),
  ])
  func rewardPoisoningIsCaughtWithoutTheTags(kind: DrillKind, detector: String) throws {
    let alerts = try run(
      cartpole(seed: 1, steps: 14_336), drill: DrillPlan(kind: kind, start: 6_144), integrity: false
    )
    let change = try #require(alerts.first { $0.detector == detector }, "\(alerts.map(\.detector))")
    #expect(change.evidence.step >= 6_144)
    #expect(!alerts.contains { $0.detector == "transition-integrity" })
  }

  func frozenLake(steps: Int) -> JobSpec {
    JobSpec(
      environment: .frozenlake, algorithm: .qlearning, seed: 3, steps: steps, monitor: .enforce)
  }

  /// A table learner's single step numbering makes the first tampered step exact, also past
  /// the logs' drain at 4,096 transitions and in a later chunk.
  @Test(arguments: [1_000, 5_000, 9_001])
  func integrityNamesExactlyTheFirstTamperedStep(start: Int) throws {
    // FrozenLake pays 0 on most steps: a "flipped" 0 is −0, another bit pattern, so caught.
    let alerts = try run(
      frozenLake(steps: 12_288), drill: DrillPlan(kind: .rewardFlip, start: start))
    let integrity = try #require(alerts.first { $0.detector == "transition-integrity" })
    #expect(integrity.evidence.step == start)
    #expect(!alerts.contains { $0.detector == "action-integrity" })
  }

  @Test func actionIntegrityNamesExactlyTheFirstReplacedAction() throws {
    let alerts = try run(
      frozenLake(steps: 12_288), drill: DrillPlan(kind: .actionTamper, rate: 0.3, start: 7_000))
    let a = try #require(alerts.first { $0.detector == "action-integrity" })
    #expect(a.severity == .critical)
    #expect(a.evidence.step >= 7_000 && a.evidence.step < 7_020)
    #expect(!alerts.contains { $0.detector == "transition-integrity" })
  }

  /// The table learner's channel carries the state's index: noise takes it off the whole
  /// numbers, which the observation detector sees without the tags.
  @Test func noiseOnAStateIndexIsOffTheGrid() throws {
    let alerts = try run(
      frozenLake(steps: 12_288), drill: DrillPlan(kind: .observationNoise, rate: 0.1, start: 6_144),
      integrity: false)
    let ood = try #require(alerts.first { $0.detector == "observation-ood" })
    #expect(ood.evidence.step >= 6_144 && ood.evidence.step < 6_244)
  }

  @Test func sensorNoiseIsOutOfDistributionAndInvisibleToTheTags() throws {
    let alerts = try run(
      cartpole(seed: 2, steps: 10_240),
      drill: DrillPlan(kind: .observationNoise, rate: 0.2, start: 8_192))
    let ood = try #require(alerts.first { $0.detector == "observation-ood" })
    #expect(ood.evidence.step >= 8_192)
    // Tampering before the tag is computed is not the tags' to see.
    #expect(!alerts.contains { $0.detector == "transition-integrity" })
  }

  /// A motor wired backwards at half strength inside the environment: every transition is genuine and tagged, so only the
  /// model residual (CartPole's nominal physics, either action) sees it, from the next step.
  @Test func changedDynamicsBreakTheModelResidual() throws {
    let alerts = try run(
      cartpole(seed: 4, steps: 10_240), drill: DrillPlan(kind: .dynamicsTamper, start: 6_144))
    let ood = try #require(alerts.first { $0.detector == "observation-ood" })
    #expect(ood.evidence.step >= 6_144 && ood.evidence.step < 6_144 + 2_048 + 8)
    #expect(!alerts.contains { $0.detector == "transition-integrity" })
  }

  /// The gradient attack moves each observation against the policy's own preference; the
  /// model residual sees the moved state at the first attacked step.
  @Test func theGradientAttackIsCaughtByTheModelResidual() throws {
    let alerts = try run(
      cartpole(seed: 5, steps: 8_192), drill: DrillPlan(kind: .observationFGSM, start: 4_096))
    let ood = try #require(alerts.first { $0.detector == "observation-ood" })
    #expect(ood.evidence.step >= 4_096 && ood.evidence.step < 4_096 + 8)
  }

  /// Calibration at inference: the gradient attack at its default size (0.2) on a trained
  /// policy's observations cuts its return by more than 30% (on this seed, 312 to 29).
  @Test func theGradientAttackHurtsATrainedPolicy() throws {
    let session = try SessionFactory.makeSession(
      for: cartpole(seed: 0, steps: 16_384, monitor: .off))
    while session.stepsDone < session.stepBudget { _ = session.train(steps: 4_096) }
    let clean = session.evaluate(episodes: 5, mode: .off).meanReturn
    let attack = TransitionDrill(
      DrillPlan(kind: .observationFGSM), probe: session.policyProbe)
    let attacked = try #require(session.evaluate(episodes: 5, mode: .off, attack: attack))
    #expect(clean >= 100)
    #expect(
      attacked.meanReturn <= 0.7 * clean, "clean \(clean), under attack \(attacked.meanReturn)")
  }

  /// Without tags, replaced actions are still too surprising to the policy that chose them.
  @Test func tamperedActionsAreCaughtWithoutTheTagsByTheirLikelihood() throws {
    let alerts = try run(
      cartpole(seed: 0, steps: 14_336, monitor: .observe),
      drill: DrillPlan(kind: .actionTamper, rate: 0.5, start: 8_192), integrity: false)
    let a = try #require(alerts.first { $0.detector == "action-likelihood" })
    #expect(a.evidence.step >= 8_192)
    #expect(!alerts.contains { $0.detector == "action-integrity" })
  }

  @Test func tamperedActionsSpikeTheVetoRate() throws {
    let alerts = try run(
      cartpole(seed: 0, steps: 14_336),
      drill: DrillPlan(kind: .actionTamper, rate: 0.5, start: 10_240))
    let spike = try #require(alerts.first { $0.detector == "veto-spike" })
    #expect(spike.evidence.step >= 10_240)
  }

  /// One chunk with one update whose value loss is `loss`.
  func lossSample(_ loss: Double, step: Int) -> ChunkSample {
    ChunkSample(
      step: step, episodes: [],
      updates: [
        UpdateSummary(
          step: step, policyLoss: 0.01, valueLoss: loss, entropy: 0.6, approximateKL: 0,
          clipFraction: 0, learningRate: 1e-3)
      ], safety: SafetyCounters(), steps: 256, cpuSeconds: 0.01)
  }

  @Test func nonFiniteLossIsCaught() {
    let d = LossDivergenceDetector(settings: .init())
    for i in 0..<20 { #expect(d.observe(lossSample(1.0 + Double(i % 3), step: i * 256)).isEmpty) }
    let alerts = d.observe(lossSample(.nan, step: 9_999))
    #expect(alerts.first?.severity == .high)
    #expect(alerts.first?.evidence.step == 9_999)
  }

  /// A job that converged (value loss down from 1 to 1e-7) and wobbles back to 1e-3 is not an
  /// explosion; 2,000 times its largest typical scale is.
  @Test func lossExplosionIsMeasuredAgainstThePeakScale() {
    let d = LossDivergenceDetector(settings: .init())
    var step = 0
    for _ in 0..<40 {
      step += 256
      #expect(d.observe(lossSample(1.0, step: step)).isEmpty)
    }
    for _ in 0..<600 {
      step += 256
      #expect(d.observe(lossSample(1e-7, step: step)).isEmpty)
    }
    #expect(d.observe(lossSample(1e-3, step: step + 256)).isEmpty)
    let alerts = d.observe(lossSample(2_000, step: step + 512))
    #expect(alerts.first?.detector == "loss-divergence")
  }

  @Test func aCPUCostFarAboveTheJobsOwnIsCaught() {
    let d = ResourceSpikeDetector(settings: .init())
    func sample(_ cpu: Double) -> ChunkSample {
      ChunkSample(
        step: 0, episodes: [], updates: [], safety: SafetyCounters(), steps: 2_048,
        cpuSeconds: cpu)
    }
    for _ in 0..<10 { #expect(d.observe(sample(0.05)).isEmpty) }
    #expect(d.observe(sample(0.2)).isEmpty)  // 4×: within the factor of 8
    #expect(d.observe(sample(0.9)).first?.detector == "resource-spike")
  }
}
