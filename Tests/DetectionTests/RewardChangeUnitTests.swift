import Detection
import Learning
import Testing

/// The Page-Hinkley test on delivered episodes, fed synthetic transitions.
@Suite struct RewardChangeUnitTests {
  func feed(_ d: RewardChangeDetector, episodes: Int, reward: Double, length: Int, from step: Int)
    -> Int
  {
    var obs: [Float] = [0, 0, 0, 0]
    var s = step
    obs.withUnsafeMutableBufferPointer { buf in
      for _ in 0..<episodes {
        for k in 0..<length {
          s += 1
          var t = Transition(
            kind: .step, environment: 0, step: s, observation: buf, reward: reward,
            terminated: k == length - 1, truncated: false)
          d.intercept(&t)
        }
      }
    }
    return s
  }

  @Test func aFlippedRewardIsCaughtAndASteadyOneIsNot() {
    let d = RewardChangeDetector(settings: .init())
    var step = feed(d, episodes: 60, reward: 1, length: 20, from: 0)
    #expect(d.observe(.empty(step)).isEmpty)
    step = feed(d, episodes: 3, reward: -1, length: 20, from: step)
    let alerts = d.observe(.empty(step))
    #expect(alerts.first?.detector == "reward-change")
    #expect(alerts.first?.evidence.step ?? 0 > 1_200)
  }
}

extension ChunkSample {
  static func empty(_ step: Int) -> ChunkSample {
    ChunkSample(
      step: step, episodes: [], updates: [], safety: SafetyCounters(), steps: 0, cpuSeconds: 0)
  }
}
