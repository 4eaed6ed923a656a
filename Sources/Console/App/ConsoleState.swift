import Engine
import Foundation
import Learning

/// The console's screens, numbered as their keys.
public enum ScreenID: Int, CaseIterable, Sendable {
  case overview = 1
  case job = 2
  case approvals = 3
  case registry = 4
  case audit = 5
  case alerts = 6
  case incident = 7
  case data = 8

  public var title: String {
    switch self {
    case .overview: "Overview"
    case .job: "Job"
    case .approvals: "Approvals"
    case .registry: "Registry"
    case .audit: "Audit"
    case .alerts: "Alerts"
    case .incident: "Incident"
    case .data: "Data"
    }
  }

  /// The name on a narrow terminal's tab bar.
  public var shortTitle: String {
    switch self {
    case .overview: "Over"
    case .job: "Job"
    case .approvals: "Appr"
    case .registry: "Reg"
    case .audit: "Audit"
    case .alerts: "Alerts"
    case .incident: "Inc"
    case .data: "Data"
    }
  }

  /// The screens that show governance data (read through the Engine's services).
  public var isGovernance: Bool {
    switch self {
    case .overview, .job: false
    case .approvals, .registry, .audit, .alerts, .incident, .data: true
    }
  }
}

/// What the run loop should do after a key.
public enum AppEffect: Sendable, Equatable {
  case none
  /// Repaint everything (Ctrl-L).
  case redraw
  case quit
}

/// A line of text typed at the bottom: a `:` command, a `/` filter (of the jobs, the audit log or
/// the alerts), the reason for a promotion decision or the text of an incident action.
struct Prompt: Equatable {
  enum Kind: Equatable {
    case command, filter, auditFilter, alertFilter
    case reason(ReasonPrompt)
    case incident(IncidentPrompt)
  }
  var kind: Kind
  var text = ""
  var cursor = 0

  mutating func insert(_ c: Character) {
    var chars = Array(text)
    chars.insert(c, at: cursor)
    text = String(chars)
    cursor += 1
  }

  /// What the prompt line starts with.
  var prefix: String {
    switch kind {
    case .command: ":"
    case .filter, .auditFilter, .alertFilter: "/"
    case .reason(let r): r.prefix
    case .incident(let i): i.prefix
    }
  }

  mutating func deleteBackward() {
    guard cursor > 0 else { return }
    var chars = Array(text)
    chars.remove(at: cursor - 1)
    text = String(chars)
    cursor -= 1
  }
}

/// A question waiting for y/n.
enum Confirmation: Equatable {
  case stop(JobID, name: String)
  case quit(running: Int)

  var question: String {
    switch self {
    case .stop(let id, let name): "Stop job \(name) (\(id.short))? y/n"
    case .quit(let n):
      "\(n) job\(n == 1 ? " is" : "s are") still running; quit and stop \(n == 1 ? "it" : "them")? y/n"
    }
  }
}

/// What the keyboard is talking to.
enum InputMode: Equatable {
  case normal
  case prompt(Prompt)
  case help(offset: Int)
  case form(JobForm)
  case confirm(Confirmation)
}

/// A message in the status line, faded after a few seconds.
struct StatusMessage: Equatable {
  enum Tone { case info, ok, warn, danger }
  var text: String
  var tone: Tone
  var shownAt: Date
}

/// Columns of the jobs table, which are also the sort keys.
public enum JobColumn: Int, CaseIterable, Sendable {
  case id, name, owner, environment, algorithm, status, step, recentReturn, loss, cpu, gpu, vetoes

  public var title: String {
    switch self {
    case .id: "ID"
    case .name: "NAME"
    case .owner: "OWNER"
    case .environment: "ENV"
    case .algorithm: "ALGO"
    case .status: "STATUS"
    case .step: "STEP"
    case .recentReturn: "RETURN"
    case .loss: "LOSS"
    case .cpu: "CPU%"
    case .gpu: "GPU"
    case .vetoes: "VETOES"
    }
  }

  /// Name accepted by `:sort`.
  public var commandName: String { title.lowercased().replacingOccurrences(of: "%", with: "") }

  func ordered(_ a: JobSummary, _ b: JobSummary) -> Bool {
    switch self {
    case .id: a.id < b.id
    case .name: a.name < b.name
    case .owner: a.owner.name < b.owner.name
    case .environment: a.environment.rawValue < b.environment.rawValue
    case .algorithm: a.algorithm.rawValue < b.algorithm.rawValue
    case .status: a.status.rawValue < b.status.rawValue
    case .step: a.step < b.step
    case .recentReturn: (a.recentReturn ?? -.infinity) < (b.recentReturn ?? -.infinity)
    case .loss: (a.policyLoss ?? -.infinity) < (b.policyLoss ?? -.infinity)
    case .cpu: a.cpuPercent < b.cpuPercent
    case .gpu: a.id < b.id
    case .vetoes: a.vetoes < b.vetoes
    }
  }
}

/// The new-job form's fields.
struct JobForm: Equatable {
  static let environments = EnvironmentID.allCases
  static let algorithms = AlgorithmID.allCases
  static let monitors = MonitorMode.allCases
  static let labels = ["Environment", "Algorithm", "Seed", "Steps", "Monitor"]

  var environment = 0
  var algorithm = 0
  var seed = "0"
  var steps = "200000"
  var monitor = 0
  var focus = 0
  var error: String?

  /// Left/right on a choice field.
  mutating func cycle(_ delta: Int) {
    func wrap(_ v: Int, _ n: Int) -> Int { ((v + delta) % n + n) % n }
    switch focus {
    case 0:
      environment = wrap(environment, Self.environments.count)
      steps = String(Self.defaultSteps(Self.environments[environment]))
      if !Self.environments[environment].isDiscrete { algorithm = 0 }
    case 1: algorithm = wrap(algorithm, Self.algorithms.count)
    case 4: monitor = wrap(monitor, Self.monitors.count)
    default: break
    }
  }

  mutating func type(_ c: Character) {
    guard c.isNumber else { return }
    if focus == 2 && seed.count < 19 { seed.append(c) }
    if focus == 3 && steps.count < 10 { steps.append(c) }
  }

  mutating func erase() {
    if focus == 2 && !seed.isEmpty { seed.removeLast() }
    if focus == 3 && !steps.isEmpty { steps.removeLast() }
  }

  static func defaultSteps(_ env: EnvironmentID) -> Int {
    switch env {
    case .cartpole: 200_000
    case .frozenlake, .frozenlake8x8: 2_000_000
    case .capacity: 500_000
    }
  }

  /// The spec the form describes, or the first problem in words.
  func spec() -> Result<JobSpec, FormError> {
    guard let s = UInt64(seed) else { return .failure(FormError("seed must be a whole number")) }
    guard let n = Int(steps), n > 0 else {
      return .failure(FormError("steps must be a positive number"))
    }
    let spec = JobSpec(
      environment: Self.environments[environment], algorithm: Self.algorithms[algorithm], seed: s,
      steps: n, monitor: Self.monitors[monitor])
    if let problem = spec.problem { return .failure(FormError(problem)) }
    return .success(spec)
  }

  var values: [String] {
    [
      Self.environments[environment].rawValue, Self.algorithms[algorithm].rawValue, seed, steps,
      Self.monitors[monitor].rawValue,
    ]
  }
}

struct FormError: Error, Equatable {
  var message: String
  init(_ message: String) { self.message = message }
}
