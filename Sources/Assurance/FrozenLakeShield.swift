import Learning

/// A probabilistic shield for slippery FrozenLake, computed from the known slip model.
///
/// `risk[s·4+a]` is the probability of entering a hole within `horizon` steps when taking `a`
/// in `s` and then always the safest action. An action is vetoed when its risk exceeds
/// `threshold` while a strictly safer action exists; the fallback is the safest action. Slippery
/// FrozenLake cannot be made hole-free, so the shield lowers risk rather than promising zero.
public struct FrozenLakeShield: SafetySpecification {
  public static let rule = "frozenlake.hole-risk"
  public static let ruleIDs = [rule]
  public static let countsEveryViolatingStep = true

  public let horizon: Int
  public let threshold: Double
  /// Risk per (state, action) under the nominal model.
  public let risk: [Double]
  let safest: [Int]

  public init(lake: FrozenLake, horizon: Int = 3, threshold: Double = 0.1) {
    self.horizon = max(horizon, 1)
    self.threshold = threshold
    let n = lake.stateCount
    let holes = (0..<n).map { lake.tiles[$0] == .hole }
    let absorbing = (0..<n).map { lake.tiles[$0] == .hole || lake.tiles[$0] == .goal }
    var value = holes.map { $0 ? 1.0 : 0.0 }
    var q = [Double](repeating: 0, count: n * 4)
    for _ in 0..<self.horizon {
      for s in 0..<n {
        for a in 0..<4 {
          q[s * 4 + a] =
            absorbing[s]
            ? value[s]
            : lake.outcomes(state: s, action: a).reduce(0) {
              $0 + $1.probability * value[$1.nextState]
            }
        }
      }
      value = (0..<n).map { s in absorbing[s] ? value[s] : (0..<4).map { q[s * 4 + $0] }.min() ?? 0
      }
    }
    risk = q
    safest = (0..<n).map { s in (0..<4).min { q[s * 4 + $0] < q[s * 4 + $1] } ?? 0 }
  }

  public func violatedRule(_ action: Int, in env: FrozenLake) -> String? {
    let s = env.stateIndex
    let r = risk[s * 4 + action]
    return r > threshold && risk[s * 4 + safest[s]] < r ? Self.rule : nil
  }

  public func fallbackAction(in env: FrozenLake) -> Int { safest[env.stateIndex] }

  public func isViolated(_ env: FrozenLake) -> Bool { env.isInHole }
}
