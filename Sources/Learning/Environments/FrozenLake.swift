/// One possible result of an action in FrozenLake's transition model.
public struct FrozenLakeOutcome: Sendable, Hashable, Codable {
  public var probability: Double
  public var nextState: Int
  public var reward: Double
  public var terminated: Bool
}

/// Gymnasium FrozenLake-v1 (4x4) and FrozenLake8x8-v1: the same maps, the same slippery model
/// (the intended move or either perpendicular one, a third each) and the same rewards. Slips are
/// drawn from Rampart's own generator, so trajectories differ from Gymnasium's but the transition
/// table is identical.
public struct FrozenLake: DiscreteEnvironment {
  public enum Tile: UInt8, Sendable { case start, frozen, hole, goal }
  /// Actions, as in Gymnasium.
  public static let left = 0, down = 1, right = 2, up = 3

  public static let map4x4 = ["SFFF", "FHFH", "FFFH", "HFFG"]
  public static let map8x8 = [
    "SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG",
  ]

  public let rows: Int
  public let columns: Int
  public let tiles: [Tile]
  public let isSlippery: Bool
  public let maxEpisodeSteps: Int
  /// `next[(state * 4 + action) * 3 + k]`: the k-th outcome's next state (Gymnasium's order).
  @usableFromInline let next: [Int32]
  @usableFromInline var position = 0
  @usableFromInline var stepsTaken = 0
  public var stateIndex: Int { position }
  public var elapsedSteps: Int { stepsTaken }
  @usableFromInline var slips: Xoshiro256

  /// - Parameters:
  ///   - map: rows of `S`, `F`, `H`, `G`.
  ///   - maxEpisodeSteps: Gymnasium's limit: 100 for 4x4, 200 for 8x8.
  public init(map: [String], isSlippery: Bool = true, maxEpisodeSteps: Int) {
    rows = map.count
    columns = map.first?.count ?? 0
    tiles = map.flatMap { row in
      row.map { ch -> Tile in
        switch ch {
        case "S": .start
        case "H": .hole
        case "G": .goal
        default: .frozen
        }
      }
    }
    self.isSlippery = isSlippery
    self.maxEpisodeSteps = maxEpisodeSteps
    var table = [Int32](repeating: 0, count: rows * columns * 12)
    for s in 0..<(rows * columns) {
      for a in 0..<4 {
        let directions = isSlippery ? [(a + 3) % 4, a, (a + 1) % 4] : [a, a, a]
        for (k, d) in directions.enumerated() {
          let terminal = tiles[s] == .hole || tiles[s] == .goal
          table[(s * 4 + a) * 3 + k] = Int32(terminal ? s : Self.move(s, d, rows, columns))
        }
      }
    }
    next = table
    slips = Xoshiro256(seed: 0)
    position = tiles.firstIndex(of: .start) ?? 0
  }

  public static func fourByFour(isSlippery: Bool = true) -> FrozenLake {
    FrozenLake(map: map4x4, isSlippery: isSlippery, maxEpisodeSteps: 100)
  }

  public static func eightByEight(isSlippery: Bool = true) -> FrozenLake {
    FrozenLake(map: map8x8, isSlippery: isSlippery, maxEpisodeSteps: 200)
  }

  static func move(_ s: Int, _ direction: Int, _ rows: Int, _ columns: Int) -> Int {
    var r = s / columns
    var c = s % columns
    switch direction {
    case Self.left: c = max(c - 1, 0)
    case Self.down: r = min(r + 1, rows - 1)
    case Self.right: c = min(c + 1, columns - 1)
    default: r = max(r - 1, 0)
    }
    return r * columns + c
  }

  public var stateCount: Int { rows * columns }
  public var observationSize: Int { rows * columns }
  public var actionCount: Int { 4 }

  /// Gymnasium's full transition model for one state and action, in its order.
  public func outcomes(state: Int, action: Int) -> [FrozenLakeOutcome] {
    if tiles[state] == .hole || tiles[state] == .goal {
      return [FrozenLakeOutcome(probability: 1, nextState: state, reward: 0, terminated: true)]
    }
    let count = isSlippery ? 3 : 1
    return (0..<count).map { k in
      let n = Int(next[(state * 4 + action) * 3 + k])
      let p = isSlippery ? (k == 1 ? 1.0 / 3.0 : (1 - 1.0 / 3.0) / 2) : 1.0
      return FrozenLakeOutcome(
        probability: p, nextState: n, reward: tiles[n] == .goal ? 1 : 0,
        terminated: tiles[n] == .hole || tiles[n] == .goal)
    }
  }

  public mutating func reset(using rng: inout Xoshiro256) {
    slips = Xoshiro256(seed: rng.next())
    position = tiles.firstIndex(of: .start) ?? 0
    stepsTaken = 0
  }

  /// Places the agent on `state` (for rollouts from a chosen cell).
  public mutating func place(at state: Int) {
    position = state
    stepsTaken = 0
  }

  /// Reseeds the slip generator without moving the agent.
  public mutating func seedSlips(_ seed: UInt64) {
    slips = Xoshiro256(seed: seed)
  }

  @inlinable @inline(__always)
  public mutating func step(_ action: Int) -> StepOutcome {
    let k = isSlippery ? slips.nextInt(below: 3) : 0
    let n = Int(next[(position &* 4 &+ action) &* 3 &+ k])
    position = n
    stepsTaken &+= 1
    let tile = tiles[n]
    return StepOutcome(
      reward: tile == .goal ? 1 : 0, terminated: tile == .hole || tile == .goal,
      truncated: stepsTaken >= maxEpisodeSteps)
  }

  public func writeObservation(to buffer: UnsafeMutablePointer<Float>) {
    buffer.update(repeating: 0, count: stateCount)
    buffer[stateIndex] = 1
  }

  public var stateVector: [Double] { [Double(stateIndex)] }
  public var reachedGoal: Bool? { tiles[stateIndex] == .goal }
  public var isInHole: Bool { tiles[stateIndex] == .hole }
}
