import Learning

/// What the statistical detectors see of a job after each chunk of training: only what the
/// training loop itself measured (never whether a drill is running).
public struct ChunkSample: Sendable {
  /// The job's step count at the end of the chunk.
  public var step: Int
  /// Episodes that ended in the chunk, in order.
  public var episodes: [EpisodeSummary]
  /// Optimiser updates in the chunk.
  public var updates: [UpdateSummary]
  public var safety: SafetyCounters
  /// Environment steps in the chunk.
  public var steps: Int
  /// CPU seconds the chunk used.
  public var cpuSeconds: Double
  /// The executed actions' surprise under the policy against its entropy (PPO; empty for a
  /// table).
  public var actionLikelihood: ActionLikelihood

  public init(
    step: Int, episodes: [EpisodeSummary], updates: [UpdateSummary], safety: SafetyCounters,
    steps: Int, cpuSeconds: Double, actionLikelihood: ActionLikelihood = .init()
  ) {
    self.actionLikelihood = actionLikelihood
    self.step = step
    self.episodes = episodes
    self.updates = updates
    self.safety = safety
    self.steps = steps
    self.cpuSeconds = cpuSeconds
  }
}

/// A detector of one job's training: fed every chunk, returns what it found. Owned by the job
/// and called only on its queue.
public protocol JobDetector: AnyObject {
  var id: String { get }
  func observe(_ sample: ChunkSample) -> [AlertDraft]
}
