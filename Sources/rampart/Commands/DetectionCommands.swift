import ArgumentParser
import Detection
import Engine
import Foundation
import Governance

extension Severity: ExpressibleByArgument {}
extension AlertFormat: ExpressibleByArgument {}
extension DrillKind: ExpressibleByArgument {}

/// `rampart alerts ...`: what the detectors raised.
struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts", abstract: "Alerts raised by the detectors (soc-analyst and readers).",
    subcommands: [List.self, Show.self, Export.self, Snooze.self])

  static func service(_ w: WorkspaceOptions) throws -> DetectionService {
    DetectionService(governance: try w.governance(requireUnchanged: false))
  }

  static func line(_ a: Alert) -> String {
    "\(a.id)  \(a.time.auditText)  \(a.severity.rawValue.uppercased())  \(a.detector)"
      + "  \(a.job.map { "job \($0)" } ?? a.principal.map { "principal \($0)" } ?? "")"
      + "  step \(a.evidence.step)  \(a.technique ?? "-")  incident \(a.incident.map(String.init) ?? "-")"
      + "\n    \(a.summary)"
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Alerts, newest first.")
    @Option(help: "Only this job.") var job: String?
    @Option(help: "Only this detector.") var detector: String?
    @Option(help: "This severity and above (info, low, medium, high, critical).") var severity:
      Severity?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let query = AlertQuery(job: job, detector: detector, minimumSeverity: severity)
      let alerts = try attempt {
        try AlertsCommand.service(workspace).alerts(query, as: .currentUser())
      }
      if alerts.isEmpty && !json { say("no alerts") }
      for a in alerts { say(json ? jsonText(a) : AlertsCommand.line(a)) }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One alert with its evidence.")
    @Argument var id: Int64
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let a = try attempt { try AlertsCommand.service(workspace).alert(id, as: .currentUser()) }
      if json { return say(jsonText(a)) }
      say(AlertsCommand.line(a))
      say("    evidence: value \(a.evidence.value) against threshold \(a.evidence.threshold)")
      say(
        "    window: \(a.evidence.window.map { String(format: "%.4g", $0) }.joined(separator: " "))"
      )
      for (k, v) in a.evidence.details.sorted(by: { $0.key < $1.key }) { say("    \(k): \(v)") }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Alerts for a SIEM: OCSF Detection Finding (2004) or ECS JSON lines, or CEF lines.")
    @Option(help: "ocsf, ecs or cef.") var format: AlertFormat = .ocsf
    @Flag(help: "Keep running and print new alerts as they are raised.") var follow = false
    @Option(
      help:
        "Also send each line to this local syslog socket (RFC 5424 over a Unix datagram socket).")
    var syslog: String?
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let service = try AlertsCommand.service(workspace)
      let me = Principal.currentUser()
      let sink = try syslog.map { try SyslogSocket(path: $0) }
      var last: Int64 = 0
      repeat {
        var query = AlertQuery()
        query.limit = 10_000
        let fresh = try attempt { try service.alerts(query, as: me) }.filter { $0.id > last }
          .sorted { $0.id < $1.id }
        for a in fresh {
          let line = format.line(a, version: BuildInfo.version)
          say(line)
          try sink?.send(line, severity: a.severity, time: a.time)
          last = max(last, a.id)
        }
        if follow { Thread.sleep(forTimeInterval: 1) }
      } while follow
    }
  }

  struct Snooze: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Suppress a detector for a job for a while, with a reason (alert.manage; audited).")
    @Option(help: "The job.") var job: String
    @Option(help: "The detector id.") var detector: String
    @Option(help: "Minutes (it expires by itself).") var minutes = 60
    @Option(help: "Why.") var reason: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      guard (1...43_200).contains(minutes) else {
        throw ValidationError("--minutes must be 1 to 43200 (30 days)")
      }
      let until = Date().addingTimeInterval(Double(minutes) * 60)
      try attempt {
        try AlertsCommand.service(workspace).suppress(
          job: job, detector: detector, until: until, reason: reason, as: .currentUser())
      }
      say("\(detector) suppressed for job \(job) until \(until.auditText)")
    }
  }
}

