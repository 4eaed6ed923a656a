import Foundation
import GRDB
import Governance
import Storage

/// A command for a live job, queued by a process that does not run the engine.
public struct QueuedCommand: Codable, Sendable, Hashable {
  public var id: Int64
  public var queuedAt: Date
  public var principal: String
  public var kind: ControlJob.Action
  public var job: String
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
    let row: Row?
    do {
      row = try governance.store.writer.read { db in
        try Row.fetchOne(
          db, sql: "SELECT id, owner, status FROM job WHERE id = ? OR id LIKE ?",
          arguments: [job.uppercased(), "%" + job.uppercased()])
      }
    } catch {
      throw .governance("cannot read jobs: \(error)")
    }
    guard let row, let id: String = row["id"], let owner: String = row["owner"] else {
      throw .unknownJob(job)
    }
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
        id: commandID, queuedAt: Date(), principal: principal.name, kind: action, job: id,
        status: "queued", result: nil)
    } catch let error as GovernanceError {
      if case .denied(let d) = error { throw .denied(d.message) }
      throw .governance(error.description)
    } catch {
      throw .governance("cannot queue the command: \(error)")
    }
  }

  /// Commands, newest first.
  public static func list(_ store: Store, limit: Int = 50) throws -> [QueuedCommand] {
    try store.writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM command ORDER BY id DESC LIMIT ?", arguments: [limit]
      ).map(command)
    }
  }

  static func command(_ row: Row) -> QueuedCommand {
    QueuedCommand(
      id: row["id"],
      queuedAt: Date(timeIntervalSince1970: Double(row["queued_at_ms"] as Int64) / 1000),
      principal: row["principal"], kind: ControlJob.Action(rawValue: row["kind"]) ?? .stop,
      job: row["job"],
      status: row["status"], result: row["result"])
  }
}

extension Engine {
  func startCommandPoller() {
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "rampart.commands"))
    timer.schedule(
      deadline: .now() + configuration.commandPollSeconds,
      repeating: configuration.commandPollSeconds)
    timer.setEventHandler { [weak self] in self?.executeQueuedCommands() }
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
        case .pause: try pause(id, as: principal)
        case .resume: try resume(id, as: principal)
        case .stop: try stop(id, as: principal)
        }
        result = "\(command.kind.rawValue) accepted"
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
