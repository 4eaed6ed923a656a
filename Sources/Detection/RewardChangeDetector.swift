import Learning

/// Catches a fall in the rewards the learner receives (reward poisoning: sign flips, scaling
/// down, targeted rewrites) with a Page-Hinkley test on the mean reward per step of each episode
/// (or of each 64-step segment of a long one: a shielded CartPole episode lasts 500 steps),
/// against the job's own history. It sits at the learner's end of the channel, so it sees the
/// rewards as delivered, not as the environment computed them.
///
/// Why per step: an episode's return grows as the agent learns, but the reward of a step is
/// a property of the environment (CartPole pays 1 per step, always), so a learning agent keeps it
/// steady and a poisoned channel moves it. What it cannot catch: poisoning that keeps every
/// episode's mean reward per step (e.g. swapping rewards between steps of one episode), and
/// a change present from the first episode (there is no clean history to compare with), and
/// poisoning that raises rewards (a learning agent raises them too, so rises are not alarms).
public final class RewardChangeDetector: TransitionInterceptor, JobDetector {
  public let id = "reward-change"
  private let settings: DetectionSettings
  private var warmup = RunningStats()
  private var scale = 0.0
  private var mean = RunningStats()
  private var down = (sum: 0.0, maximum: 0.0)
  private var recent = Window(20)
  private var fired = false
  /// Per vectorised environment: reward and steps of the episode being delivered.
  @exclusivity(unchecked) private var runningReward: [Double] = []
  @exclusivity(unchecked) private var runningLength: [Int] = []
  /// Episodes delivered since the last chunk: (mean reward per step, end step).
  @exclusivity(unchecked) private var delivered: [(Double, Int)] = []

  /// Steps after which a running episode's rewards are delivered as a segment.
  static let segment = 64

  public init(settings: DetectionSettings) { self.settings = settings }

  /// Every transition in a drained log, in order.
  func intercept(log: TransitionLog) {
    for i in 0..<log.count {
      var t = log.transition(i)
      intercept(&t)
    }
  }

  @inline(__always)
  public func intercept(_ t: inout Transition) {
    guard t.kind == .step, t.environment >= 0 else { return }
    let e = t.environment
    if e >= runningReward.count {
      runningReward += Array(repeating: 0, count: e + 1 - runningReward.count)
      runningLength += Array(repeating: 0, count: e + 1 - runningLength.count)
    }
    runningReward[e] += t.reward
    runningLength[e] += 1
    if t.terminated || t.truncated || runningLength[e] >= Self.segment {
      delivered.append((runningReward[e] / Double(runningLength[e]), t.step))
      runningReward[e] = 0
      runningLength[e] = 0
    }
  }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    var out: [AlertDraft] = []
    let episodes = delivered
    delivered.removeAll(keepingCapacity: true)
    for (x, endStep) in episodes {
      recent.add(x)
      if warmup.count < settings.rewardWarmupEpisodes {
        warmup.add(x)
        mean.add(x)
        continue
      }
      // The job's own spread so far (a learning agent widens it); a constant reward (CartPole)
      // gets a small floor so that any change at all stands out.
      scale = max(mean.standardDeviation, 1e-3 * abs(mean.mean), 1e-3)
      let z = (x - mean.mean) / scale
      mean.add(x)
      down.sum += z + settings.rewardDelta
      down.maximum = max(down.maximum, down.sum)
      let statistic = down.maximum - down.sum
      if statistic > settings.rewardLambda && !fired {
        fired = true
        let direction = "fell"
        out.append(
          AlertDraft(
            detector: id, severity: .high, technique: "AML.T0020",
            summary:
              "reward per step \(direction) away from this job's history (Page-Hinkley \(String(format: "%.1f", statistic)) > \(String(format: "%g", settings.rewardLambda)))",
            evidence: Evidence(
              window: recent.values, threshold: settings.rewardLambda, value: statistic,
              step: endStep,
              details: [
                "baseline_mean": String(warmup.mean), "scale": String(scale),
                "statistic":
                  "page-hinkley on delivered reward per step (episodes, 64-step segments)",
              ])))
      }
    }
    return out
  }
}
