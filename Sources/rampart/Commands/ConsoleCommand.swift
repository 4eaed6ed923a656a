import ArgumentParser
import Console
import Engine
import Foundation

/// `rampart console`: the operations console on an engine of its own.
struct ConsoleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "Open the operations console (submit jobs with n; ? lists every key).")

  @OptionGroup var options: ConsoleOptions
  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    let theme = try options.loadTheme()
    let engine = try workspace.engine()
    let principal = Principal.currentUser()
    let app = ConsoleApp(engine: engine, principal: principal)
    try options.run(app, theme: theme)
    engine.shutdown(requestedBy: principal)
  }
}
