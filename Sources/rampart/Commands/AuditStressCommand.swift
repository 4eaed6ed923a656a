import ArgumentParser
import Engine
import Foundation
import Governance
import Storage

/// `rampart audit-stress` (hidden, for CI's crash test): appends to the workspace's audit log
/// from several threads until killed, printing each acknowledged sequence number as soon as its
/// append returned. After `kill -9`, every printed number must be in the log and the log must
/// verify.
struct AuditStressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit-stress", abstract: "Append audit entries until killed (crash test).",
    shouldDisplay: false)

  @Option(help: "Appending threads.") var threads = 8
  @Option(help: "SQLite synchronous mode: full or normal.") var synchronous = "full"
  @Option(help: "Stop after this many entries (default: until killed).") var limit: Int?
  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    guard let durability = Store.Durability(rawValue: synchronous.uppercased()) else {
      throw UsageError("--synchronous must be full or normal")
    }
    let ws: Workspace
    do {
      ws = try Workspace.open(at: workspace.location)
    } catch {
      throw CommandFailure(description: error.description)
    }
    let g = try attempt { try Governance.open(workspace: ws, durability: durability) }
    let principal = Principal.currentUser().name
    // Junk entries in a real log: only a principal who may both verify the log (auditor) and
    // change the workspace's policy (admin) may run it.
    _ = try attempt {
      try g.authorize(principal, .policyApply, target: "audit-stress", auditAllowed: false)
      try g.authorize(principal, .auditVerify, target: "audit", auditAllowed: true)
    }
    let printed = Locked(0)
    let group = DispatchGroup()
    for t in 0..<max(threads, 1) {
      group.enter()
      Thread {
        var i = 0
        while limit.map({ printed.withLock { $0 } < $0 }) ?? true {
          guard
            let seq = try? g.audit.append(
              AuditEvent(
                principal: principal, action: "audit.stress", target: "thread:\(t)", outcome: .ok,
                details: ["i": String(i)]))
          else { break }
          printed.withLock { n in
            n += 1
            FileHandle.standardOutput.write(Data("\(seq)\n".utf8))
          }
          i += 1
        }
        group.leave()
      }.start()
    }
    group.wait()
  }
}