/// `rampart incidents ...`: alerts grouped per job, worked by the SOC.
struct IncidentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incidents", abstract: "Incidents: acknowledge, assign, quarantine, resolve.",
    subcommands: [
      List.self, Show.self, Ack.self, Assign.self, Note.self, Quarantine.self, Lift.self,
      Resolve.self,
    ])

  static func line(_ i: Incident) -> String {
    "\(i.id)  \(i.status.rawValue)  \(i.severity.rawValue.uppercased())  "
      + "\(i.job.map { "job \($0)" } ?? i.principal.map { "principal \($0)" } ?? "")"
      + "  owner \(i.owner ?? "-")  opened \(i.openedAt.auditText)\n    \(i.title)"
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Incidents, newest first.")
    @Option(help: "open, acknowledged, contained or resolved.") var status: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let s = try status.map { text -> Incident.Status in
        guard let v = Incident.Status(rawValue: text) else {
          throw ValidationError("--status must be open, acknowledged, contained or resolved")
        }
        return v
      }
      let list = try attempt {
        try AlertsCommand.service(workspace).incidents(status: s, as: .currentUser())
      }
      if list.isEmpty && !json { say("no incidents") }
      for i in list { say(json ? jsonText(i) : IncidentsCommand.line(i)) }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One incident with its timeline.")
    @Argument var id: Int64
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let service = try AlertsCommand.service(workspace)
      let (incident, timeline) = try attempt {
        (
          try service.incident(id, as: .currentUser()),
          try service.timeline(id, as: .currentUser())
        )
      }
      if json {
        struct Out: Encodable {
          var incident: Incident
          var timeline: [TimelineItem]
        }
        return say(jsonText(Out(incident: incident, timeline: timeline)))
      }
      say(IncidentsCommand.line(incident))
      for t in timeline {
        say(
          "  \(t.time.auditText)  \(t.source.padding(toLength: 5, withPad: " ", startingAt: 0))  \(t.text)"
        )
      }
    }
  }

  struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Acknowledge an open incident.")
    @Argument var id: Int64
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let i = try attempt {
        try AlertsCommand.service(workspace).acknowledge(id, as: .currentUser())
      }
      say(IncidentsCommand.line(i))
    }
  }

  struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Give an incident an owner.")
    @Argument var id: Int64
    @Option(help: "The owner.") var to: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let i = try attempt {
        try AlertsCommand.service(workspace).assign(id, to: to, as: .currentUser())
      }
      say(IncidentsCommand.line(i))
    }
  }

  struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a note to an incident.")
    @Argument var id: Int64
    @Argument var text: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      _ = try attempt { try AlertsCommand.service(workspace).note(id, text, as: .currentUser()) }
      say("noted on incident \(id)")
    }
  }

  struct Quarantine: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Quarantine the incident's job: paused, its models blocked from promotion and export.")
    @Argument var id: Int64
    @Option(help: "Why.") var note: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let i = try attempt {
        try AlertsCommand.service(workspace).quarantine(id, note: note, as: .currentUser())
      }
      say(IncidentsCommand.line(i))
    }
  }

  struct Lift: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Lift a job's quarantine (soc-analyst, with a note).")
    @Argument var job: String
    @Option(help: "Why.") var note: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      try attempt {
        try AlertsCommand.service(workspace).lift(job: job, note: note, as: .currentUser())
      }
      say("quarantine of job \(job) lifted (it stays paused until resumed)")
    }
  }

  struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Resolve an incident with a note.")
    @Argument var id: Int64
    @Option(help: "What was found and done.") var note: String
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let i = try attempt {
        try AlertsCommand.service(workspace).resolve(id, note: note, as: .currentUser())
      }
      say(IncidentsCommand.line(i))
    }
  }
}

