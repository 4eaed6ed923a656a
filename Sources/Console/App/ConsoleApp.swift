import Engine
import Foundation
import Governance
import Learning

/// The console: its state, what each key does, and the frame it draws from an engine snapshot.
///
/// Confined to the thread that runs the terminal. It never blocks the engine: it reads immutable
/// snapshots at frame time and sends commands, as `principal`, through the Engine API.
public final class ConsoleApp {
  public let engine: Engine
  public var principal: Principal
  public var context: RenderContext
  /// Where `:theme` looks (nil: only the built-in default).
  public var themes: ThemeLibrary?
  public var minimumSize = (width: 80, height: 24)
  /// Milliseconds between frames (shown in the status bar).
  public var refreshMs = 250
  /// A label for the session shown in the status bar (e.g. the demo scenario).
  public var sessionLabel: String?
  /// Principals `:as NAME` may switch to: set only by the process that created a demo
  /// workspace (an in-memory capability, never stored); nil everywhere else.
  public var impersonation: [String]?
  /// The latest line of a running scenario, shown in the status bar when there is no message.
  public var ticker: (() -> String?)?
  /// Returns the current time (injectable for tests).
  public var clock: () -> Date = Date.init
  /// Calendar for the status bar's clock (tests pin the time zone).
  public var calendar = Calendar.current

  public internal(set) var screen: ScreenID = .overview
  var selected: JobID?
  /// The job the selection is on.
  public var selectedJobID: JobID? { selected }

  /// Puts the selection on a job (as a click or `:job` does).
  public func select(_ id: JobID) { selected = id }
  var sort = (column: JobColumn.id, ascending: true)
  var filter = ""
  var mode: InputMode = .normal
  var message: StatusMessage?
  /// The most recent snapshot, for key handling between frames.
  var snapshot: EngineSnapshot?
  var vetoScroll = 0
  /// Governance figures and lists as last read (see `refreshGovernance`).
  public internal(set) var governance = GovernanceData()
  var governanceState = GovernanceState()
  let background = BackgroundWork()
  /// Raised by the engine's alert events (see `watchAlerts`).
  let alertSignal = AlertSignal()
  /// The event subscription and the principal it was made as.
  var alertWatch: (principal: String, subscription: EventSubscription)?

  public init(
    engine: Engine, principal: Principal, context: RenderContext = .init(),
    themes: ThemeLibrary? = nil
  ) {
    self.engine = engine
    self.principal = principal
    self.context = context
    self.themes = themes
  }

  /// The jobs as the table shows them: filtered and sorted.
  func visibleJobs(_ snapshot: EngineSnapshot) -> [JobSummary] {
    let needle = filter.lowercased()
    let jobs = snapshot.jobs.filter { j in
      needle.isEmpty
        || [
          j.name, j.owner.name, j.environment.rawValue, j.algorithm.rawValue, j.status.rawValue,
          j.id.rawValue,
        ]
        .contains { $0.lowercased().contains(needle) }
    }
    let column = sort.column
    let sorted = jobs.sorted {
      column.ordered($0, $1) || (!column.ordered($1, $0) && $0.id < $1.id)
    }
    return sort.ascending ? sorted : sorted.reversed()
  }

  /// Takes a snapshot as the current one and keeps the selection on a visible job.
  func adopt(_ s: EngineSnapshot) {
    snapshot = s
    let visible = visibleJobs(s)
    if selected == nil || !visible.contains(where: { $0.id == selected }) {
      selected = visible.first?.id
    }
  }

  var runningCount: Int {
    snapshot?.jobs.filter { !$0.status.isFinal }.count ?? 0
  }

  func say(_ text: String, _ tone: StatusMessage.Tone = .info) {
    message = StatusMessage(text: text, tone: tone, shownAt: clock())
  }

  // MARK: Keys

