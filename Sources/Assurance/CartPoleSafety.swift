import Learning

/// CartPole's safety envelope: |x| < `cartPosition` and |θ| < `poleAngle` (radians).
public struct CartPoleEnvelope: Sendable, Hashable, Codable {
  public var cartPosition = 2.0
  public var poleAngle = 0.15

  public init(cartPosition: Double = 2.0, poleAngle: Double = 0.15) {
    self.cartPosition = cartPosition
    self.poleAngle = poleAngle
  }

  @inlinable @inline(__always)
  public func contains(_ c: CartPole) -> Bool {
    abs(c.x) < cartPosition && abs(c.theta) < poleAngle
  }
}

/// The fallback controller: a linear switching rule that pushes right when
/// `kx·x + kv·ẋ + kθ·θ + kω·θ̇ > 0`. It balances the pole and pulls the cart back to the centre.
public struct CartPoleFallback: Sendable, Hashable, Codable {
  public var position = 0.02
  public var velocity = 0.1
  public var angle = 1.0
  public var angularVelocity = 0.2

  public init() {}

  @inlinable @inline(__always)
  public func action(for c: CartPole) -> Int {
    position * c.x + velocity * c.xDot + angle * c.theta + angularVelocity * c.thetaDot > 0 ? 1 : 0
  }
}

/// The recoverable region: a box of states from which the fallback is shown (by a test over a
/// grid of states) to stay inside the envelope.
public struct CartPoleRecoverableRegion: Sendable, Hashable, Codable {
  public var position = 0.85
  public var velocity = 0.9
  public var angle = 0.11
  public var angularVelocity = 0.22

  public init() {}

  @inlinable @inline(__always)
  public func contains(_ c: CartPole) -> Bool {
    abs(c.x) <= position && abs(c.xDot) <= velocity && abs(c.theta) <= angle
      && abs(c.thetaDot) <= angularVelocity
  }
}

/// CartPole's runtime-assurance rule `cartpole.envelope`.
///
/// An action is safe when, on the nominal model, one step under it stays in the envelope and the
/// fallback then brings the state into the recoverable region within `horizon` steps without
/// leaving the envelope. The specification keeps a certificate: whether the current state is
/// known to have such a fallback continuation. While it holds, the fallback's own action is safe
/// without a look-ahead, and a veto (which executes the fallback) keeps it holding, so under
/// `enforce` the envelope is never left on the nominal dynamics.
public struct CartPoleSafety: SafetySpecification {
  public static let rule = "cartpole.envelope"
  public static let ruleIDs = [rule]
  public static let countsEveryViolatingStep = false

  public var envelope: CartPoleEnvelope
  public var fallback: CartPoleFallback
  public var region: CartPoleRecoverableRegion
  public var horizon: Int
  /// The current state has a verified fallback continuation.
  public private(set) var isCertified = false
  /// Simulated steps spent in look-aheads (for the overhead benchmark).
  public private(set) var simulatedSteps = 0

  public init(
    envelope: CartPoleEnvelope = .init(), fallback: CartPoleFallback = .init(),
    region: CartPoleRecoverableRegion = .init(), horizon: Int = 200
  ) {
    self.envelope = envelope
    self.fallback = fallback
    self.region = region
    self.horizon = horizon
  }

  /// Whether executing `first` from `start` keeps a fallback continuation (nominal model).
  @inlinable
  public func isRecoverable(from start: CartPole, first: Int) -> (safe: Bool, steps: Int) {
    var sim = CartPole(state: (start.x, start.xDot, start.theta, start.thetaDot))
    sim.integrate(first)
    guard envelope.contains(sim) else { return (false, 1) }
    var steps = 1
    while !region.contains(sim) {
      guard steps <= horizon else { return (false, steps) }
      sim.integrate(fallback.action(for: sim))
      steps += 1
      guard envelope.contains(sim) else { return (false, steps) }
    }
    return (true, steps)
  }

  public mutating func violatedRule(_ action: Int, in env: CartPole) -> String? {
    if isCertified && action == fallback.action(for: env) { return nil }
    let (safe, steps) = isRecoverable(from: env, first: action)
    simulatedSteps += steps
    return safe ? nil : Self.rule
  }

  public func fallbackAction(in env: CartPole) -> Int { fallback.action(for: env) }

  public func isViolated(_ env: CartPole) -> Bool { !envelope.contains(env) }

  public mutating func commit(_ executed: Int, proposedWasSafe: Bool, in env: CartPole) {
    if proposedWasSafe {
      isCertified = true  // the look-ahead (or the certificate) covered the executed action
    } else if executed != fallback.action(for: env) {
      isCertified = false  // observe mode executed an action that failed the check
    }
    // A veto executes the fallback: the certificate carries over to the next state.
  }

  public mutating func reset(for env: CartPole) {
    isCertified =
      envelope.contains(env) && isRecoverable(from: env, first: fallback.action(for: env)).safe
  }
}
