import ArgumentParser
import Engine
import Foundation
import Governance

/// `rampart init`: a new workspace.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract:
      "Create a workspace: database, signing and data keys (0600), default access and policy files."
  )

  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    let creator = Principal.currentUser()
    let g = try attempt { try Governance.initialize(at: workspace.location, creator: creator.name) }
    let ws = g.workspace
    say("created workspace \(ws.root.path)")
    say("  database   \(ws.databasePath)")
    say(
      "  keys       \(ws.root.appendingPathComponent("keys").path) (signing.key: Ed25519, data.key: AES-GCM/HMAC master; mode 0600)"
    )
    say("  access     \(ws.accessPath) (applied: \(creator) is admin and data-scientist)")
    say("  policy     \(ws.policyPath) (applied: the default roles and rules)")
    say(
      "edit access.toml to add principals, then `rampart access apply`; `rampart policy check \(ws.policyPath)` proves separation of duties"
    )
  }
}
