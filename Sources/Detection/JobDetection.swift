import Learning

/// Everything detection attaches to one job's training loop, in channel order:
/// sensor drills → integrity tagger → channel drills → integrity verifier → observation and
/// reward detectors (the learner's end: they see what the learner receives).
/// Owned by the job and touched only on its queue.
public final class JobDetection {
  public let settings: DetectionSettings
  public let integrity: IntegrityChannel?
  public let detectors: [any JobDetector]
  private let observation: ObservationDetector
  private let reward: RewardChangeDetector
  private(set) var sensorDrills: [any TransitionInterceptor] = []
  private(set) var channelDrills: [any TransitionInterceptor] = []
  private(set) var actionDrills: [any ActionInterceptor] = []

  /// `key`: 16+ bytes for the integrity tags, or nil to run without them.
  public init(settings: DetectionSettings, integrityKey: [UInt8]?) {
    self.settings = settings
    integrity = integrityKey.map(IntegrityChannel.init(key:))
    observation = ObservationDetector(settings: settings)
    reward = RewardChangeDetector(settings: settings)
    detectors = [
      reward, observation, VetoSpikeDetector(settings: settings),
      LossDivergenceDetector(settings: settings), ResourceSpikeDetector(settings: settings),
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
    points.actions = actionDrills
  }

  /// Adds a drill at its position (the caller reinstalls).
  public func add(drill plan: DrillPlan, actionCount: Int) {
    switch plan.kind.position {
    case .sensor: sensorDrills.append(TransitionDrill(plan))
    case .channel: channelDrills.append(TransitionDrill(plan))
    case .actions: actionDrills.append(ActionDrill(plan, actionCount: actionCount))
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
    for d in detectors { out += d.observe(sample) }
    return out
  }
}
