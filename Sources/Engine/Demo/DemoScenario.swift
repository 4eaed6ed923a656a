import DataPipeline
import Detection
import Foundation
import Governance
import Storage

/// A scripted session on a live engine (a file under `demo/`): jobs submitted at given times and
/// later actions on them. Later features add their own entries (attacks, promotion requests).
public struct DemoScenario: Sendable, Hashable {
  public enum Action: Sendable, Hashable {
    /// Submit a job; `label` names it for later entries.
    case submit(label: String, spec: JobSpec)
    /// Pause, resume or stop a job submitted earlier.
    case control(label: String, action: ControlJob.Action)
    /// A line for the transcript and the console's status bar.
    case note(String)
    /// Once the labelled job has completed and registered its candidate, ask for that version
    /// to take `alias` (it then waits in the approval queue for another principal).
    case requestPromotion(label: String, alias: String, reason: String)
    /// Start an attack drill on a job submitted earlier (as a principal holding drill.run).
    case drill(label: String, plan: DrillPlan)
    /// Ingest `file` into the dataset's landing zone (when given), then process the newest
    /// landing version with the transform file into the processing zone.
    case dataset(name: String, file: String?, classification: Classification, transform: String)
    /// The data-poisoning drill on a dataset's landing zone.
    case poisonData(dataset: String, rate: Double, seed: UInt64)
    /// The insider drill: a drill principal tries actions its roles forbid.
    case insider(principal: String, attempts: Int)
  }

  public struct Entry: Sendable, Hashable {
    /// Seconds after the scenario starts.
    public var at: Double
    /// Line in the scenario file (for messages).
    public var line: Int
    public var action: Action
    /// Who performs it (nil: the demo's acting principal).
    public var principal: Principal?

    public init(at: Double, line: Int, action: Action, principal: Principal? = nil) {
      self.at = at
      self.line = line
      self.action = action
      self.principal = principal
    }
  }

  public var name: String
  public var summary: String
  /// Where it was read from.
  public var source: String
  public var entries: [Entry]

  public init(name: String, summary: String, source: String, entries: [Entry]) {
    self.name = name
    self.summary = summary
    self.source = source
    self.entries = entries.sorted { $0.at < $1.at || ($0.at == $1.at && $0.line < $1.line) }
  }
}

/// Plays a scenario against an engine on a timer queue of its own; never blocks the caller.
public final class ScenarioRunner: Sendable {
  public let scenario: DemoScenario
  private let engine: Engine
  private let principal: Principal
  private let queue = DispatchQueue(label: "rampart.demo")
  private let state = Locked(State())

  private struct State {
    var jobs: [String: JobID] = [:]
    var log: [String] = []
    var loggedAt: Double?
    var started: Double?
    var cancelled = false
  }

  public init(scenario: DemoScenario, engine: Engine, principal: Principal) {
    self.scenario = scenario
    self.engine = engine
    self.principal = principal
  }

  /// Starts the clock and schedules every entry.
  public func start() {
    let start = CPUClock.monotonic()
    state.withLock { $0.started = start }
    for entry in scenario.entries {
      queue.asyncAfter(deadline: .now() + max(entry.at, 0)) { [self] in perform(entry) }
    }
  }

  /// Stops scheduling further entries.
  public func cancel() { state.withLock { $0.cancelled = true } }

  /// Jobs the scenario submitted, by label.
  public var jobs: [String: JobID] { state.withLock { $0.jobs } }

  /// What the runner did, oldest first.
  public var log: [String] { state.withLock { $0.log } }

  /// The newest line if it was written within `seconds` (the console's ticker: a tour line
  /// shows while it is news, then gives the status bar back).
  public func latest(within seconds: Double) -> String? {
    state.withLock { s in
      guard let at = s.loggedAt, CPUClock.monotonic() - at <= seconds else { return nil }
      return s.log.last
    }
  }

  /// Runs every entry due at or before `seconds` synchronously (for tests; a promotion entry
  /// waits for its job).
  public func runEntries(through seconds: Double) {
    for entry in scenario.entries where entry.at <= seconds { perform(entry, synchronous: true) }
  }

