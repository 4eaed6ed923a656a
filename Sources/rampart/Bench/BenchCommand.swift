import ArgumentParser
import Engine
import Foundation
import Learning

/// `rampart bench NAME`: performance and learning-quality figures, medians of several runs.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Print benchmark figures (medians of several runs; one JSON line each with --json).")

  enum Name: String, ExpressibleByArgument, CaseIterable {
    case envSteps = "env-steps"
    case ppoCartpole = "ppo-cartpole"
    case qlearningFrozenlake = "qlearning-frozenlake"
    case monitorOverhead = "monitor-overhead"
    case consoleFrame = "console-frame"
    case policy
    case audit
    case detection
    case data
  }

  @Argument(help: "One of: \(Name.allCases.map(\.rawValue).joined(separator: ", ")).")
  var name: Name
  @Option(help: "Runs per figure (the median is reported; default 5, data 3).")
  var runs: Int?
  @Option(help: "Seeds for learning benchmarks, e.g. 0-9 or 0,3,5.")
  var seeds: String?
  @Option(help: "Training steps per run for learning benchmarks (default per benchmark).")
  var steps: Int?
  @Option(name: .customLong("hp"), help: "Hyper-parameter override NAME=VALUE (repeatable).")
  var hyperParameters: [String] = []
  @Option(help: "detection: attacked runs per attack kind.")
  var attacked = 40
  @Option(help: "detection: clean runs.")
  var clean = 100
  @Flag(help: "detection: only the detectors' cost on training throughput.")
  var costOnly = false
  @Option(help: "data: rows of the synthetic CSV.")
  var rows = 1_000_000
  @Flag(help: "One JSON object per line.")
  var json = false

  func validate() throws {
    if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
    if let steps, steps < 1 { throw ValidationError("--steps must be positive") }
    if attacked < 1 || clean < 1 {
      throw ValidationError("--attacked and --clean must be at least 1")
    }
    if !(1...100_000_000).contains(rows) { throw ValidationError("--rows must be 1 to 100000000") }
  }

  func seedList(default range: ClosedRange<UInt64>) throws -> [UInt64] {
    guard let seeds else { return Array(range) }
    if let dash = seeds.firstIndex(of: "-"), let lo = UInt64(seeds[..<dash]),
      let hi = UInt64(seeds[seeds.index(after: dash)...]), lo <= hi
    {
      return Array(lo...hi)
    }
    return try parseList(seeds, option: "--seeds") { UInt64($0) }
  }

  func run() throws {
    let out = BenchOutput(json: json)
    switch name {
    case .envSteps: EnvStepsBench(runs: runs ?? 5, out: out).run()
    case .ppoCartpole:
      try PPOCartPoleBench(
        seeds: seedList(default: 0...9), steps: steps ?? 100_000, overrides: hyperParameters,
        out: out
      ).run()
    case .qlearningFrozenlake:
      try QLearningBench(
        seeds: seedList(default: 0...4), steps: steps ?? 2_000_000, overrides: hyperParameters,
        out: out
      ).run()
    case .consoleFrame: try ConsoleFrameBench(runs: runs ?? 5, out: out).run()
    case .policy: try PolicyBench(runs: runs ?? 5, out: out).run()
    case .audit: try AuditBench(runs: runs ?? 5, out: out).run()
    case .data: try DataBench(runs: runs ?? 3, rows: rows, out: out).run()
    case .detection:
      try DetectionBench(attackedRuns: attacked, cleanRuns: clean, out: out).run(costOnly: costOnly)
    case .monitorOverhead:
      try MonitorOverheadBench(
        runs: runs ?? 5, steps: steps ?? 60_000, overrides: hyperParameters, out: out
      ).run()
    }
  }
}

/// Prints figures as text or JSON lines.
struct BenchOutput {
  let json: Bool

  func emit(_ line: JSONLine, text: String) {
    say(json ? line.text : text)
  }
}

func median(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return .nan }
  let s = values.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