/// `rampart drill KIND --job ID`: an attack drill on a live job, queued for the running engine.
struct DrillCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drill",
    abstract:
      "Attack a live job (drill.run; audited as a drill): \(DrillKind.allCases.map(\.rawValue).joined(separator: ", ")); or `insider --principal NAME`."
  )
  @Argument(help: "The attack, or insider.") var kind: String?
  @Option(help: "The job (id or its last characters).") var job: String?
  @Option(help: "insider: the drill principal (kind = \"drill\" in access.toml).")
  var principal: String?
  @Option(help: "insider: how many forbidden actions it tries.") var attempts = 8
  @Option(help: "Share of transitions or actions attacked, (0, 1].") var rate = 1.0
  @Option(help: "First environment step attacked.") var start = 0
  @Option(help: "Kind-specific strength (reward factor, noise deviation).") var strength: Double?
  @Flag(help: "Stop the job's drills instead.") var stop = false
  @OptionGroup var workspace: WorkspaceOptions

  func validate() throws {
    if kind == nil && !stop { throw ValidationError("name a drill kind, or --stop") }
    if kind == "insider" {
      if principal == nil { throw ValidationError("insider needs --principal NAME") }
      if !(1...10).contains(attempts) { throw ValidationError("--attempts must be 1 to 10") }
      return
    }
    if let kind, DrillKind(rawValue: kind) == nil {
      throw ValidationError(
        "unknown drill \"\(kind)\" (one of: \(DrillKind.allCases.map(\.rawValue).joined(separator: ", ")), insider)"
      )
    }
    if job == nil { throw ValidationError("--job is required") }
    if !(rate > 0 && rate <= 1) { throw ValidationError("--rate must be in (0, 1]") }
    if start < 0 { throw ValidationError("--start must not be negative") }
    if let strength, !(strength.isFinite && abs(strength) <= 1_000) {
      throw ValidationError("--strength must be a number from -1000 to 1000")
    }
  }

  func run() throws {
    let g = try workspace.governance(requireUnchanged: false)
    if kind == "insider", let principal {
      // The attempts go through the Engine's authoriser here; a running engine sees the
      // refusals in the audit log like any other.
      let refusals = try attempt {
        try DetectionService(governance: g).insiderDrill(
          principal, attempts: attempts, as: .currentUser())
      }
      for r in refusals { say("refused: \(r)") }
      return say("insider drill: \(principal) tried \(refusals.count) forbidden actions")
    }
    let plan = kind.flatMap(DrillKind.init(rawValue:)).map {
      DrillPlan(kind: $0, rate: rate, start: start, strength: strength)
    }
    let c = try attempt {
      try CommandQueue.enqueueDrill(
        stop ? nil : plan, job: job ?? "", as: .currentUser(), governance: g)
    }
    say("queued command \(c.id): \(c.kind) on job \(c.job) for the running engine")
  }
}

/// RFC 5424 messages on a local Unix datagram socket (e.g. /dev/log or a collector's socket).
final class SyslogSocket {
  private let fd: Int32

  init(path: String) throws {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
      throw CommandFailure(description: "\(path): socket path too long")
    }
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw CommandFailure(description: "cannot open a socket for \(path)") }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, b) in bytes.enumerated() { raw[i] = b }
    }
    // Connected now, so a missing or refusing socket is reported before any alert is read.
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw CommandFailure(description: "cannot connect to the syslog socket \(path): \(reason)")
    }
  }

  deinit { close(fd) }

  /// `<PRI>1 TIMESTAMP HOSTNAME rampart PROCID alert - MSG`, facility local0.
  func send(_ message: String, severity: Severity, time: Date) throws {
    let level: Int =
      switch severity {
      case .critical: 2
      case .high: 3
      case .medium: 4
      case .low: 5
      case .info: 6
      }
    let host = ProcessInfo.processInfo.hostName
    let line =
      "<\(16 * 8 + level)>1 \(time.auditText) \(host) rampart \(getpid()) alert - \(message)"
    let sent = line.withCString { sendto(fd, $0, strlen($0), 0, nil, 0) }
    if sent < 0 { throw CommandFailure(description: "syslog: \(String(cString: strerror(errno)))") }
  }
}