  private func perform(_ entry: DemoScenario.Entry, synchronous: Bool = false) {
    guard !state.withLock({ $0.cancelled }) else { return }
    let actor = entry.principal ?? principal
    let line: String
    switch entry.action {
    case .submit(let label, let spec):
      do {
        let id = try engine.submit(spec, as: actor)
        state.withLock { $0.jobs[label] = id }
        line =
          "submitted \(label) (\(spec.environment.rawValue) \(spec.algorithm.rawValue), seed \(spec.seed), monitor \(spec.monitor.mode.rawValue)\(spec.dataset.map { ", dataset \($0.label)" } ?? "")) as \(actor): job \(id.short)"
      } catch {
        line = "\(scenario.source):\(entry.line): submit \(label) refused: \(error.description)"
      }
    case .control(let label, let action):
      if let id = state.withLock({ $0.jobs[label] }) {
        do {
          _ = try engine.perform(ControlJob(job: id, action: action), as: actor)
          line = "\(action.rawValue) \(label) (job \(id.short)) as \(actor)"
        } catch {
          line =
            "\(scenario.source):\(entry.line): \(action.rawValue) \(label) refused: \(error.description)"
        }
      } else {
        line = "\(scenario.source):\(entry.line): no job labelled \(label) was submitted"
      }
    case .note(let text):
      line = text
    case .drill(let label, let plan):
      if let id = state.withLock({ $0.jobs[label] }) {
        do {
          try engine.startDrill(plan, job: id, as: actor)
          line =
            "drill \(plan.kind.rawValue) on \(label) (job \(id.short)) from step \(plan.start), rate \(plan.rate), as \(actor)"
        } catch {
          line = "\(scenario.source):\(entry.line): drill on \(label) refused: \(error.description)"
        }
      } else {
        line = "\(scenario.source):\(entry.line): no job labelled \(label) was submitted"
      }
    case .dataset(let name, let file, let classification, let transform):
      line = runDataset(
        name, file: file, classification: classification, transform: transform, as: actor, entry)
    case .insider(let insider, let attempts):
      do {
        let refusals = try DetectionService(governance: engine.governance).insiderDrill(
          insider, attempts: attempts, as: actor)
        line =
          "insider drill as \(actor): \(insider) tried \(refusals.count) forbidden actions, all refused"
      } catch {
        line = "\(scenario.source):\(entry.line): insider drill refused: \(error.description)"
      }
    case .poisonData(let dataset, let rate, let seed):
      do {
        let v = try dataService.poison(dataset, rate: rate, seed: seed, as: actor)
        line = "data-poison drill on \(dataset) as \(actor): \(v.label), \(v.rows) rows"
      } catch {
        line =
          "\(scenario.source):\(entry.line): data-poison drill on \(dataset) refused: \(error.description)"
      }
    case .requestPromotion(let label, let alias, let reason):
      guard let id = state.withLock({ $0.jobs[label] }) else {
        line = "\(scenario.source):\(entry.line): no job labelled \(label) was submitted"
        break
      }
      let status: JobStatus
      do {
        status =
          synchronous
          ? try engine.wait(for: id, timeout: 600, as: actor)
          : try engine.detail(id, as: actor).summary.status
      } catch {
        line =
          "\(scenario.source):\(entry.line): promotion of \(label) refused: \(error.description)"
        break
      }
      if !status.isFinal {
        // Not finished yet: look again in a second.
        queue.asyncAfter(deadline: .now() + 1) { [self] in perform(entry) }
        return
      }
      line = requestPromotion(of: id, label: label, alias: alias, reason: reason, as: actor, entry)
    }
    let started = state.withLock { $0.started } ?? CPUClock.monotonic()
    let stamped = String(format: "[%6.1fs] ", CPUClock.monotonic() - started) + line
    state.withLock {
      $0.log.append(stamped)
      $0.loggedAt = CPUClock.monotonic()
    }
  }

  private var dataService: DataService {
    DataService(governance: engine.governance, detection: engine.configuration.detection)
  }

  private func runDataset(
    _ name: String, file: String?, classification: Classification, transform: String,
    as actor: Principal, _ entry: DemoScenario.Entry
  ) -> String {
    let prefix = "\(scenario.source):\(entry.line): dataset \(name)"
    do {
      var parts: [String] = []
      if let file {
        let v = try dataService.ingest(
          path: file, dataset: name, classification: classification, as: actor)
        let (_, findings) = try dataService.scan(name, version: v.version, as: actor)
        parts.append("ingested \(v.label) (\(v.rows) rows, \(findings.count) PII findings)")
      }
      let document: TransformDocument
      do { document = try TransformDocument.load(path: transform) } catch {
        return "\(prefix): \("\(error)")"
      }
      let result = try dataService.process(name, transform: document, as: actor)
      parts.append(
        "published \(result.version.label) (k-anonymity \(result.version.kAnonymity.map(String.init) ?? "n/a"))"
      )
      if let alert = result.alert { parts.append("ALERT \(alert.detector): \(alert.summary)") }
      return "dataset \(name) as \(actor): " + parts.joined(separator: "; ")
    } catch {
      return "\(prefix) refused: \(error.description)"
    }
  }

  /// Files the promotion request for the candidate `job` registered.
  private func requestPromotion(
    of job: JobID, label: String, alias: String, reason: String, as actor: Principal,
    _ entry: DemoScenario.Entry
  ) -> String {
    let prefix = "\(scenario.source):\(entry.line): promotion of \(label)"
    do {
      let registry = RegistryService(governance: engine.governance)
      var candidate: ModelVersion?
      for m in try registry.models(as: actor) {
        candidate = try registry.versions(of: m.name, as: actor).first { $0.job == job.rawValue }
        if candidate != nil { break }
      }
      guard let candidate else {
        return "\(prefix): job \(job.short) registered no model version (did it complete?)"
      }
      let request = try PromotionService(governance: engine.governance).request(
        model: candidate.model, version: candidate.version, alias: alias, reason: reason, as: actor)
      return
        "promotion request \(request.id) by \(actor): \(candidate.model) v\(candidate.version) → \(alias), waiting for an approver (mlops)"
    } catch {
      return "\(prefix) refused: \(error.description)"
    }
  }
}
