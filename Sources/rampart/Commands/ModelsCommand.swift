import ArgumentParser
import Engine
import Foundation
import Governance

/// Parses `--at` times: ISO 8601 or seconds since the epoch.
func parseTime(_ text: String) throws -> Date {
  if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
  let f = ISO8601DateFormatter()
  if let d = f.date(from: text) { return d }
  f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  if let d = f.date(from: text) { return d }
  throw UsageError(
    "cannot read the time \"\(text)\": use ISO 8601 (2026-11-22T10:00:00Z) or epoch seconds")
}

/// `rampart models ...`: the model registry.
struct ModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "The model registry: versions, provenance, aliases and their history.",
    subcommands: [
      List.self, Show.self, History.self, Rollback.self, Archive.self, Export.self, Verify.self,
    ])

  /// Runs `body` against the registry as the current user (authorised in the Engine module).
  static func read<T>(
    _ workspace: WorkspaceOptions, _ body: (RegistryService, Principal) throws -> T
  ) throws -> T {
    let service = RegistryService(governance: try workspace.governance())
    return try attempt { try body(service, Principal.currentUser()) }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Models, versions and aliases.")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let models = try ModelsCommand.read(workspace) { try $0.models(as: $1) }
      if models.isEmpty && !json { say("no models yet (a completed training job registers one)") }
      for m in models {
        say(
          json
            ? jsonText(m)
            : "\(m.name): \(m.versions) version\(m.versions == 1 ? "" : "s"), latest \(m.latest)"
              + m.aliases.sorted { $0.key < $1.key }.map { ", \($0.key) → \($0.value)" }.joined())
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "A model's versions with provenance.")
    @Argument var model: String
    @Argument var version: Int?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let versions = try ModelsCommand.read(workspace) { try $0.versions(of: model, as: $1) }
      let shown = versions.filter { version == nil || $0.version == version }
      if shown.isEmpty {
        throw CommandFailure(
          description: "no such model or version: \(model) \(version.map(String.init) ?? "")")
      }
      for v in shown {
        if json {
          say(jsonText(v))
          continue
        }
        let p = v.provenance
        say(
          "\(v.model) v\(v.version) [\(v.status)]\(v.aliases.isEmpty ? "" : " aliases: \(v.aliases.joined(separator: ", "))")"
        )
        say(
          "  sha256 \(v.artifactSHA256)  registered \(ISO8601DateFormatter().string(from: v.createdAt)) by \(v.createdBy)"
        )
        say(
          "  \(p.algorithm) on \(p.environmentVersion), seed \(p.seed), trained by \(p.trainer), job \(p.job)"
        )
        say(
          "  rampart \(p.rampartVersion) commit \(p.gitCommit.prefix(12)); dataset \(p.datasetID ?? "none")"
        )
        say(
          String(
            format:
              "  evaluation: mean return %.3f ± %.3f over %d episodes (monitor %@), %d safety violations",
            p.evaluation.meanReturn, p.evaluation.standardDeviation, p.evaluation.episodes,
            p.evaluation.monitor, p.evaluation.safetyViolations))
        say(
          "  monitor in training: \(p.monitor.mode), \(p.monitor.vetoes) vetoes of \(p.monitor.decisions) checks, \(p.monitor.violations) violations"
        )
      }
    }
  }

  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every alias move of a model; with --at, what each alias held then.")
    @Argument var model: String
    @Option(help: "A time (ISO 8601 or epoch seconds).") var at: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      if let at {
        let time = try parseTime(at)
        let holders = try ModelsCommand.read(workspace) {
          try $0.aliases(of: model, at: time, as: $1)
        }
        if json {
          say(jsonText(holders))
        } else {
          say("at \(ISO8601DateFormatter().string(from: time)):")
          for alias in ModelRegistry.aliases {
            say("  \(alias): \(holders[alias].map { "v\($0)" } ?? "unset")")
          }
        }
        return
      }
      let events = try ModelsCommand.read(workspace) { try $0.history(of: model, as: $1) }
      if events.isEmpty && !json { say("no alias of \(model) has moved yet") }
      for e in events {
        say(
          json
            ? jsonText(e)
            : "\(ISO8601DateFormatter().string(from: e.time))  \(e.alias) → \(e.version.map { "v\($0)" } ?? "unset") by \(e.principal)"
              + (e.request.map { " (request \($0))" } ?? "") + ": \(e.reason)")
      }
    }
  }

  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move an alias back to its previous version (mlops).")
    @Argument var model: String
    @Option(help: "staging or production.") var alias = "production"
    @Option(help: "Why.") var reason: String
    @OptionGroup var workspace: WorkspaceOptions
    func validate() throws {
      guard ModelRegistry.aliases.contains(alias) else {
        throw ValidationError("--alias must be staging or production, not \(alias)")
      }
    }
    func run() throws {
      let g = try workspace.governance()
      let version = try attempt {
        try PromotionService(governance: g).rollback(
          model: model, alias: alias, reason: reason, as: Principal.currentUser())
      }
      say("\(alias) of \(model) rolled back to v\(version)")
    }
  }

  struct Archive: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark a version archived (mlops).")
    @Argument var model: String
    @Argument var version: Int
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      try ModelsCommand.read(workspace) { try $0.archive(model, version, as: $1) }
      say("\(model) v\(version) archived")
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a version's decrypted, verified weights (model.export; audited).")
    @Argument var model: String
    @Argument var version: Int
    @Option(help: "Output safetensors file.") var out: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let bytes = try ModelsCommand.read(workspace) { try $0.export(model, version, as: $1) }
      try bytes.write(to: URL(fileURLWithPath: out))
      say("wrote \(out) (\(bytes.count) bytes; hash and signature verified)")
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check every version's artifact: decryption, hash and signature.")
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let results = try ModelsCommand.read(workspace) { try $0.verifyArtifacts(as: $1) }
      var bad = 0
      for r in results {
        if let problem = r.problem {
          bad += 1
          say("\(r.model) v\(r.version): \(problem)")
        } else {
          say("\(r.model) v\(r.version): verified")
        }
      }
      if bad > 0 {
        throw CommandFailure(
          description: "\(bad) artifact\(bad == 1 ? "" : "s") failed verification")
      }
    }
  }
}