  /// Handles one key; the caller redraws after it.
  public func handle(_ key: Key) -> AppEffect {
    if key == .control("l") { return .redraw }
    if key == .resize { return .none }
    switch mode {
    case .normal: return handleNormal(key)
    case .prompt(var prompt): return handlePrompt(key, &prompt)
    case .help(let offset):
      switch key {
      case .escape, .character("q"), .character("?"), .function(1), .enter: mode = .normal
      case .down, .character("j"): mode = .help(offset: offset + 1)
      case .up, .character("k"): mode = .help(offset: max(0, offset - 1))
      // A page is 10 lines; the render clamps the offset to the overlay's last page.
      case .pageDown, .character(" "): mode = .help(offset: offset + 10)
      case .pageUp: mode = .help(offset: max(0, offset - 10))
      case .home, .character("g"): mode = .help(offset: 0)
      case .end, .character("G"): mode = .help(offset: 1_000_000)
      default: break
      }
      return .none
    case .form(var form): return handleForm(key, &form)
    case .confirm(let question):
      switch key {
      case .character("y"), .character("Y"):
        mode = .normal
        switch question {
        case .stop(let id, _): control(.stop, id)
        case .quit: return .quit
        }
      case .character("n"), .character("N"), .escape:
        mode = .normal
        say("cancelled")
      default: break
      }
      return .none
    }
  }

  private func handleNormal(_ key: Key) -> AppEffect {
    if screen == .alerts || screen == .incident, handleDetectionKey(key) { return .none }
    if screen.isGovernance, handleGovernanceKey(key) { return .none }
    switch key {
    case .character("q"):
      return requestQuit()
    case .character("?"), .function(1):
      mode = .help(offset: 0)
    case .character(":"):
      mode = .prompt(Prompt(kind: .command))
    case .character("/"):
      mode = .prompt(Prompt(kind: .filter, text: filter, cursor: filter.count))
    case .character("n"):
      mode = .form(JobForm())
    case .character(let c) where c.isNumber:
      if let n = c.wholeNumberValue, let target = ScreenID(rawValue: n) { switchTo(target) }
    case .escape:
      if screen != .overview {
        screen = .overview
      } else if !filter.isEmpty {
        filter = ""
        say("filter cleared")
      }
    case .enter:
      if screen == .overview, selected != nil { screen = .job }
    case .down, .character("j"): moveSelection(by: 1)
    case .up, .character("k"): moveSelection(by: -1)
    case .pageDown: moveSelection(by: 10)
    case .pageUp: moveSelection(by: -10)
    case .home, .character("g"): moveSelection(to: 0)
    case .end, .character("G"): moveSelection(to: Int.max)
    case .character("o") where !screen.isGovernance:
      let all = JobColumn.allCases
      sort.column = all[(sort.column.rawValue + 1) % all.count]
      say("sorted by \(sort.column.title)")
    case .character("O") where !screen.isGovernance:
      sort.ascending.toggle()
      say("sorted by \(sort.column.title) \(sort.ascending ? "ascending" : "descending")")
    case .character("p") where !screen.isGovernance:
      togglePause()
    case .character("s") where !screen.isGovernance:
      if let job = selectedSummary, !job.status.isFinal {
        mode = .confirm(.stop(job.id, name: job.name))
      } else {
        say("no running job selected", .warn)
      }
    case .mouse(let event):
      handleMouse(event)
    default:
      break
    }
    return .none
  }

  func requestQuit() -> AppEffect {
    let running = runningCount
    if running > 0 {
      mode = .confirm(.quit(running: running))
      return .none
    }
    return .quit
  }

  func switchTo(_ target: ScreenID) {
    if target == .job && selected == nil {
      say("no job to show: submit one with n", .warn)
      return
    }
    if target == .incident {
      guard let id = incidentToShow else {
        say("no incident to show: select an alert on the Alerts screen (6) and press Enter", .warn)
        return
      }
      openIncident(id)
      return
    }
    if target.isGovernance {
      governanceState.refused.remove(target)
      governanceState.dirty = true
    }
    screen = target
  }

  var selectedSummary: JobSummary? {
    snapshot?.jobs.first { $0.id == selected }
  }

  func moveSelection(by delta: Int) {
    guard let s = snapshot else { return }
    let visible = visibleJobs(s)
    guard !visible.isEmpty else { return }
    let current = visible.firstIndex { $0.id == selected } ?? 0
    selected = visible[min(max(current + delta, 0), visible.count - 1)].id
  }

  func moveSelection(to index: Int) {
    guard let s = snapshot else { return }
    let visible = visibleJobs(s)
    guard !visible.isEmpty else { return }
    selected = visible[min(max(index, 0), visible.count - 1)].id
  }

