import ArgumentParser
import Engine
import Foundation
import Learning

/// `rampart train`: one headless training job through the Engine, then a final evaluation.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an agent headless, then evaluate it deterministically on held-out seeds.")

  @Option(help: "Environment: \(EnvironmentID.allCases.map(\.rawValue).joined(separator: ", ")).")
  var env: EnvironmentID
  @Option(help: "Algorithm: ppo or q-learning.")
  var algo: AlgorithmID
  @Option(help: "Random seed (same seed, same metrics).")
  var seed: UInt64 = 0
  @Option(help: "Environment steps to train.")
  var steps: Int
  @Option(help: "Runtime-assurance monitor: enforce, observe or off.")
  var monitor: MonitorMode = .enforce
  @Option(help: "Episodes in the final evaluation (default per environment).")
  var evalEpisodes: Int?
  @Option(help: "Write the trained policy to this safetensors file.")
  var save: String?
  @Option(help: "Demand trace CSV for the capacity environment (hour,svc1,svc2,svc3).")
  var trace: String?
  @Option(name: .customLong("hp"), help: "Hyper-parameter override NAME=VALUE (repeatable).")
  var hyperParameters: [String] = []
  @Flag(help: "Print one JSON object per line.")
  var json = false
  @OptionGroup var workspace: WorkspaceOptions

  func validate() throws {
    if steps < 1 { throw ValidationError("--steps must be positive (got \(steps))") }
    if let e = evalEpisodes, e < 1 { throw ValidationError("--eval-episodes must be positive") }
    // Checked before training, so a long run is not lost to a path that cannot be written.
    if let save {
      let folder = URL(fileURLWithPath: save).deletingLastPathComponent().path
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: save, isDirectory: &isFolder), isFolder.boolValue {
        throw ValidationError("--save \(save) is a folder; give a file name")
      }
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
        isFolder.boolValue
      else { throw ValidationError("--save: the folder \(folder) does not exist") }
      guard FileManager.default.isWritableFile(atPath: folder) else {
        throw ValidationError("--save: the folder \(folder) is not writable")
      }
    }
  }

  func makeSpec() throws -> JobSpec {
    var spec = JobSpec(
      environment: env, algorithm: algo, seed: seed, steps: steps, monitor: monitor)
    spec.evaluationEpisodes = evalEpisodes
    try HyperParameterOverrides.apply(hyperParameters, to: &spec)
    if let trace {
      guard env == .capacity else { throw UsageError("--trace only applies to --env capacity") }
      guard let data = FileManager.default.contents(atPath: trace) else {
        throw UsageError("cannot read \(trace)")
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw UsageError("\(trace): not UTF-8 text")
      }
      do {
        spec.demandTrace = try DemandTrace.parseCSV(text, source: trace)
      } catch {
        throw UsageError(error.description)
      }
    }
    if let problem = spec.problem { throw UsageError(problem) }
    return spec
  }

  func run() throws {
    let spec = try makeSpec()
    let engine = try workspace.engine()
    let principal = Principal.currentUser()
    let printer = ProgressPrinter(json: json)
    let subscription = try attempt { try engine.subscribe(as: principal) { printer.handle($0) } }
    let id: JobID
    do {
      id = try engine.submit(spec, as: principal)
    } catch {
      if case .invalidSpec = error { throw UsageError(error.description) }
      throw CommandFailure(description: error.description)
    }
    if !json {
      say(
        "training \(spec.environment.rawValue) with \(spec.algorithm.rawValue), seed \(spec.seed), "
          + "\(spec.steps) steps, monitor \(spec.monitor.mode.rawValue) (job \(id), as \(principal))"
      )
    }
    let status = try attempt { try engine.wait(for: id, as: principal) }
    subscription.cancel()
    let detail = try attempt { try engine.detail(id, as: principal) }
    guard status == .completed, let evaluation = detail.evaluation else {
      throw CommandFailure(
        description:
          "job \(id.short) \(status.rawValue): \(detail.summary.error ?? "no evaluation")")
    }
    var saved: String?
    if let path = save {
      let file = try attempt { try engine.exportPolicy(id, as: principal) }
      do {
        try Data(file.encoded()).write(to: URL(fileURLWithPath: path))
      } catch {
        throw CommandFailure(description: "cannot write \(path): \(error.localizedDescription)")
      }
      saved = path
    }
    let report = FinalReport(detail: detail, evaluation: evaluation, saved: saved)
    say(json ? report.jsonLine.text : report.text)
  }
}

/// Prints progress events, at most about once a second.
final class ProgressPrinter: @unchecked Sendable {
  // Only touched from the engine's serial event queue.
  private let json: Bool
  private var lastPrint = -1.0

  init(json: Bool) { self.json = json }

  func handle(_ event: EngineEvent) {
    switch event.kind {
    case .progress(let p):
      let now = CPUClock.monotonic()
      guard now - lastPrint >= 1 || p.step >= p.budget else { return }
      lastPrint = now
      if json {
        let line = JSONLine([
          "event": "progress", "step": .int(p.step), "budget": .int(p.budget),
          "episodes": .int(p.episodes), "mean_return": .number(p.meanReturn),
          "policy_loss": .number(p.policyLoss), "value_loss": .number(p.valueLoss),
          "entropy": .number(p.entropy), "steps_per_s": .double(p.stepsPerSecond),
          "vetoes": .int(p.safety.vetoes), "flagged": .int(p.safety.flagged),
          "safety_violations": .int(p.safety.violations), "cpu_percent": .double(p.cpuPercent),
          "seconds": .double(p.trainingSeconds), "success_rate": .number(p.successRate),
        ])
        say(line.text)
      } else {
        var text = "  step \(pad(p.step, 9))/\(p.budget)  episodes \(pad(p.episodes, 6))"
        text += "  return \(p.meanReturn.map { format($0, 2) } ?? "n/a")"
        if let loss = p.policyLoss { text += "  pi-loss \(format(loss, 4))" }
        if p.safety.decisions > 0 {
          text += "  vetoes \(p.safety.vetoes) flagged \(p.safety.flagged)"
        }
        text += "  \(format(p.stepsPerSecond / 1000, 1))k steps/s"
        say(text)
      }
    case .targetReached(_, let t) where !json:
      say("  target reached at step \(t.steps) after \(format(t.seconds, 2)) s of training")
    default:
      break
    }
  }
}

func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
func pad(_ value: Int, _ width: Int) -> String {
  let s = String(value)
  return String(repeating: " ", count: max(0, width - s.count)) + s
}
