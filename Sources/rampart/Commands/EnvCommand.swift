import ArgumentParser
import Engine
import Foundation
import Learning

/// `rampart env`: environment tools.
struct EnvCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "env", abstract: "Environment tools.", subcommands: [Rollout.self, List.self])

  /// `rampart env list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the environments.")
    @Flag(help: "One JSON object per line.") var json = false
    func run() {
      for e in EnvironmentID.allCases {
        say(
          json
            ? JSONLine(["env": .string(e.rawValue), "summary": .string(e.summary)]).text
            : "\(e.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(e.summary)")
      }
    }
  }

  /// `rampart env rollout`: step an environment from an exact state with given actions.
  struct Rollout: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Step an environment from an exact state with the given actions and print every step.",
      discussion: """
        cartpole: --initial-state x,x_dot,theta,theta_dot (float64, e.g. Gymnasium's env.unwrapped.state)
        frozenlake, frozenlake8x8: --initial-state CELL (slips drawn from --seed; --no-slip for none)
        capacity: --initial-state HOUR,UNITS1,UNITS2,UNITS3
        """)

    @Option(help: "Environment.")
    var env: EnvironmentID
    @Option(help: "The state to start from (see below).")
    var initialState: String
    @Option(help: "Comma-separated actions.")
    var actions: String
    @Option(help: "Seed for FrozenLake's slips.")
    var seed: UInt64 = 0
    @Flag(help: "FrozenLake without slipping.")
    var noSlip = false
    @Flag(help: "Print one JSON object per line.")
    var json = false

    func run() throws {
      switch env {
      case .cartpole:
        let s = try parseList(initialState, option: "--initial-state") {
          Double($0).flatMap { $0.isFinite ? $0 : nil }
        }
        guard s.count == 4 else {
          throw UsageError("--initial-state for cartpole needs 4 numbers, got \(s.count)")
        }
        var cart = CartPole(state: (s[0], s[1], s[2], s[3]))
        try roll(&cart) { c in
          let obs = [c.x, c.xDot, c.theta, c.thetaDot].map { Double(Float($0)) }
          return (.array(obs.map { .double($0) }), .array(c.stateVector.map { .double($0) }))
        }
      case .frozenlake, .frozenlake8x8:
        var lake: FrozenLake =
          env == .frozenlake ? .fourByFour(isSlippery: !noSlip) : .eightByEight(isSlippery: !noSlip)
        guard let cell = Int(initialState), (0..<lake.stateCount).contains(cell) else {
          throw UsageError(
            "--initial-state for \(env.rawValue) must be a cell 0–\(lake.stateCount - 1), got \"\(initialState)\""
          )
        }
        lake.place(at: cell)
        lake.seedSlips(seed)
        try roll(&lake) { l in (.int(l.stateIndex), .array([.int(l.stateIndex)])) }
      case .capacity:
        var capacity = CapacityEnvironment()
        let s = try parseList(initialState, option: "--initial-state") { Int($0) }
        guard s.count == capacity.serviceCount + 1, s[0] >= 0, s.dropFirst().allSatisfy({ $0 >= 0 })
        else {
          throw UsageError(
            "--initial-state for capacity needs HOUR and \(capacity.serviceCount) non-negative unit counts"
          )
        }
        capacity.place(hour: s[0], allocation: Array(s.dropFirst()))
        try roll(&capacity) { c in
          let buffer = UnsafeMutablePointer<Float>.allocate(capacity: c.observationSize)
          defer { buffer.deallocate() }
          c.writeObservation(to: buffer)
          let obs = (0..<c.observationSize).map { JSONValue.double(Double(buffer[$0])) }
          return (.array(obs), .array(c.stateVector.map { .double($0) }))
        }
      }
    }

    private func roll<E: Environment>(
      _ environment: inout E, describe: (E) -> (JSONValue, JSONValue)
    ) throws {
      let list = try parseList(actions, option: "--actions") { Int($0) }
      for (i, a) in list.enumerated() where !(0..<environment.actionCount).contains(a) {
        throw UsageError(
          "--actions: element \(i + 1) is \(a); \(env.rawValue) has actions 0–\(environment.actionCount - 1)"
        )
      }
      for (i, action) in list.enumerated() {
        let outcome = environment.step(action)
        let (observation, state) = describe(environment)
        if json {
          say(
            JSONLine([
              "step": .int(i + 1), "action": .int(action), "observation": observation,
              "state": state,
              "reward": .double(outcome.reward), "terminated": .bool(outcome.terminated),
              "truncated": .bool(outcome.truncated),
            ]).text)
        } else {
          say(
            "step \(i + 1) action \(action) observation \(observation.text) reward \(outcome.reward) "
              + "terminated \(outcome.terminated) truncated \(outcome.truncated)")
        }
        if outcome.isDone {
          if i + 1 < list.count && !json {
            say("episode ended after \(i + 1) steps; \(list.count - i - 1) actions not applied")
          }
          break
        }
      }
    }
  }
}
