import ArgumentParser
import Engine
import Foundation
import Governance

/// `rampart audit ...`: the tamper-evident log.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "The audit log: a Merkle tree with signed heads.",
    subcommands: [
      Verify.self, Head.self, Tail.self, List.self, Show.self, Prove.self, Consistency.self,
      Export.self,
    ])

  /// The audit log as the current user sees it (every call authorised in the Engine module).
  static func open(_ workspace: WorkspaceOptions) throws -> AuditService {
    AuditService(governance: try workspace.governance(requireUnchanged: false))
  }

  static var me: Principal { Principal.currentUser() }

  static func line(_ e: AuditEntry) -> String {
    let details = e.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
      separator: " ")
    return
      "\(e.sequence)  \(e.time.auditText)  \(e.principal)  \(e.action)  \(e.target)  \(e.outcome.rawValue)"
      + (details.isEmpty ? "" : "  \(details)")
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Recompute every leaf and signed head; name the first entry or head that no longer matches."
    )
    @Option(help: "An exported head (from `rampart audit head`) the log must still contain.")
    var head: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      let anchor = try head.map { path -> SignedTreeHead in
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
          throw CommandFailure(description: "cannot read \(path)")
        }
        do {
          return try SignedTreeHead.parse(json: text)
        } catch {
          throw CommandFailure(description: "\(path): \(error)")
        }
      }
      let result = try attempt { try audit.verify(anchor: anchor, as: AuditCommand.me) }
      if json {
        say(jsonText(result))
      } else if result.isValid {
        say(
          "audit log verified: \(result.entryCount) entries, \(result.headCount) signed heads"
            + (anchor.map { ", anchored head at size \($0.treeSize) matches" } ?? ""))
      }
      if !result.isValid {
        throw CommandFailure(
          description: "audit log does NOT verify: \(result.message ?? "unknown problem")")
      }
    }
  }

  struct Head: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export the latest signed tree head (keep a copy off this host).")
    @Option(help: "Write it to this file.") var out: String?
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      guard let head = try attempt({ try audit.latestHead(as: AuditCommand.me) }) else {
        throw CommandFailure(description: "the log has no signed head yet")
      }
      let text = head.exportJSON(publicKey: audit.governance.audit.publicKey)
      if let out {
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: out))
        say("wrote the head at size \(head.treeSize) to \(out)")
      } else {
        say(text)
      }
    }
  }

  struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The last entries.")
    @Argument var count = 20
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      for e in try attempt({ try audit.tail(max(count, 1), as: AuditCommand.me) }) {
        say(json ? jsonText(e) : AuditCommand.line(e))
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Entries filtered by principal, action (prefix) or outcome.")
    @Option var principal: String?
    @Option var action: String?
    @Option var outcome: String?
    @Option(help: "ISO 8601 time or epoch seconds.") var since: String?
    @Option var limit = 100
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      let outcomeFilter = try outcome.map { o -> AuditOutcome in
        guard let v = AuditOutcome(rawValue: o) else {
          throw UsageError(
            "--outcome must be one of \(AuditOutcome.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        return v
      }
      var filter = AuditFilter()
      filter.principal = principal
      filter.action = action
      filter.outcome = outcomeFilter
      filter.since = try since.map(parseTime)
      filter.limit = max(limit, 1)
      for e in try attempt({ try audit.entries(filter, as: AuditCommand.me) }) {
        say(json ? jsonText(e) : AuditCommand.line(e))
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One entry with its leaf hash.")
    @Argument var sequence: Int64
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      guard let e = try attempt({ try audit.entry(sequence, as: AuditCommand.me) }) else {
        throw CommandFailure(description: "no entry \(sequence)")
      }
      say(
        json
          ? jsonText(e)
          : AuditCommand.line(e)
            + "\n  leaf \(e.leafHash.hex)  \(e.isLeafHashValid ? "matches" : "DOES NOT MATCH") its data"
      )
    }
  }

  struct Prove: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "An inclusion proof for one entry against a signed head.")
    @Argument var sequence: Int64
    @Option(help: "Tree size of the head (default: the latest).") var size: Int64?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      let proof = try attempt {
        try audit.inclusionProof(for: sequence, treeSize: size, as: AuditCommand.me)
      }
      if json {
        say(jsonText(proof))
        return
      }
      say(
        "entry \(proof.leafIndex) in the tree of size \(proof.treeSize): leaf \(proof.leafHash.hex)"
      )
      for (i, node) in proof.path.enumerated() { say("  path[\(i)] \(node.hex)") }
      say("  root \(proof.rootHash.hex): proof \(proof.verify() ? "verifies" : "DOES NOT verify")")
    }
  }

  struct Consistency: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A consistency proof between two tree sizes (signed heads).")
    @Argument var old: Int64
    @Argument var new: Int64
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      let proof = try attempt {
        try audit.consistencyProof(from: old, to: new, as: AuditCommand.me)
      }
      if json {
        say(jsonText(proof))
        return
      }
      say(
        "tree \(proof.oldSize) (root \(proof.oldRoot.hex.prefix(16))…) is a prefix of tree \(proof.newSize) (root \(proof.newRoot.hex.prefix(16))…)"
      )
      for (i, node) in proof.path.enumerated() { say("  path[\(i)] \(node.hex)") }
      say("  proof \(proof.verify() ? "verifies" : "DOES NOT verify")")
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export entries (and the latest head) as JSON lines (audited).")
    @Option(help: "ISO 8601 time or epoch seconds.") var since: String?
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let audit = try AuditCommand.open(workspace)
      let from = try since.map(parseTime)
      let (entries, head) = try attempt { try audit.export(since: from, as: AuditCommand.me) }
      var lines = entries.map { jsonText($0) }
      if let head { lines.append(head.exportJSON(publicKey: audit.governance.audit.publicKey)) }
      let text = lines.joined(separator: "\n") + "\n"
      if let out {
        try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        say("exported \(lines.count - 1) entries and the latest head to \(out)")
      } else {
        FileHandle.standardOutput.write(Data(text.utf8))
      }
    }
  }
}