  private func togglePause() {
    guard let job = selectedSummary else {
      say("no job selected", .warn)
      return
    }
    control(job.status == .paused ? .resume : .pause, job.id)
  }

  /// Sends a control command through the Engine as the acting principal.
  func control(_ action: ControlJob.Action, _ id: JobID) {
    do {
      _ = try engine.perform(ControlJob(job: id, action: action), as: principal)
      let verb =
        ["pause": "pausing", "resume": "resumed", "stop": "stopping"][action.rawValue]
        ?? action.rawValue
      say("\(verb) job \(id.short)", .ok)
    } catch {
      say(error.description, .danger)
    }
  }

  private func handleMouse(_ event: MouseEvent) {
    switch event.kind {
    case .wheelUp:
      if screen.isGovernance { moveGovernanceSelection(by: -1) } else { moveSelection(by: -1) }
    case .wheelDown:
      if screen.isGovernance { moveGovernanceSelection(by: 1) } else { moveSelection(by: 1) }
    case .press:
      if let target = layout.tabAt(x: event.x, y: event.y) {
        switchTo(target)
      } else if screen == .overview, let row = layout.jobRow(atY: event.y, x: event.x) {
        moveSelection(to: row)
      }
    }
  }

  /// Hit-test geometry of the last frame.
  var layout = FrameLayout()

  // MARK: Prompt

  private func handlePrompt(_ key: Key, _ prompt: inout Prompt) -> AppEffect {
    switch key {
    case .escape:
      mode = .normal
      return .none
    case .enter:
      mode = .normal
      switch prompt.kind {
      case .filter:
        filter = prompt.text.trimmingCharacters(in: .whitespaces)
        say(filter.isEmpty ? "filter cleared" : "filter: \(filter)")
        return .none
      case .auditFilter:
        switch AuditQuery.parse(prompt.text) {
        case .success(let query): setAuditQuery(query)
        case .failure(let error): say(error.message, .warn)
        }
        return .none
      case .alertFilter:
        switch AlertFilter.parse(prompt.text) {
        case .success(let filter): setAlertFilter(filter)
        case .failure(let error): say(error.message, .warn)
        }
        return .none
      case .reason(let decision):
        decide(decision, reason: prompt.text)
        return .none
      case .incident(let action):
        perform(action, text: prompt.text)
        return .none
      case .command:
        return run(command: prompt.text)
      }
    case .backspace:
      if prompt.text.isEmpty {
        mode = .normal
        return .none
      }
      prompt.deleteBackward()
    case .left: prompt.cursor = max(0, prompt.cursor - 1)
    case .right: prompt.cursor = min(prompt.text.count, prompt.cursor + 1)
    case .home, .control("a"): prompt.cursor = 0
    case .end, .control("e"): prompt.cursor = prompt.text.count
    case .control("u"):
      prompt.text = ""
      prompt.cursor = 0
    case .character(let c): prompt.insert(c)
    default: break
    }
    if prompt.kind == .filter { filter = prompt.text }
    mode = .prompt(prompt)
    return .none
  }

