import ArgumentParser
import Engine
import Foundation
import Governance

/// `--workspace DIR`, taken by every command that touches a workspace.
struct WorkspaceOptions: ParsableArguments {
  @Option(help: "Workspace folder (default: $RAMPART_WORKSPACE or ~/.local/share/rampart).")
  var workspace: String?

  var location: URL {
    workspace.map { URL(fileURLWithPath: $0) } ?? Workspace.defaultLocation()
  }

  /// Opens the workspace's governance; `requireUnchanged` refuses edited access/policy files.
  func governance(requireUnchanged: Bool = true) throws -> Governance {
    do {
      let ws = try Workspace.open(at: location)
      return try Governance.open(workspace: ws, requireUnchanged: requireUnchanged)
    } catch let error as WorkspaceError {
      throw CommandFailure(description: error.description)
    } catch {
      throw CommandFailure(description: "\(error)")
    }
  }

  /// Starts the workspace's engine in this process (takes the engine lock).
  func engine(configuration: EngineConfiguration = .init()) throws -> Engine {
    let g = try governance()
    do {
      return try Engine(governance: g, configuration: configuration)
    } catch {
      throw CommandFailure(description: error.description)
    }
  }
}

/// Runs Engine/governance work, turning refusals into one-line errors (exit 1; denials say why).
func attempt<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as EngineError {
    throw CommandFailure(description: error.description)
  } catch let error as GovernanceError {
    throw CommandFailure(description: error.description)
  } catch let error as WorkspaceError {
    throw CommandFailure(description: error.description)
  }
}
