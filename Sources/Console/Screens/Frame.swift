import Engine
import Foundation

/// What one frame shows: the engine snapshot, the selected job's detail and the governance data
/// (audit log, promotion requests, registry) as last read.
public struct FrameData: Sendable {
  public var snapshot: EngineSnapshot
  public var detail: JobDetail?
  public var governance: GovernanceData

  public init(
    snapshot: EngineSnapshot, detail: JobDetail?, governance: GovernanceData = GovernanceData()
  ) {
    self.snapshot = snapshot
    self.detail = detail
    self.governance = governance
  }
}

extension ConsoleApp {
  /// Renders the whole screen from a fresh engine snapshot (the run loop calls this each frame).
  public func frame(width: Int, height: Int) -> Grid {
    let snapshot: EngineSnapshot
    do {
      snapshot = try engine.snapshot(as: principal)
    } catch {
      // The acting principal may not read the dashboard: say so instead of showing data.
      return refusal(error.description, width: width, height: height)
    }
    adopt(snapshot)
    let detail = selected.flatMap { try? engine.detail($0, as: principal) }
    watchAlerts()
    refreshGovernanceIfDue()
    return render(
      FrameData(snapshot: snapshot, detail: detail, governance: governance), width: width,
      height: height)
  }

  /// A screen that only says why nothing is shown (and keeps `q`, `?` and `:` working).
  func refusal(_ message: String, width: Int, height: Int) -> Grid {
    var grid = Grid(width: width, height: height, fill: Cell(" ", style: context.theme.text))
    let lines = ["as \(principal): \(message)", ": as NAME switches principal in a demo; q quits"]
    for (i, line) in lines.enumerated() {
      grid.write(
        line, x: 2, y: height / 2 - 1 + i,
        style: i == 0 ? context.theme.danger : context.theme.muted, maxWidth: width - 4)
    }
    if case .prompt(let prompt) = mode {
      PromptLine(prefix: ":", text: prompt.text, cursor: prompt.cursor).render(
        into: &grid, area: Rect(x: 0, y: height - 1, width: width, height: 1), context: context)
    }
    return grid
  }

  /// Renders the screen from given data, without touching the engine (screen tests use this).
  public func render(_ data: FrameData, width: Int, height: Int) -> Grid {
    adopt(data.snapshot)
    let theme = context.theme
    var grid = Grid(width: width, height: height, fill: Cell(" ", style: theme.text))
    guard width >= minimumSize.width, height >= minimumSize.height else {
      TooSmallScreen(width: width, height: height, minimum: minimumSize).render(
        into: &grid, context: context)
      layout = FrameLayout()
      return grid
    }
    let snapshot = data.snapshot
    let detail = data.detail?.summary.id == selected ? data.detail : nil
    let (top, rest) = grid.bounds.splitTop(1)
    let (body, bottom) = rest.splitBottom(2)
    let (hints, status) = bottom.splitTop(1)
    if screen == .job && detail == nil { screen = .overview }
    renderTabs(into: &grid, area: top, governance: data.governance)
    let now = clock()
    switch screen {
    case .overview:
      let rows = OverviewScreen(
        app: self, snapshot: snapshot, detail: detail, detection: data.governance.detection
      ).render(into: &grid, area: body)
      layout.tableRows = rows.rows
      layout.tableXRange = rows.x
    case .job:
      if let detail {
        JobScreen(detail: detail, now: clock(), context: context, vetoScroll: vetoScroll).render(
          into: &grid, area: body)
      }
      layout.tableRows = []
    case .approvals:
      ApprovalsScreen(
        data: data.governance, selected: governanceState.requestSelected, principal: principal,
        now: now, calendar: calendar, context: context
      ).render(into: &grid, area: body)
      layout.tableRows = []
    case .data:
      DataScreen(
        data: data.governance, selected: governanceState.datasetSelected,
        versionSelected: governanceState.datasetVersionSelected, calendar: calendar,
        context: context
      ).render(into: &grid, area: body)
      layout.tableRows = []
    case .registry:
      RegistryScreen(
        data: data.governance, selected: governanceState.modelSelected,
        historyScroll: governanceState.historyScroll, calendar: calendar, context: context
      ).render(into: &grid, area: body)
      layout.tableRows = []
    case .audit:
      AuditScreen(
        data: data.governance, selected: governanceState.auditSelected,
        query: governanceState.auditQuery, principal: principal, calendar: calendar,
        context: context
      ).render(into: &grid, area: body)
      layout.tableRows = []
    case .alerts:
      AlertsScreen(
        data: data.governance.detection, selected: governanceState.alertSelected,
        filter: governanceState.alertFilter, calendar: calendar, context: context
      ).render(into: &grid, area: body)
      layout.tableRows = []
    case .incident:
      IncidentScreen(
        data: data.governance.detection, selectedAlert: governanceState.incidentAlertSelected,
        timelineScroll: governanceState.timelineScroll, calendar: calendar, context: context
      ).render(into: &grid, area: body)
      layout.tableRows = []
    }
    renderHints(into: &grid, area: hints)
    renderStatus(into: &grid, area: status, snapshot: snapshot)
    renderOverlays(into: &grid, body: body, status: status)
    if context.glyphs == .ascii { Self.asciify(&grid) }
    return grid
  }

