/// Which message on the environment→learner channel a transition is.
public enum TransitionKind: Sendable, Hashable {
  /// The result of a step: the next observation, reward and end flags.
  case step
  /// The first observation of a new episode.
  case reset
}

/// One message on the environment→learner channel, as interceptors see it.
public struct Transition {
  public var kind: TransitionKind
  /// Which of the job's vectorised environments sent it.
  public var environment: Int
  /// The job's global step count when it was sent.
  public var step: Int
  /// The observation the agent will act on (for a finished episode: its last observation).
  public var observation: UnsafeMutableBufferPointer<Float>
  public var reward: Double
  public var terminated: Bool
  public var truncated: Bool

  public init(
    kind: TransitionKind, environment: Int, step: Int,
    observation: UnsafeMutableBufferPointer<Float>,
    reward: Double, terminated: Bool, truncated: Bool
  ) {
    self.kind = kind
    self.environment = environment
    self.step = step
    self.observation = observation
    self.reward = reward
    self.terminated = terminated
    self.truncated = truncated
  }
}

/// Sees (and may alter) every transition between the environment and the learner: where
/// integrity checks attach, and where a drill acts like a man in the middle.
public protocol TransitionInterceptor: AnyObject {
  func intercept(_ transition: inout Transition)
}

/// Sees (and may alter) every action on its way from the agent to the monitor.
public protocol ActionInterceptor: AnyObject {
  func intercept(
    _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>)
}

/// The explicit interception points of a training loop. Empty lists cost one branch per step.
///
/// Owned by the training session and touched only on its job's queue.
public final class InterceptionPoints {
  public var transitions: [any TransitionInterceptor] = [] {
    didSet { transitionChain = TransitionChain(transitions) }
  }
  public var actions: [any ActionInterceptor] = [] {
    didSet { actionChain = ActionChain(actions) }
  }
  /// The lists as the training loops call them: taken once per chunk into a local, they cost
  /// one dynamic call per step and interceptor, with no reference counting.
  @exclusivity(unchecked) private(set) var transitionChain = TransitionChain([])
  @exclusivity(unchecked) private(set) var actionChain = ActionChain([])

  public init() {}

  public var isEmpty: Bool { transitions.isEmpty && actions.isEmpty }
}

/// An immutable list of transition interceptors. The common single interceptor is held in a
/// non-optional `let`: a call through it is not reference counted, where a call through an
/// array element or an optional binding retains and releases (measured: 4.6 against 13 ns).
final class TransitionChain {
  let isEmpty: Bool
  private let single: Bool
  private let first: any TransitionInterceptor
  private let all: [any TransitionInterceptor]

  init(_ interceptors: [any TransitionInterceptor]) {
    isEmpty = interceptors.isEmpty
    single = interceptors.count == 1
    first = interceptors.first ?? PassThrough()
    all = interceptors
  }

  @inline(__always)
  func send(_ transition: inout Transition) {
    if single {
      first.intercept(&transition)
    } else {
      for interceptor in all { interceptor.intercept(&transition) }
    }
  }

  private final class PassThrough: TransitionInterceptor {
    func intercept(_ transition: inout Transition) {}
  }
}

/// An immutable list of action interceptors (as `TransitionChain`).
final class ActionChain {
  let isEmpty: Bool
  private let single: Bool
  private let first: any ActionInterceptor
  private let all: [any ActionInterceptor]

  init(_ interceptors: [any ActionInterceptor]) {
    isEmpty = interceptors.isEmpty
    single = interceptors.count == 1
    first = interceptors.first ?? PassThrough()
    all = interceptors
  }

  @inline(__always)
  func send(
    action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
  ) {
    if single {
      first.intercept(&action, environment: environment, step: step, observation: observation)
    } else {
      for interceptor in all {
        interceptor.intercept(
          &action, environment: environment, step: step, observation: observation)
      }
    }
  }

  private final class PassThrough: ActionInterceptor {
    func intercept(
      _ action: inout Int, environment: Int, step: Int, observation: UnsafeBufferPointer<Float>
    ) {}
  }
}
