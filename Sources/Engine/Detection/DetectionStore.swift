import Detection
import Foundation
import GRDB
import Governance
import Storage

/// Alerts, incidents and suppressions in the workspace database.
enum DetectionStore {
  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return e
  }()
  static let decoder: JSONDecoder = {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return d
  }()

  static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
  static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

  /// Stores `draft` and files it into the job's (or principal's) open incident within `window`
  /// seconds, or a new one. Returns nil when the detector is suppressed for the job.
  static func insert(
    _ draft: AlertDraft, job: String?, principal: String?, window: Double, in db: Database
  ) throws -> Alert? {
    let now = Date()
    if let job,
      try Int.fetchOne(
        db,
        sql:
          "SELECT COUNT(*) FROM alert_suppression WHERE job = ? AND detector = ? AND until_ms > ?",
        arguments: [job, draft.detector, ms(now)]) ?? 0 > 0
    {
      return nil
    }
    let key = job != nil ? "job" : "principal"
    let subject = job ?? principal ?? ""
    let open = try Row.fetchOne(
      db,
      sql: """
        SELECT id, severity FROM incident WHERE \(key) = ? AND status != 'resolved' AND updated_at_ms >= ?
        ORDER BY id DESC LIMIT 1
        """,
      arguments: [subject, ms(now) - Int64(window * 1000)])
    let incident: Int64
    if let open, let id: Int64 = open["id"] {
      let current = Severity(rawValue: open["severity"]) ?? .info
      try db.execute(
        sql: "UPDATE incident SET updated_at_ms = ?, severity = ? WHERE id = ?",
        arguments: [ms(now), max(current, draft.severity).rawValue, id])
      incident = id
    } else {
      try db.execute(
        sql: """
          INSERT INTO incident (job, principal, status, severity, opened_at_ms, updated_at_ms, title)
          VALUES (?, ?, 'open', ?, ?, ?, ?)
          """,
        arguments: [job, principal, draft.severity.rawValue, ms(now), ms(now), draft.summary])
      incident = db.lastInsertedRowID
    }
    let evidence = String(decoding: try encoder.encode(draft.evidence), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO alert (time_ms, job, principal, detector, severity, technique, summary, evidence, incident)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        ms(now), job, principal, draft.detector, draft.severity.rawValue, draft.technique,
        draft.summary, evidence, incident,
      ])
    return Alert(
      id: db.lastInsertedRowID, time: now, job: job, principal: principal, draft: draft,
      incident: incident)
  }

  static func alert(_ row: Row) -> Alert {
    let evidence =
      (try? decoder.decode(Evidence.self, from: Data((row["evidence"] as String).utf8)))
      ?? Evidence(window: [], threshold: .nan, value: .nan, step: 0)
    return Alert(
      id: row["id"], time: date(row["time_ms"]), job: row["job"], principal: row["principal"],
      draft: AlertDraft(
        detector: row["detector"], severity: Severity(rawValue: row["severity"]) ?? .info,
        technique: row["technique"], summary: row["summary"], evidence: evidence),
      incident: row["incident"])
  }

  static func alerts(_ q: AlertQuery, in db: Database) throws -> [Alert] {
    var clauses: [String] = []
    var args: [any DatabaseValueConvertible] = []
    if let job = q.job {
      clauses.append("job = ?")
      args.append(job)
    }
    if let d = q.detector {
      clauses.append("detector = ?")
      args.append(d)
    }
    if let s = q.minimumSeverity {
      let levels = Severity.allCases.filter { $0 >= s }.map { "'\($0.rawValue)'" }
      clauses.append("severity IN (\(levels.joined(separator: ",")))")
    }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    return try Row.fetchAll(
      db, sql: "SELECT * FROM alert \(whereSQL) ORDER BY id DESC LIMIT \(max(q.limit, 1))",
      arguments: StatementArguments(args.map { $0.databaseValue })
    ).map(alert)
  }

  static func incident(_ row: Row, in db: Database) throws -> Incident {
    let id: Int64 = row["id"]
    let notes = try Row.fetchAll(
      db, sql: "SELECT * FROM incident_note WHERE incident = ? ORDER BY id", arguments: [id]
    ).map {
      IncidentNote(
        time: date($0["time_ms"]), principal: $0["principal"], action: $0["action"],
        text: $0["text"])
    }
    return Incident(
      id: id, job: row["job"], principal: row["principal"],
      status: Incident.Status(rawValue: row["status"]) ?? .open,
      severity: Severity(rawValue: row["severity"]) ?? .info, owner: row["owner"],
      openedAt: date(row["opened_at_ms"]), updatedAt: date(row["updated_at_ms"]),
      title: row["title"], notes: notes)
  }

  /// Open high-or-critical alerts on a job (the promotion gate): alerts whose incident is not
  /// resolved.
  static func openHighAlerts(job: String, in db: Database) throws -> Int {
    try Int.fetchOne(
      db,
      sql: """
        SELECT COUNT(*) FROM alert a LEFT JOIN incident i ON a.incident = i.id
        WHERE a.job = ? AND a.severity IN ('high', 'critical') AND (i.id IS NULL OR i.status != 'resolved')
        """, arguments: [job]) ?? 0
  }

  /// Whether the SOC has quarantined `job` (the promotion and export gates, resume).
  static func isQuarantined(job: String, in db: Database) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT quarantined FROM job WHERE id = ?", arguments: [job])
      ?? false
  }

  /// The ids of every quarantined job (the dashboard marks them).
  static func quarantinedJobs(in db: Database) throws -> Set<String> {
    try String.fetchSet(db, sql: "SELECT id FROM job WHERE quarantined = 1")
  }
}
