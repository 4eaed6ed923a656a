import Learning

/// Everything detection attaches to one job's training loop, in channel order:
/// sensor drills → integrity tagger → channel drills → integrity verifier → observation and
/// reward detectors (the learner's end: they see what the learner receives).
/// Owned by the job and touched only on its queue.
public final class JobDetection {
  public let settings: DetectionSettings
  public let integrity: IntegrityChannel?
  public let actionIntegrity: ActionIntegrity?
  public let detectors: [any JobDetector]
  private let observation: ObservationDetector
  private let reward: RewardChangeDetector
  private(set) var sensorDrills: [any TransitionInterceptor] = []
  private(set) var channelDrills: [any TransitionInterceptor] = []
  private(set) var actionDrills: [any ActionInterceptor] = []

  /// `key`: 16+ bytes for the integrity tags, or nil to run without them. `kinematics`: pairs
  /// of observation features (position, velocity) the environment integrates with step `dt`
  /// (CartPole: x with ẋ, θ with θ̇ at 0.02 s), checked between consecutive observations.
  public init(
    settings: DetectionSettings, integrityKey: [UInt8]?, kinematics: Kinematics? = nil
  ) {
    self.settings = settings
    integrity = integrityKey.map(IntegrityChannel.init(key:))
    actionIntegrity = integrityKey.map(ActionIntegrity.init(key:))
    observation = ObservationDetector(settings: settings, kinematics: kinematics)
    reward = RewardChangeDetector(settings: settings)
    detectors = [
      reward, observation, VetoSpikeDetector(settings: settings),
      LossDivergenceDetector(settings: settings), ResourceSpikeDetector(settings: settings),
      ActionLikelihoodDetector(settings: settings),
    ]
  }

  /// Installs the channel on a session's interception points (again after a drill changes it).
  public func install(on points: InterceptionPoints) {
    var t: [any TransitionInterceptor] = sensorDrills
    if let integrity { t.append(IntegrityTagger(integrity)) }
    t += channelDrills
    if let integrity { t.append(IntegrityVerifier(integrity)) }
    t.append(observation)
    t.append(reward)
    points.transitions = t
    var a: [any ActionInterceptor] = []
    if let actionIntegrity { a.append(ActionTagger(actionIntegrity)) }
    a += actionDrills
    if let actionIntegrity { a.append(ActionVerifier(actionIntegrity)) }
    points.actions = a
  }

  /// Adds a drill at its position (the caller reinstalls).
  public func add(drill plan: DrillPlan, actionCount: Int, probe: (any PolicyProbe)? = nil) {
    switch plan.kind.position {
    case .sensor: sensorDrills.append(TransitionDrill(plan, probe: probe))
    case .channel: channelDrills.append(TransitionDrill(plan))
    case .actions: actionDrills.append(ActionDrill(plan, actionCount: actionCount))
    case .environment: break  // applied to the environments by the engine, not on a channel
    }
  }

  public func removeDrills() {
    sensorDrills = []
    channelDrills = []
    actionDrills = []
  }

  /// What the detectors found in the chunk that just ran.
  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    var out: [AlertDraft] = []
    if let a = integrity?.alertIfTampered() { out.append(a) }
    if let a = actionIntegrity?.alertIfTampered() { out.append(a) }
    for d in detectors { out += d.observe(sample) }
    return out
  }
}
