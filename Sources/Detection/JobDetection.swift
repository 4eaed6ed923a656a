import Learning

/// Everything detection attaches to one job's training loop, in channel order:
/// drills and the two ends' logs on the channel (`TransitionPath`, `ActionPath`), then, when the
/// logs are drained, the integrity checks and the observation and reward detectors over what the
/// learner received.
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
  /// What the learner received since the last drain.
  let received = TransitionLog()

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

  /// Installs the channel on a session's interception points (again after a drill changes it):
  /// one interceptor per path that calls its stages directly and only logs what passes; the
  /// digests and the detectors run over the logs when they are drained (every
  /// `TransitionPath.batch` transitions and at each chunk's end), in tight loops.
  public func install(on points: InterceptionPoints) {
    points.transitions = [
      TransitionPath(
        sensorDrills: sensorDrills, sent: integrity?.sent, channelDrills: channelDrills,
        received: received, owner: self)
    ]
    points.actions =
      actionIntegrity == nil && actionDrills.isEmpty
      ? [] : [ActionPath(integrity: actionIntegrity, drills: actionDrills)]
  }

  /// Checks the logged transitions' integrity, feeds them to the observation and reward
  /// detectors in order and empties the logs.
  func drain() {
    integrity?.drain(received: received)
    observation.intercept(log: received)
    reward.intercept(log: received)
    received.removeAll()
    actionIntegrity?.drain()
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
    drain()
    var out: [AlertDraft] = []
    if let a = integrity?.alertIfTampered() { out.append(a) }
    if let a = actionIntegrity?.alertIfTampered() { out.append(a) }
    for d in detectors { out += d.observe(sample) }
    return out
  }
}

/// sensor drills → environment side's log → channel drills → learner side's log.
final class TransitionPath: TransitionInterceptor {
  let sensorDrills: [any TransitionInterceptor]
  let channelDrills: [any TransitionInterceptor]
  let sent: TransitionLog?
  let received: TransitionLog
  unowned let owner: JobDetection
  private let drills: Bool
  /// Transitions logged before the logs are drained (bounds their memory in long chunks).
  static let batch = 4_096

  init(
    sensorDrills: [any TransitionInterceptor], sent: TransitionLog?,
    channelDrills: [any TransitionInterceptor], received: TransitionLog, owner: JobDetection
  ) {
    self.sensorDrills = sensorDrills
    self.channelDrills = channelDrills
    self.sent = sent
    self.received = received
    self.owner = owner
    drills = !sensorDrills.isEmpty || !channelDrills.isEmpty
  }

  func intercept(_ t: inout Transition) {
    if drills { for drill in sensorDrills { drill.intercept(&t) } }
    sent?.append(t)
    if drills { for drill in channelDrills { drill.intercept(&t) } }
    received.append(t)
    if received.count >= Self.batch { owner.drain() }
  }
}

/// agent side's log → action drills → monitor side's log.
final class ActionPath: ActionInterceptor {
  let integrity: ActionIntegrity?
  let drills: [any ActionInterceptor]
  let sent: ActionLog?
  let received: ActionLog?

  init(integrity: ActionIntegrity?, drills: [any ActionInterceptor]) {
    self.integrity = integrity
    self.drills = drills
    sent = integrity?.sent
    received = integrity?.received
  }

  func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    sent?.append(action: action, environment: environment, step: step)
    if !drills.isEmpty {
      for drill in drills {
        drill.intercept(&action, environment: environment, step: step, observation: observation)
      }
    }
    received?.append(action: action, environment: environment, step: step)
    if (received?.count ?? 0) >= TransitionPath.batch { integrity?.drain() }
  }
}