  /// Runs a `:` command.
  public func run(command line: String) -> AppEffect {
    let words = line.split(separator: " ").map(String.init)
    guard let name = words.first?.lowercased() else { return .none }
    let argument = words.dropFirst().joined(separator: " ")
    switch name {
    case "q", "quit", "q!":
      return name == "q!" ? .quit : requestQuit()
    case "help", "h":
      mode = .help(offset: 0)
    case "theme":
      switchTheme(argument)
    case "pause", "resume", "stop":
      let action = ControlJob.Action(rawValue: name) ?? .stop
      if argument.isEmpty {
        guard let id = selected else {
          say("no job selected", .warn)
          return .none
        }
        control(action, id)
      } else {
        do {
          control(action, try engine.resolveJob(argument, as: principal))
        } catch {
          say(error.description, .danger)
        }
      }
    case "job", "open":
      do {
        selected = try engine.resolveJob(argument, as: principal)
        screen = .job
      } catch {
        say(error.description, .danger)
      }
    case "new":
      mode = .form(JobForm())
    case "as":
      guard let allowed = impersonation else {
        say(":as works only in a demo workspace; here you act as \(principal)", .warn)
        return .none
      }
      guard allowed.contains(argument) else {
        say("demo principals: \(allowed.joined(separator: ", "))", .warn)
        return .none
      }
      principal = Principal(argument)
      selected = nil
      resetGovernance()
      say("now acting as \(argument)", .ok)
    case "overview", "1":
      screen = .overview
    case "2":
      switchTo(.job)
    case "approvals", "3":
      switchTo(.approvals)
    case "registry", "models", "4":
      switchTo(.registry)
    case "data", "datasets", "8":
      switchTo(.data)
    case "audit", "5":
      switchTo(.audit)
      if !argument.isEmpty {
        switch AuditQuery.parse(argument) {
        case .success(let query): setAuditQuery(query)
        case .failure(let error): say(error.message, .warn)
        }
      }
    case "alerts", "6":
      switchTo(.alerts)
      if !argument.isEmpty {
        switch AlertFilter.parse(argument) {
        case .success(let filter): setAlertFilter(filter)
        case .failure(let error): say(error.message, .warn)
        }
      }
    case "incident", "7":
      if argument.isEmpty {
        switchTo(.incident)
      } else if let id = Int64(argument.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) {
        openIncident(id)
      } else {
        say("usage: :incident ID (a number)", .warn)
      }
    case "verify":
      verifyAudit()
      say("verifying the audit log…")
    case "filter":
      filter = argument
      say(filter.isEmpty ? "filter cleared" : "filter: \(filter)")
    case "sort":
      let parts = argument.lowercased().split(separator: " ")
      guard let first = parts.first,
        let column = JobColumn.allCases.first(where: { $0.commandName == first })
      else {
        say(
          "sort by one of: \(JobColumn.allCases.map(\.commandName).joined(separator: ", "))", .warn)
        return .none
      }
      sort = (column, parts.count < 2 || parts[1] != "desc")
      say("sorted by \(column.title) \(sort.ascending ? "ascending" : "descending")")
    default:
      say("unknown command :\(name) (? lists the commands)", .warn)
    }
    return .none
  }

  private func switchTheme(_ name: String) {
    guard let themes else {
      say("no theme folder found; only the built-in default is available", .warn)
      return
    }
    guard !name.isEmpty else {
      say("themes: \(themes.availableNames().joined(separator: ", "))")
      return
    }
    do {
      let theme = try themes.load(name)
      context.theme = context.theme.isMonochrome ? theme.monochrome : theme
      say("theme \(theme.name)\(context.theme.isMonochrome ? " (NO_COLOR: colours off)" : "")", .ok)
    } catch {
      say(error.description, .danger)
    }
  }

  // MARK: Form

  private func handleForm(_ key: Key, _ form: inout JobForm) -> AppEffect {
    switch key {
    case .escape:
      mode = .normal
      say("new job cancelled")
      return .none
    case .tab, .down: form.focus = (form.focus + 1) % JobForm.labels.count
    case .backTab, .up: form.focus = (form.focus + JobForm.labels.count - 1) % JobForm.labels.count
    case .left: form.cycle(-1)
    case .right, .character(" "): form.cycle(1)
    case .backspace: form.erase()
    case .character(let c): form.type(c)
    case .enter:
      switch form.spec() {
      case .failure(let error):
        form.error = error.message
      case .success(let spec):
        do {
          let id = try engine.perform(SubmitJob(spec: spec), as: principal)
          selected = id
          mode = .normal
          say("submitted \(spec.name) as job \(id.short)", .ok)
          return .none
        } catch {
          form.error = error.description
        }
      }
    default: break
    }
    mode = .form(form)
    return .none
  }
}

/// Where things were drawn in the last frame, for mouse hit tests.
struct FrameLayout {
  var tabs: [(range: Range<Int>, screen: ScreenID)] = []
  var tabRow = 0
  var tableRows: [(y: Int, index: Int)] = []
  var tableXRange = 0..<0

  func tabAt(x: Int, y: Int) -> ScreenID? {
    guard y == tabRow else { return nil }
    return tabs.first { $0.range.contains(x) }?.screen
  }

  func jobRow(atY y: Int, x: Int) -> Int? {
    guard tableXRange.contains(x) else { return nil }
    return tableRows.first { $0.y == y }?.index
  }
}
