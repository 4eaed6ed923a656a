#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Physical constants of CartPole; `standard` is Gymnasium CartPole-v1's.
///
/// They are variables so a dynamics-tampering drill can change them in the running environment;
/// the runtime-assurance monitor always plans with `standard` (the nominal model).
public struct CartPoleParameters: Sendable, Hashable, Codable {
  public var gravity = 9.8
  public var massCart = 1.0
  public var massPole = 0.1
  public var length = 0.5  // half the pole's length
  public var forceMagnitude = 10.0
  public var tau = 0.02  // seconds between state updates

  public init() {}
  public static let standard = CartPoleParameters()

  /// Gymnasium computes these once in `__init__`: `masspole + masscart`, `masspole * length`.
  @inlinable public var totalMass: Double { massPole + massCart }
  @inlinable public var poleMassLength: Double { massPole * length }
}

/// Gymnasium CartPole-v1: the same constants, Euler integration, thresholds, reward, 500-step
/// truncation and reset box. The arithmetic repeats Gymnasium's order of operations on `Double`
/// with the C library's `sin`/`cos`, so a trajectory started from Gymnasium's float64 state
/// matches it step for step.
public struct CartPole: Environment {
  public static let thetaThreshold = 12 * 2 * Double.pi / 360
  public static let xThreshold = 2.4
  public static let maxEpisodeSteps = 500
  public static let resetBound = 0.05

  public var x = 0.0
  public var xDot = 0.0
  public var theta = 0.0
  public var thetaDot = 0.0
  public var parameters: CartPoleParameters
  public var elapsedSteps = 0
  /// Precomputed once, as Gymnasium does, so tampering with `parameters` must call `refresh()`.
  @usableFromInline var totalMass: Double
  @usableFromInline var poleMassLength: Double

  public init(parameters: CartPoleParameters = .standard) {
    self.parameters = parameters
    totalMass = parameters.totalMass
    poleMassLength = parameters.poleMassLength
  }

  /// Starts from an exact state (for replaying a Gymnasium trajectory).
  public init(state: (Double, Double, Double, Double), parameters: CartPoleParameters = .standard) {
    self.init(parameters: parameters)
    (x, xDot, theta, thetaDot) = state
  }

  /// Recomputes the derived constants after `parameters` changed.
  public mutating func refresh() {
    totalMass = parameters.totalMass
    poleMassLength = parameters.poleMassLength
  }

  public var observationSize: Int { 4 }
  public var actionCount: Int { 2 }

  public mutating func reset(using rng: inout Xoshiro256) {
    let b = Self.resetBound
    x = rng.uniform(-b, b)
    xDot = rng.uniform(-b, b)
    theta = rng.uniform(-b, b)
    thetaDot = rng.uniform(-b, b)
    elapsedSteps = 0
  }

  /// One Euler step of the physics only (no episode bookkeeping); the monitor's look-ahead uses it.
  @inlinable @inline(__always)
  public mutating func integrate(_ action: Int) {
    let p = parameters
    let force = action == 1 ? p.forceMagnitude : -p.forceMagnitude
    let costheta = cos(theta)
    let sintheta = sin(theta)
    let temp = (force + poleMassLength * (thetaDot * thetaDot) * sintheta) / totalMass
    let thetaacc =
      (p.gravity * sintheta - costheta * temp)
      / (p.length * (4.0 / 3.0 - p.massPole * (costheta * costheta) / totalMass))
    let xacc = temp - poleMassLength * thetaacc * costheta / totalMass
    x = x + p.tau * xDot
    xDot = xDot + p.tau * xacc
    theta = theta + p.tau * thetaDot
    thetaDot = thetaDot + p.tau * thetaacc
  }

  /// Whether the pole fell or the cart left the track (Gymnasium's termination test).
  @inlinable public var isTerminal: Bool {
    x < -Self.xThreshold || x > Self.xThreshold || theta < -Self.thetaThreshold
      || theta > Self.thetaThreshold
  }

  @inlinable @inline(__always)
  public mutating func step(_ action: Int) -> StepOutcome {
    integrate(action)
    elapsedSteps += 1
    return StepOutcome(
      reward: 1.0, terminated: isTerminal, truncated: elapsedSteps >= Self.maxEpisodeSteps)
  }

  @inlinable
  public func writeObservation(to buffer: UnsafeMutablePointer<Float>) {
    buffer[0] = Float(x)
    buffer[1] = Float(xDot)
    buffer[2] = Float(theta)
    buffer[3] = Float(thetaDot)
  }

  /// The cart's motor force scaled by `factor` (negative: wired backwards); the monitor keeps
  /// planning with `standard`.
  public mutating func tamperDynamics(factor: Double) -> Bool {
    parameters.forceMagnitude *= factor
    refresh()
    return true
  }

  public var stateVector: [Double] { [x, xDot, theta, thetaDot] }
  public var reachedGoal: Bool? { nil }
}
