/// Catches a change in the rewards the learner receives (reward poisoning: sign flips, scaling,
/// targeted rewrites) with a two-sided Page-Hinkley test on each episode's mean reward per step,
/// against the job's own history.
///
/// Why per step: an episode's return grows as the agent learns, but the reward of a step is
/// a property of the environment (CartPole pays 1 per step, always), so a learning agent keeps it
/// steady and a poisoned channel moves it. What it cannot catch: poisoning that keeps every
/// episode's mean reward per step (e.g. swapping rewards between steps of one episode), and
/// a change present from the first episode (there is no clean history to compare with).
public final class RewardChangeDetector: JobDetector {
  public let id = "reward-change"
  private let settings: DetectionSettings
  private var warmup = RunningStats()
  private var scale = 0.0
  private var mean = RunningStats()
  private var up = (sum: 0.0, minimum: 0.0)
  private var down = (sum: 0.0, maximum: 0.0)
  private var recent = Window(20)
  private var fired = false

  public init(settings: DetectionSettings) { self.settings = settings }

  public func observe(_ sample: ChunkSample) -> [AlertDraft] {
    var out: [AlertDraft] = []
    for e in sample.episodes where e.length > 0 {
      let x = e.totalReward / Double(e.length)
      recent.add(x)
      if warmup.count < settings.rewardWarmupEpisodes {
        warmup.add(x)
        mean.add(x)
        if warmup.count == settings.rewardWarmupEpisodes {
          // The job's own scale; a constant reward (CartPole) gets a small floor so that any
          // change at all stands out.
          scale = max(warmup.standardDeviation, 1e-3 * abs(warmup.mean), 1e-6)
        }
        continue
      }
      let z = (x - mean.mean) / scale
      mean.add(x)
      up.sum += z - settings.rewardDelta
      up.minimum = min(up.minimum, up.sum)
      down.sum += z + settings.rewardDelta
      down.maximum = max(down.maximum, down.sum)
      let statistic = max(up.sum - up.minimum, down.maximum - down.sum)
      if statistic > settings.rewardLambda && !fired {
        fired = true
        let direction = up.sum - up.minimum > down.maximum - down.sum ? "rose" : "fell"
        out.append(
          AlertDraft(
            detector: id, severity: .high, technique: "AML.T0020",
            summary:
              "reward per step \(direction) away from this job's history (Page-Hinkley \(Int(statistic)) > \(Int(settings.rewardLambda)))",
            evidence: Evidence(
              window: recent.values, threshold: settings.rewardLambda, value: statistic,
              step: e.endStep,
              details: [
                "baseline_mean": String(warmup.mean), "scale": String(scale),
                "statistic": "page-hinkley on episode return / length",
              ])))
      }
    }
    return out
  }
}
