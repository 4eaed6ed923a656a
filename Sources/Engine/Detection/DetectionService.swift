import Detection
import Foundation
import GRDB
import Governance

/// Alerts and incidents as a principal sees and works them, with or without a running engine:
/// reading needs alert.read; acknowledging, assigning, noting and resolving need incident.manage;
/// quarantining a job and lifting it need job.quarantine (soc-analyst); snoozing a detector needs
/// alert.manage. Every change is audited.
public struct DetectionService: Sendable {
  public let governance: Governance

  public init(governance: Governance) { self.governance = governance }

  private var writer: any DatabaseWriter { governance.store.writer }

  // MARK: Reading

  public func alerts(_ query: AlertQuery = .init(), as p: Principal) throws(EngineError) -> [Alert]
  {
    try engineCall {
      try governance.authorize(p.name, .alertRead, target: "alerts", auditAllowed: false)
      return try writer.read { db in
        var query = query
        // A job filter names a job as everywhere else: its id or a unique suffix.
        if let job = query.job { query.job = try JobCatalog.resolve(job, in: db).id }
        return try DetectionStore.alerts(query, in: db)
      }
    }
  }

  public func alert(_ id: Int64, as p: Principal) throws(EngineError) -> Alert {
    try engineCall {
      try governance.authorize(p.name, .alertRead, target: "alert:\(id)", auditAllowed: false)
      guard
        let alert = try writer.read({
          try Row.fetchOne($0, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id])
        }).map(DetectionStore.alert)
      else { throw EngineError.invalidRequest("no alert \(id)") }
      return alert
    }
  }

  public func incidents(status: Incident.Status? = nil, as p: Principal) throws(EngineError)
    -> [Incident]
  {
    try engineCall {
      try governance.authorize(p.name, .alertRead, target: "incidents", auditAllowed: false)
      return try writer.read { db in
        try Row.fetchAll(
          db,
          sql: status == nil
            ? "SELECT * FROM incident ORDER BY id DESC"
            : "SELECT * FROM incident WHERE status = ? ORDER BY id DESC",
          arguments: status.map { [$0.rawValue] } ?? []
        ).map { try DetectionStore.incident($0, in: db) }
      }
    }
  }

  public func incident(_ id: Int64, as p: Principal) throws(EngineError) -> Incident {
    try engineCall {
      try governance.authorize(p.name, .alertRead, target: "incident:\(id)", auditAllowed: false)
      return try load(id)
    }
  }

  private func load(_ id: Int64) throws -> Incident {
    guard
      let incident = try writer.read({ db in
        try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]).map {
          try DetectionStore.incident($0, in: db)
        }
      })
    else { throw EngineError.invalidRequest("no incident \(id)") }
    return incident
  }

  /// The incident's alerts, the audit entries on its job (lifecycle, commands, drills,
  /// quarantine) and its notes, in time order.
  public func timeline(_ id: Int64, as p: Principal) throws(EngineError) -> [TimelineItem] {
    try engineCall {
      try governance.authorize(p.name, .alertRead, target: "incident:\(id)", auditAllowed: false)
      let incident = try load(id)
      var items: [TimelineItem] = []
      let alerts = try writer.read { db in
        try Row.fetchAll(
          db, sql: "SELECT * FROM alert WHERE incident = ? ORDER BY id", arguments: [id]
        )
        .map(DetectionStore.alert)
      }
      for a in alerts {
        items.append(
          TimelineItem(
            time: a.time, source: "alert",
            text: "\(a.severity.rawValue) \(a.detector) at step \(a.evidence.step): \(a.summary)"))
      }
      if let job = incident.job {
        var filter = AuditFilter()
        filter.target = "job:\(job)"
        filter.limit = 500
        // Oldest first: entries in the same millisecond keep the log's order through the
        // (stable) sort below.
        filter.order = .oldestFirst
        for e in try governance.audit.entries(filter: filter) {
          // A refusal's reason starts with "denied:" itself; a lift carries its note.
          var why = e.details["reason"] ?? e.details["note"]
          if let w = why, w.hasPrefix("denied: ") { why = String(w.dropFirst("denied: ".count)) }
          items.append(
            TimelineItem(
              time: e.time, source: "audit",
              text: "\(e.principal) \(e.action) \(e.outcome.rawValue)"
                + (why.map { ": \($0)" } ?? "")
            ))
        }
      }
      for n in incident.notes {
        items.append(
          TimelineItem(time: n.time, source: "note", text: "\(n.principal) \(n.action): \(n.text)"))
      }
      // Stable: ties keep alerts, then audit entries (in log order), then notes.
      return items.enumerated().sorted {
        $0.element.time != $1.element.time
          ? $0.element.time < $1.element.time : $0.offset < $1.offset
      }.map(\.element)
    }
  }

  // MARK: Working an incident

  public func acknowledge(_ id: Int64, as p: Principal) throws(EngineError) -> Incident {
    try change(id, p, .incidentManage, action: "acknowledge", text: "acknowledged") { i in
      guard i.status == .open else {
        throw EngineError.invalidRequest("incident \(id) is \(i.status.rawValue), not open")
      }
      return ("status = 'acknowledged', owner = COALESCE(owner, ?)", [p.name])
    }
  }

  public func assign(_ id: Int64, to owner: String, as p: Principal) throws(EngineError)
    -> Incident
  {
    try change(id, p, .incidentManage, action: "assign", text: "assigned to \(owner)") { _ in
      ("owner = ?", [owner])
    }
  }

  public func note(_ id: Int64, _ text: String, as p: Principal) throws(EngineError) -> Incident {
    try change(id, p, .incidentManage, action: "note", text: text) { _ in ("status = status", []) }
  }

  public func resolve(_ id: Int64, note: String, as p: Principal) throws(EngineError) -> Incident {
    guard !note.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .invalidRequest("resolving an incident needs a note")
    }
    return try change(id, p, .incidentManage, action: "resolve", text: note) { i in
      guard i.status != .resolved else {
        throw EngineError.invalidRequest("incident \(id) is already resolved")
      }
      return ("status = 'resolved'", [])
    }
  }

  /// Quarantines the incident's job: flagged in the database (the promotion and export gates
  /// refuse its models), and paused by the platform (the running engine picks the pause up).
  public func quarantine(_ id: Int64, note: String, as p: Principal) throws(EngineError)
    -> Incident
  {
    let incident = try engineCall { try load(id) }
    guard let job = incident.job else {
      throw .invalidRequest("incident \(id) concerns a principal, not a job")
    }
    let result = try change(id, p, .jobQuarantine, action: "quarantine", text: note) { _ in
      ("status = 'contained'", [])
    }
    try engineCall {
      try writer.write { db in
        try db.execute(sql: "UPDATE job SET quarantined = 1 WHERE id = ?", arguments: [job])
        try db.execute(
          sql: """
            INSERT INTO command (queued_at_ms, principal, kind, job, arguments, status)
            VALUES (?, 'system', 'pause', ?, '{}', 'queued')
            """, arguments: [DetectionStore.ms(Date()), job])
      }
      try governance.record(
        p.name, "job.quarantine", target: "job:\(job)", outcome: .ok,
        details: ["incident": String(id), "note": note])
    }
    return result
  }

  /// Lifts a job's quarantine (soc-analyst, with a note). The job stays paused until resumed.
  public func lift(job: String, note: String, as p: Principal) throws(EngineError) {
    guard !note.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .invalidRequest("lifting a quarantine needs a note")
    }
    try engineCall {
      let job = try writer.read { try JobCatalog.resolve(job, in: $0).id }
      try governance.authorize(
        p.name, .jobQuarantine, target: "job:\(job)", details: ["lift": "true", "note": note],
        auditAllowed: false)
      let changed = try writer.write { db -> Int in
        try db.execute(
          sql: "UPDATE job SET quarantined = 0 WHERE id = ? AND quarantined = 1", arguments: [job])
        return db.changesCount
      }
      guard changed == 1 else { throw EngineError.invalidRequest("job \(job) is not quarantined") }
      try governance.record(
        p.name, "job.quarantine.lift", target: "job:\(job)", outcome: .ok, details: ["note": note])
    }
  }

  /// The longest a detector may be suppressed, in seconds (30 days).
  public static let longestSuppression: TimeInterval = 30 * 86_400

  /// Snoozes `detector` for `job` (its id or a unique suffix) until `until` (audited; it expires
  /// by itself).
  public func suppress(
    job: String, detector: String, until: Date, reason: String, as p: Principal
  ) throws(EngineError) {
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .invalidRequest("suppressing a detector needs a reason")
    }
    // A snooze expires by itself: at most 30 days, so no detector is silenced for good.
    let seconds = until.timeIntervalSinceNow
    guard seconds > 0, seconds <= Self.longestSuppression else {
      throw .invalidRequest("a suppression must end within 30 days from now (43200 minutes)")
    }
    guard JobDetectors.ids.contains(detector) else {
      throw .invalidRequest(
        "no detector \"\(detector)\" watches jobs (one of: \(JobDetectors.ids.joined(separator: ", ")))"
      )
    }
    try engineCall {
      let job = try writer.read { try JobCatalog.resolve(job, in: $0).id }
      try governance.authorize(
        p.name, .alertManage, target: "job:\(job)",
        details: ["detector": detector, "until": until.auditText, "reason": reason])
      try writer.write { db in
        try db.execute(
          sql: """
            INSERT INTO alert_suppression (job, detector, until_ms, principal, reason)
            VALUES (?, ?, ?, ?, ?)
            """,
          arguments: [job, detector, DetectionStore.ms(until), p.name, reason])
      }
    }
  }

  private func change(
    _ id: Int64, _ p: Principal, _ permission: Permission, action: String, text: String,
    _ update: (Incident) throws -> (String, [any DatabaseValueConvertible])
  ) throws(EngineError) -> Incident {
    try engineCall {
      try governance.authorize(
        p.name, permission, target: "incident:\(id)", details: ["action": action, "note": text],
        auditAllowed: false)
      let incident = try load(id)
      let (set, args) = try update(incident)
      let now = DetectionStore.ms(Date())
      try writer.write { db in
        try db.execute(
          sql: "UPDATE incident SET \(set), updated_at_ms = ? WHERE id = ?",
          arguments: StatementArguments((args + [now, id]).map { $0.databaseValue }))
        try db.execute(
          sql:
            "INSERT INTO incident_note (incident, time_ms, principal, action, text) VALUES (?, ?, ?, ?, ?)",
          arguments: [id, now, p.name, action, text])
      }
      try governance.record(
        p.name, "incident.\(action)", target: "incident:\(id)", outcome: .ok,
        details: ["note": text, "job": incident.job ?? ""])
      return try load(id)
    }
  }
}