/// `rampart promote ...`: the approval queue.
struct PromoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promote",
    abstract: "Promotion requests and their approval (separation of duties).",
    subcommands: [Request.self, Approve.self, Reject.self, List.self, Show.self])

  struct Request: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask for a version to take an alias.")
    @Argument var model: String
    @Argument var version: Int
    @Option(help: "staging or production.") var to: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    // Usage errors exit 2 here; the Engine holds the same rule for every caller.
    func validate() throws {
      guard ModelRegistry.aliases.contains(to) else {
        throw ValidationError("--to must be staging or production, not \(to)")
      }
    }
    func run() throws {
      let g = try workspace.governance()
      let r = try attempt {
        try PromotionService(governance: g).request(
          model: model, version: version, alias: to, reason: reason, as: Principal.currentUser())
      }
      if json { return say(jsonText(r)) }
      say(
        "request \(r.id): \(r.model) v\(r.version) → \(r.alias), waiting for another principal with promotion.approve"
      )
    }
  }

  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Approve a request: re-evaluates the candidate (monitor on and off) and checks its artifact and the policy's gates first."
    )
    @Argument var id: Int64
    @Option(help: "Why.") var reason: String
    @Option(help: "Episodes per re-evaluation, 1-100000 (default per environment).")
    var episodes: Int?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func validate() throws {
      if let episodes, !(1...100_000).contains(episodes) {
        throw ValidationError("--episodes must be 1 to 100000, not \(episodes)")
      }
    }
    func run() throws {
      let g = try workspace.governance()
      let service = PromotionService(governance: g, evaluationEpisodes: episodes)
      let r = try attempt { try service.approve(id, reason: reason, as: Principal.currentUser()) }
      if json { return say(jsonText(r)) }
      say("approved request \(r.id): \(r.alias) of \(r.model) → v\(r.version)")
      if let review = r.review { say(ReviewText.lines(review).joined(separator: "\n")) }
    }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reject a request.")
    @Argument var id: Int64
    @Option(help: "Why.") var reason: String
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let g = try workspace.governance()
      let r = try attempt {
        try PromotionService(governance: g).reject(id, reason: reason, as: Principal.currentUser())
      }
      if json { return say(jsonText(r)) }
      say("rejected request \(r.id) (\(r.model) v\(r.version) → \(r.alias))")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Promotion requests, newest first.")
    @Option(help: "pending, approved or rejected.") var status: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let g = try workspace.governance()
      let filter = try status.map { s -> PromotionRequest.Status in
        guard let v = PromotionRequest.Status(rawValue: s) else {
          throw UsageError("--status must be pending, approved or rejected")
        }
        return v
      }
      let requests = try attempt {
        try PromotionService(governance: g).requests(status: filter, as: Principal.currentUser())
      }
      if requests.isEmpty && !json { say("no promotion requests") }
      for r in requests {
        say(
          json
            ? jsonText(r)
            : "\(r.id) \(r.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(r.model) v\(r.version) → \(r.alias) by \(r.requester): \(r.reason)"
              + (r.decidedBy.map { " — \($0): \(r.decisionReason ?? "")" } ?? ""))
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A request with a fresh review (re-evaluation, integrity, gates).")
    @Argument var id: Int64
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let g = try workspace.governance()
      let service = PromotionService(governance: g)
      let principal = Principal.currentUser()
      let requests = try attempt { try service.requests(as: principal) }
      guard let r = requests.first(where: { $0.id == id }) else {
        throw CommandFailure(description: "no promotion request \(id)")
      }
      let review =
        r.status == .pending ? try attempt { try service.review(id, as: principal) } : r.review
      if json {
        say(jsonText(PromotionShow(request: r, review: review)))
        return
      }
      say(
        "request \(r.id) [\(r.status.rawValue)]: \(r.model) v\(r.version) → \(r.alias), requested by \(r.requester): \(r.reason)"
      )
      if let review { say(ReviewText.lines(review).joined(separator: "\n")) }
    }
  }
}

struct PromotionShow: Encodable {
  var request: PromotionRequest
  var review: PromotionReview?
}

/// A review in words, for the CLI and the console.
enum ReviewText {
  static func lines(_ r: PromotionReview) -> [String] {
    func figures(_ f: EvaluationFigures?) -> String {
      // Never evaluated (no holder, or an artifact that failed its check).
      guard let f, f.episodes > 0 else { return "n/a" }
      return String(
        format: "%.2f ± %.2f (%d eps, %d violations, %d vetoes)", f.meanReturn, f.standardDeviation,
        f.episodes, f.safetyViolations, f.vetoes)
    }
    var out = [
      "  integrity: \(r.integrity)",
      "  candidate, monitor on:  \(figures(r.candidateMonitored))",
      "  candidate, monitor off: \(figures(r.candidateUnmonitored))",
    ]
    if let v = r.currentVersion {
      out.append("  current v\(v), monitor on:  \(figures(r.currentMonitored))")
      out.append("  current v\(v), monitor off: \(figures(r.currentUnmonitored))")
    } else {
      out.append("  the alias holds no version yet")
    }
    if let d = r.gateDecision { out.append("  gates: \(d.message)") }
    return out
  }
}
