import Detection
import Foundation
import GRDB
import Governance
import Storage

/// A command for a live job, queued by a process that does not run the engine.
public struct QueuedCommand: Codable, Sendable, Hashable {
  public var id: Int64
  public var queuedAt: Date
  public var principal: String
  /// pause, resume, stop or drill.
  public var kind: String
  public var job: String
  /// JSON arguments (a drill's plan).
  public var arguments: String
  public var status: String
  public var result: String?
}

/// The command table: other processes authorise and queue commands for live jobs (audited as
/// queued); the engine polls it and executes each as its principal (authorised again, audited).
public enum CommandQueue {
  /// Queues `action` on `job` as `principal`, after checking the principal may do it.
  public static func enqueue(
    _ action: ControlJob.Action, job: String, as principal: Principal, governance: Governance
  ) throws(EngineError) -> QueuedCommand {
    let (id, owner) = try resolve(job, governance)
    let target = "job:\(id)"
    let details = ["action": action.rawValue, "owner": owner]
    let own = owner == principal.name && governance.decide(principal.name, .jobControlOwn).allowed
    do {
      try governance.authorize(
        principal.name, own ? .jobControlOwn : .jobControlAny, target: target, details: details,
        auditAllowed: false)
      let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
      let commandID = try governance.store.writer.write { db -> Int64 in
        try db.execute(
          sql:
            "INSERT INTO command (queued_at_ms, principal, kind, job, arguments, status) VALUES (?, ?, ?, ?, '{}', 'queued')",
          arguments: [now, principal.name, action.rawValue, id])
        return db.lastInsertedRowID
      }
      try governance.record(
        principal.name, "command.\(action.rawValue)", target: target, outcome: .queued,
        details: details.merging(["command": String(commandID)]) { a, _ in a })
      return QueuedCommand(
        id: commandID, queuedAt: Date(), principal: principal.name, kind: action.rawValue, job: id,
        arguments: "{}", status: "queued", result: nil)
    } catch let error as GovernanceError {
      if case .denied(let d) = error { throw .denied(d.message) }
      throw .governance(error.description)
    } catch {
      throw .governance("cannot queue the command: \(error)")
    }
  }

  /// Queues a drill (or, with nil, stopping a job's drills) for the engine running the job,
  /// after checking drill.run; the engine checks again when it starts it.
  public static func enqueueDrill(
    _ plan: DrillPlan?, job: String, as principal: Principal, governance: Governance
  ) throws(EngineError) -> QueuedCommand {
    // The stored id is the job's whole id, so that the engine can execute it.
    let job = try resolve(job, governance).id
    do {
      let target = "job:\(job)"
      try governance.authorize(
        principal.name, .drillRun, target: target,
        details: ["drill": plan == nil ? "stop" : "true", "kind": plan?.kind.rawValue ?? ""],
        auditAllowed: false)
      let arguments =
        try plan.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) } ?? "{}"
      let kind = plan == nil ? "drill-stop" : "drill"
      let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
      let id = try governance.store.writer.write { db -> Int64 in
        try db.execute(
          sql:
            "INSERT INTO command (queued_at_ms, principal, kind, job, arguments, status) VALUES (?, ?, ?, ?, ?, 'queued')",
          arguments: [now, principal.name, kind, job, arguments])
        return db.lastInsertedRowID
      }
      try governance.record(
        principal.name, "command.\(kind)", target: target, outcome: .queued,
        details: ["command": String(id), "drill": "true", "arguments": arguments])
      return QueuedCommand(
        id: id, queuedAt: Date(), principal: principal.name, kind: kind, job: job,
        arguments: arguments, status: "queued", result: nil)
    } catch let error as GovernanceError {
      if case .denied(let d) = error { throw .denied(d.message) }
      throw .governance(error.description)
    } catch {
      throw .governance("cannot queue the drill: \(error)")
    }
  }

  /// The one job `text` names (its id or a unique suffix of it).
  private static func resolve(_ text: String, _ governance: Governance) throws(EngineError) -> (
    id: String, owner: String
  ) {
    do {
      return try governance.store.writer.read { db in try JobCatalog.resolve(text, in: db) }
    } catch let error as EngineError {
      throw error
    } catch {
      throw .governance("cannot read jobs: \(error)")
    }
  }

  static func command(_ row: Row) -> QueuedCommand {
    QueuedCommand(
      id: row["id"],
      queuedAt: Date(timeIntervalSince1970: Double(row["queued_at_ms"] as Int64) / 1000),
      principal: row["principal"], kind: row["kind"], job: row["job"],
      arguments: row["arguments"] ?? "{}",
      status: row["status"], result: row["result"])
  }
}

extension Engine {
  func startCommandPoller() {
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "rampart.commands"))
    timer.schedule(
      deadline: .now() + configuration.commandPollSeconds,
      repeating: configuration.commandPollSeconds)
    timer.setEventHandler { [weak self] in
      self?.executeQueuedCommands()
      self?.followAccess()
    }
    timer.resume()
    poller.withLock { $0 = timer }
  }

  /// Executes queued commands as their principals (authorised by the same Engine calls).
  func executeQueuedCommands() {
    let queued =
      (try? governance.store.writer.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM command WHERE status = 'queued' ORDER BY id").map(
          CommandQueue.command)
      }) ?? []
    for command in queued {
      var result: String
      var ok = true
      do {
        guard let id = JobID(command.job) else { throw EngineError.unknownJob(command.job) }
        let principal = Principal(command.principal)
        switch command.kind {
        case "pause": try pause(id, as: principal)
        case "resume": try resume(id, as: principal)
        case "stop": try stop(id, as: principal)
        case "drill":
          let plan = try JSONDecoder().decode(DrillPlan.self, from: Data(command.arguments.utf8))
          try startDrill(plan, job: id, as: principal)
        case "drill-stop": try stopDrills(job: id, as: principal)
        default: throw EngineError.invalidRequest("unknown command \(command.kind)")
        }
        result = "\(command.kind) accepted"
      } catch let error as EngineError {
        ok = false
        result = error.description
      } catch {
        ok = false
        result = "\(error)"
      }
      let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
      try? governance.store.writer.write { db in
        try db.execute(
          sql: "UPDATE command SET status = ?, result = ?, executed_at_ms = ? WHERE id = ?",
          arguments: [ok ? "executed" : "failed", result, now, command.id])
      }
      recordSystem(
        "command.execute", target: "job:\(command.job)", outcome: ok ? .executed : .failed,
        details: ["command": String(command.id), "principal": command.principal, "result": result])
    }
  }
}
