import Foundation
import Learning
import Testing

/// Replays trajectories and transition tables exported from Gymnasium 1.4 (scripts/gym_*.py).
struct GymnasiumParityTests {
  struct Golden: Decodable {
    struct Step: Decodable {
      var state: [Double]
      var observation: [Double]
      var reward: Double
      var terminated: Bool
      var truncated: Bool
    }
    struct Trajectory: Decodable {
      var seed: Int
      var initialState: [Double]
      var actions: [Int]
      var steps: [Step]
    }
    var gymnasiumVersion: String
    var trajectories: [Trajectory]
  }

  struct Tables: Decodable {
    struct Outcome: Decodable {
      var probability: Double
      var nextState: Int
      var reward: Double
      var terminated: Bool
    }
    struct Entry: Decodable {
      var state: Int
      var action: Int
      var outcomes: [Outcome]
    }
    struct Map: Decodable {
      var desc: [String]
      var maxEpisodeSteps: Int
      var transitions: [Entry]
    }
    var maps: [String: Map]
  }

  static func fixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(T.self, from: Data(contentsOf: url))
  }

  @Test func cartPoleReplaysGymnasiumTrajectoriesBitForBit() throws {
    let golden = try Self.fixture("cartpole_golden", as: Golden.self)
    #expect(golden.trajectories.count >= 12)
    var fullLength = 0
    for t in golden.trajectories {
      let s = t.initialState
      var cart = CartPole(state: (s[0], s[1], s[2], s[3]))
      #expect(t.actions.count == t.steps.count)
      for (i, (action, expected)) in zip(t.actions, t.steps).enumerated() {
        let outcome = cart.step(action)
        // Same operations in the same order on float64 with the C library's sin/cos: exact.
        #expect(cart.stateVector == expected.state, "seed \(t.seed) step \(i + 1)")
        var obs = [Float](repeating: 0, count: 4)
        cart.writeObservation(to: &obs)
        #expect(obs.map(Double.init) == expected.observation, "seed \(t.seed) step \(i + 1)")
        #expect(outcome.reward == expected.reward)
        #expect(outcome.terminated == expected.terminated, "seed \(t.seed) step \(i + 1)")
        #expect(outcome.truncated == expected.truncated, "seed \(t.seed) step \(i + 1)")
      }
      if t.steps.count == CartPole.maxEpisodeSteps { fullLength += 1 }
    }
    // Some trajectories run the full 500 steps to truncation, not only a few steps.
    #expect(fullLength >= 6)
  }

  @Test func cartPoleResetMatchesGymnasiumBox() {
    var rng = Xoshiro256(seed: 9)
    var cart = CartPole()
    var extremes = [Double](repeating: 0, count: 4)
    for _ in 0..<20_000 {
      cart.reset(using: &rng)
      for (i, v) in cart.stateVector.enumerated() {
        #expect(v >= -0.05 && v < 0.05)
        extremes[i] = max(extremes[i], abs(v))
      }
      #expect(cart.elapsedSteps == 0)
    }
    #expect(extremes.allSatisfy { $0 > 0.049 })
  }

  @Test(arguments: ["4x4", "8x8"])
  func frozenLakeTransitionTableMatchesGymnasium(map: String) throws {
    let tables = try Self.fixture("frozenlake_tables", as: Tables.self)
    let expected = try #require(tables.maps[map])
    let lake: FrozenLake = map == "4x4" ? .fourByFour() : .eightByEight()
    #expect(expected.desc == (map == "4x4" ? FrozenLake.map4x4 : FrozenLake.map8x8))
    #expect(expected.transitions.count == lake.stateCount * 4)
    for entry in expected.transitions {
      let ours = lake.outcomes(state: entry.state, action: entry.action)
      #expect(ours.count == entry.outcomes.count, "state \(entry.state) action \(entry.action)")
      for (o, e) in zip(ours, entry.outcomes) {
        #expect(o.probability == e.probability, "state \(entry.state) action \(entry.action)")
        #expect(o.nextState == e.nextState, "state \(entry.state) action \(entry.action)")
        #expect(o.reward == e.reward, "state \(entry.state) action \(entry.action)")
        #expect(o.terminated == e.terminated, "state \(entry.state) action \(entry.action)")
      }
    }
  }

  @Test func frozenLakeStepsFollowTheTable() {
    // Every sampled transition is one of the table's outcomes, and each outcome occurs ~1/3.
    var lake = FrozenLake.fourByFour()
    var counts: [Int: Int] = [:]
    for _ in 0..<30_000 {
      lake.place(at: 6)
      let outcome = lake.step(FrozenLake.down)
      counts[lake.stateIndex, default: 0] += 1
      #expect(outcome.terminated == (lake.stateIndex == 5 || lake.stateIndex == 7))
    }
    let allowed = Set(lake.outcomes(state: 6, action: FrozenLake.down).map(\.nextState))
    #expect(Set(counts.keys) == allowed)
    for (_, n) in counts { #expect(abs(Double(n) / 30_000 - 1.0 / 3) < 0.02) }
  }

  @Test func frozenLakeTruncatesAtGymnasiumLimit() {
    var lake = FrozenLake.fourByFour(isSlippery: false)
    var rng = Xoshiro256(seed: 1)
    lake.reset(using: &rng)
    var last = StepOutcome(reward: 0, terminated: false, truncated: false)
    for _ in 0..<100 { last = lake.step(FrozenLake.left) }
    #expect(last.truncated && !last.terminated)
    #expect(FrozenLake.eightByEight().maxEpisodeSteps == 200)
  }
}
