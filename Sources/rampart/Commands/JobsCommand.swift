import ArgumentParser
import Engine
import Foundation
import Governance

/// Encodes a value as one line of JSON (sorted keys, ISO dates).
func jsonText<T: Encodable>(_ value: T) -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  encoder.dateEncodingStrategy = .iso8601
  encoder.nonConformingFloatEncodingStrategy = .convertToString(
    positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
}

/// `rampart jobs ...`: the workspace's jobs, from any process.
struct JobsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jobs", abstract: "List jobs and send commands to the running engine.",
    subcommands: [List.self, Show.self, Control.self, Commands.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The workspace's jobs, newest first.")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let g = try workspace.governance()
      let jobs = try attempt { try JobCatalog.list(g, as: Principal.currentUser()) }
      if jobs.isEmpty && !json { say("no jobs") }
      for j in jobs {
        say(
          json
            ? jsonText(j)
            : "\(j.id)  \(j.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(j.owner.padding(toLength: 10, withPad: " ", startingAt: 0)) \(j.status.padding(toLength: 10, withPad: " ", startingAt: 0)) \(j.steps) steps"
              + (j.evaluation.map { String(format: "  eval %.2f", $0.meanReturn) } ?? ""))
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One job in detail.")
    @Argument(help: "Job id or a unique suffix.") var id: String
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let g = try workspace.governance()
      let j = try attempt { try JobCatalog.show(g, id: id, as: Principal.currentUser()) }
      if json {
        say(jsonText(j))
        return
      }
      say(
        "\(j.id) \(j.name): \(j.status), owner \(j.owner), \(j.steps) steps, \(j.episodes) episodes"
      )
      if let s = j.spec {
        say(
          "  \(s.environment.rawValue) \(s.algorithm.rawValue), seed \(s.seed), budget \(s.steps), monitor \(s.monitor.mode.rawValue)"
        )
      }
      if let e = j.evaluation {
        say(
          String(
            format:
              "  evaluation: mean return %.3f over %d episodes, %d safety violations, %d vetoes",
            e.meanReturn, e.episodes, e.safetyViolations, e.vetoes))
      }
      if let error = j.error { say("  error: \(error)") }
    }
  }

  /// `rampart jobs stop|pause|resume ID`: queued for the engine, which executes it as you.
  struct Control: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "control",
      abstract:
        "Pause, resume or stop a live job: queued (audited) for the engine running the workspace.")
    @Argument(help: "pause, resume or stop.") var action: String
    @Argument(help: "Job id or a unique suffix.") var id: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      guard let act = ControlJob.Action(rawValue: action) else {
        throw UsageError("action must be pause, resume or stop")
      }
      let g = try workspace.governance()
      let command = try attempt {
        try CommandQueue.enqueue(act, job: id, as: Principal.currentUser(), governance: g)
      }
      say(
        "queued command \(command.id): \(act.rawValue) job \(command.job); the running engine executes it as \(command.principal)"
      )
    }
  }

  struct Commands: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "commands", abstract: "Queued commands and what became of them.")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let g = try workspace.governance()
      for c in try attempt({ try JobCatalog.commands(g, as: Principal.currentUser()) }) {
        say(
          json
            ? jsonText(c)
            : "\(c.id) \(c.kind) \(c.job) by \(c.principal): \(c.status)\(c.result.map { " (\($0))" } ?? "")"
        )
      }
    }
  }
}

/// `rampart quota`.
struct QuotaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quota", abstract: "Concurrency quotas (operations).",
    subcommands: [Set.self, Show.self])

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Set active-job limits (devops).")
    @Option(help: "A principal, or * for every principal's default.") var principal: String?
    @Flag(help: "The engine-wide total.") var total = false
    @Option(help: "Maximum active (queued, running or paused) jobs, 0-10000.") var maxJobs: Int
    @OptionGroup var workspace: WorkspaceOptions
    func validate() throws {
      guard (principal == nil) == total else {
        throw ValidationError("give --principal NAME or --total")
      }
      guard (0...10_000).contains(maxJobs) else {
        throw ValidationError("--max-jobs must be between 0 and 10000")
      }
    }
    func run() throws {
      let g = try workspace.governance()
      try attempt {
        try g.setQuota(principal: principal, maxJobs: maxJobs, by: Principal.currentUser().name)
      }
      say("quota \(principal.map { "for \($0)" } ?? "total") set to \(maxJobs) active jobs")
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Quotas in force (defaults: 8 per principal, 32 in total).")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let g = try workspace.governance()
      let q = try attempt { try JobCatalog.quotas(g, as: Principal.currentUser()) }
      if json {
        say(jsonText(q))
      } else {
        for (scope, n) in q.sorted(by: { $0.key < $1.key }) { say("\(scope): \(n)") }
        if q.isEmpty { say("defaults: 8 active jobs per principal, 32 in total") }
      }
    }
  }
}