  /// Replaces what screens wrote outside ASCII (separators, arrows, Greek letters) for a terminal
  /// without a UTF-8 locale; the widgets already draw ASCII themselves.
  static func asciify(_ grid: inout Grid) {
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let cell = grid[x, y]
        guard !cell.scalar.isASCII else { continue }
        let replacement = Glyphs.asciiFallback(for: cell.scalar)
        grid.set(x, y, replacement, cell.style)
      }
    }
  }

  private func renderTabs(into grid: inout Grid, area: Rect, governance: GovernanceData) {
    // Below 120 columns the other tabs go by short names, leaving room for the header's figures.
    let titles = ScreenID.allCases.map {
      area.width >= 120 || $0 == screen ? $0.title : $0.shortTitle
    }
    let bar = TabBar(titles: titles, active: screen.rawValue - 1)
    bar.render(into: &grid, area: area, context: context)
    layout.tabRow = area.y
    layout.tabs = ScreenID.allCases.compactMap { id in
      var xs: [Int] = []
      for x in area.x..<area.maxX where bar.tab(atX: x, area: area) == id.rawValue - 1 {
        xs.append(x)
      }
      guard let first = xs.first, let last = xs.last else { return nil }
      return (first..<(last + 1), id)
    }
    let tabsEnd = layout.tabs.last.map { $0.range.upperBound } ?? area.x
    let label = "rampart" + (sessionLabel.map { " · \($0)" } ?? "")
    let labelX = area.maxX - 1 - label.unicodeScalars.count
    let labelFits = labelX > area.x + 30 && labelX >= tabsEnd + 2
    // Alert counts, pending approvals and the audit log's state: the long form, a short one,
    // the alert counts alone, or nothing; beside the label when there is room, else without it.
    var alertsOnly = governance
    alertsOnly.pendingApprovals = nil
    alertsOnly.auditEntries = nil
    alertsOnly.verification = nil
    let candidates = [
      governanceSummary(governance, short: false), governanceSummary(governance, short: true),
      governanceSummary(alertsOnly, short: true),
    ].filter { !$0.isEmpty }
    func fitting(right: Int) -> [Span]? {
      candidates.first { spans in
        right - spans.reduce(0) { $0 + Text.width($1.text) } >= tabsEnd + 1
      }
    }
    var summary: (spans: [Span], right: Int)?
    if labelFits, let spans = fitting(right: labelX - 2) {
      summary = (spans, labelX - 2)
    } else if let spans = fitting(right: area.maxX - 1) {
      summary = (spans, area.maxX - 1)
    }
    if labelFits, summary == nil || summary?.right == labelX - 2 {
      grid.write(label, x: labelX, y: area.y, style: context.theme.title)
    }
    if let (spans, right) = summary {
      let width = spans.reduce(0) { $0 + Text.width($1.text) }
      grid.drawSpans(
        spans, x: right - width, y: area.y, width: width, base: context.theme.text, clip: area,
        glyphs: context.glyphs)
    }
  }

  /// `alerts C1 H0 M2 L0 · approvals 1 pending · audit ✓ 1,234 entries` (or `audit ✗ entry 17
  /// edited`); the short form drops the words. Parts the principal may not read are left out.
  func governanceSummary(_ g: GovernanceData, short: Bool) -> [Span] {
    let theme = context.theme
    var spans: [Span] = []
    if let counts = g.detection.counts {
      let levels = DetectionFormat.counts(counts, theme, short: short)
      if !short, !levels.isEmpty { spans.append(Span("alerts ", style: theme.muted)) }
      spans += levels
    }
    if let n = g.pendingApprovals {
      if !spans.isEmpty { spans.append(Span(" · ", style: theme.muted)) }
      if !short { spans.append(Span("approvals ", style: theme.muted)) }
      spans.append(Span("\(n) pending", style: n > 0 ? theme.warn : theme.text))
    }
    var audit: [Span] = []
    switch g.verification {
    case .value(let check) where check.isValid:
      audit.append(Span("✓", style: theme.ok))
      if !short { audit.append(Span(" \(Self.grouped(check.entries)) entries", style: theme.text)) }
    case .value(let check):
      audit.append(Span("✗ \(check.summary ?? "invalid")", style: theme.danger))
    case .pending:
      audit.append(Span(short ? "…" : "verifying…", style: theme.muted))
    case .failed(let why):
      audit.append(Span(short ? "?" : "? \(why)", style: theme.warn))
    case nil:
      if let n = g.auditEntries {
        audit.append(
          Span(short ? "?" : "\(Self.grouped(n)) entries, unverified", style: theme.muted))
      }
    }
    if !audit.isEmpty {
      if !spans.isEmpty { spans.append(Span(" · ", style: theme.muted)) }
      spans.append(Span("audit ", style: theme.muted))
      spans += audit
    }
    return spans
  }

  /// `1234567` as `1,234,567`.
  static func grouped(_ n: Int64) -> String {
    let digits = Array(String(n.magnitude))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return (n < 0 ? "-" : "") + out
  }

  private func renderHints(into grid: inout Grid, area: Rect) {
    let hints: [(String, String)]
    switch screen {
    case .overview:
      hints = [
        ("↑↓", "select"), ("Enter", "open"), ("n", "new"), ("p", "pause/resume"), ("s", "stop"),
        ("/", "filter"), ("o", "sort"), (":", "command"), ("?", "help"), ("q", "quit"),
      ]
    case .job:
      hints = [
        ("Esc", "back"), ("↑↓", "other job"), ("p", "pause/resume"), ("s", "stop"), ("n", "new"),
        (":", "command"), ("?", "help"), ("q", "quit"),
      ]
    case .approvals:
      hints = [
        ("↑↓", "select"), ("e", "re-evaluate"), ("a", "approve"), ("r", "reject"), ("Esc", "back"),
        (":", "command"), ("?", "help"), ("q", "quit"),
      ]
    case .data:
      hints = [
        ("↑↓", "dataset"), ("J K", "version"), ("s", "scan"), ("Esc", "back"), (":", "command"),
        ("?", "help"), ("q", "quit"),
      ]
    case .registry:
      hints = [
        ("↑↓", "model"), ("J K", "scroll history"), ("Esc", "back"), (":", "command"),
        ("?", "help"), ("q", "quit"),
      ]
    case .audit:
      hints = [
        ("↑↓", "select"), ("/", "filter"), ("v", "verify"), ("Esc", "back"), (":", "command"),
        ("?", "help"), ("q", "quit"),
      ]
    case .alerts:
      hints = [
        ("↑↓", "select"), ("Enter", "incident"), ("a", "acknowledge"), ("/", "filter"),
        ("Esc", "back"), (":", "command"), ("?", "help"), ("q", "quit"),
      ]
    case .incident:
      hints = [
        ("Esc", "alerts"), ("↑↓", "alert"), ("J K", "timeline"), ("a", "ack"), ("o", "assign"),
        ("n", "note"), ("Q", "quarantine"), ("L", "lift"), ("R", "resolve"), ("?", "help"),
      ]
    }
    var spans: [Span] = []
    for (key, action) in hints {
      spans.append(
        Span(context.glyphs == .ascii ? asciiKey(key) : key, style: context.theme.highlight))
      spans.append(Span(" \(action)  ", style: context.theme.muted))
    }
    StatusBar(left: spans).render(into: &grid, area: area, context: context)
  }

  private func asciiKey(_ key: String) -> String {
    key.replacingOccurrences(of: "↑↓", with: "j/k")
  }

  private func renderStatus(into grid: inout Grid, area: Rect, snapshot: EngineSnapshot) {
    let theme = context.theme
    if case .prompt(let prompt) = mode {
      let hint: String? =
        switch prompt.kind {
        case .command where prompt.text.isEmpty:
          "theme, stop, pause, resume, job, new, sort, filter, alerts, incident, audit, verify, quit"
        case .auditFilter where prompt.text.isEmpty:
          "principal:NAME action:PREFIX outcome:allowed|denied|ok|failed|queued|executed"
        case .alertFilter where prompt.text.isEmpty:
          "severity:info|low|medium|high|critical job:ID detector:NAME"
        case .reason where prompt.text.isEmpty: "why (required; Esc cancels)"
        case .incident(let action) where prompt.text.isEmpty: action.hint
        default: nil
        }
      PromptLine(prefix: prompt.prefix, text: prompt.text, cursor: prompt.cursor, hint: hint)
        .render(into: &grid, area: area, context: context)
      return
    }
    if case .confirm(let question) = mode {
      grid.fill(area, " ", style: theme.text)
      grid.write(
        " " + question.question, x: area.x, y: area.y, style: theme.warn.with(.bold),
        maxWidth: area.width)
      return
    }
    let counts = Dictionary(grouping: snapshot.jobs, by: \.status).mapValues(\.count)
    let who = [Span(" as ", style: theme.muted), Span(principal.name, style: theme.highlight)]
    let jobs = [
      Span("  jobs ", style: theme.muted),
      Span(
        "\(counts[.running, default: 0]) running · \(counts[.queued, default: 0]) queued · "
          + "\(counts[.paused, default: 0]) paused · \(snapshot.jobs.filter { $0.status.isFinal }.count) done",
        style: theme.text),
    ]
    let filtered = filter.isEmpty ? [] : [Span("  filter /\(filter)", style: theme.warn)]
    let gpu: String =
      switch snapshot.gpu {
      case .unavailable: "no GPU"
      case .devices(let d) where d.isEmpty: "no GPU"
      case .devices(let d):
        d.map { "GPU\($0.index) \($0.utilizationPercent.map { "\($0)%" } ?? "n/a")" }
          .joined(separator: " ")
      }
    let c = calendar.dateComponents([.hour, .minute, .second], from: clock())
    let time = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    var right = [
      Span("\(gpu)  ", style: theme.muted), Span("\(refreshMs) ms  ", style: theme.muted),
      Span("\(time) ", style: theme.text),
    ]
    var room: Int { area.width - right.reduce(0) { $0 + Text.width($1.text) } - 1 }
    var left = who + jobs + filtered
    if let message, clock().timeIntervalSince(message.shownAt) < 6 {
      let style: Style =
        switch message.tone {
        case .info: theme.text
        case .ok: theme.ok
        case .warn: theme.warn
        case .danger: theme.danger
        }
      let span = Span("  \(message.text)", style: style)
      // The answer to what the user just did comes before the job counts (the Jobs panel has
      // them): on a narrow terminal the counts give way to it.
      left.append(span)
      let width = { left.reduce(0) { $0 + Text.width($1.text) } }
      if width() > room { left = who + filtered + [span] }
      if width() > room { right = [right[right.count - 1]] }
    } else if let line = ticker?() {
      left.append(Span("  \(line)", style: theme.muted))
    }
    // The clock stays; a message still too long is cut.
    StatusBar(left: Self.fit(left, width: room, glyphs: context.glyphs), right: right)
      .render(into: &grid, area: area, context: context)
  }

  /// Cuts spans to `width` cells, marking the cut.
  static func fit(_ spans: [Span], width: Int, glyphs: Glyphs) -> [Span] {
    var out: [Span] = []
    var left = max(width, 0)
    for span in spans {
      let w = Text.width(span.text)
      if w <= left {
        out.append(span)
        left -= w
      } else {
        if left > 0 {
          out.append(Span(Text.truncate(span.text, width: left, glyphs: glyphs), style: span.style))
        }
        break
      }
    }
    return out
  }

  private func renderOverlays(into grid: inout Grid, body: Rect, status: Rect) {
    switch mode {
    case .help(let offset):
      let sections = KeyMap.sections.map { s in
        HelpSection(s.title, s.bindings.map { HelpEntry($0.keys, $0.action) })
      }
      var overlay = HelpOverlay(sections: sections, offset: offset)
      let maxOffset = overlay.maxOffset(in: body)
      if offset > maxOffset {
        overlay.offset = maxOffset
        mode = .help(offset: maxOffset)
      }
      overlay.render(into: &grid, area: body, context: context)
    case .form(let form):
      JobFormView(form: form).render(into: &grid, area: body, context: context)
    default:
      break
    }
  }
}

/// Shown instead of everything else while the terminal is smaller than the minimum.
struct TooSmallScreen {
  var width: Int
  var height: Int
  var minimum: (width: Int, height: Int)

  func render(into grid: inout Grid, context: RenderContext) {
    let lines = [
      "Terminal too small", "\(width)x\(height), need \(minimum.width)x\(minimum.height)",
      "q quits",
    ]
    let top = max(0, (height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let text = Text.truncate(line, width: width, glyphs: context.glyphs)
      let x = max(0, (width - text.unicodeScalars.count) / 2)
      grid.write(
        text, x: x, y: top + i, style: i == 0 ? context.theme.warn.with(.bold) : context.theme.text)
    }
  }
}
