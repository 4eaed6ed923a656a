import ArgumentParser
import Foundation

/// The `rampart` command line: training, environment rollouts and benchmarks.
struct Rampart: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rampart",
    abstract: "Rampart: secure reinforcement learning as a service, from the terminal.",
    subcommands: [
      DemoCommand.self, ConsoleCommand.self, TrainCommand.self, InitCommand.self, JobsCommand.self,
      ModelsCommand.self, PromoteCommand.self, AuditCommand.self, AccessCommand.self,
      PolicyCommand.self,
      QuotaCommand.self, AlertsCommand.self, IncidentsCommand.self, DrillCommand.self,
      DataCommand.self, EnvCommand.self, BenchCommand.self, AuditStressCommand.self,
    ])
}

/// Parses and runs a command; user errors print one line and exit 2.
@main
enum Main {
  static func main() {
    do {
      var command = try Rampart.parseAsRoot()
      try command.run()
    } catch let error as UsageError {
      fail(error.description)
    } catch let error as CommandFailure {
      FileHandle.standardError.write(Data("rampart: \(error.description)\n".utf8))
      exit(error.code)
    } catch {
      let code = Rampart.exitCode(for: error)
      if code == .success {
        say(Rampart.fullMessage(for: error))
        exit(0)
      }
      let message =
        Rampart.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
      fail(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
    }
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rampart: \(message)\n".utf8))
    exit(2)
  }
}

/// A command that ran but did not succeed (exit code 1 unless given).
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  var code: Int32 = 1
}
