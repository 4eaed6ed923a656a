import ArgumentParser
import ConfigFile
import Engine
import Foundation
import Governance

/// `rampart access ...`.
struct AccessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "access", abstract: "Principals and their roles.",
    subcommands: [Apply.self, Show.self])

  struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Apply the workspace's access.toml (admin; validated, audited with its hash).")
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let g = try workspace.governance(requireUnchanged: false)
      let hash = try attempt { try g.apply(.access, by: Principal.currentUser().name) }
      say("applied \(g.workspace.accessPath) (sha256:\(hash.prefix(16)))")
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Who holds which roles (as applied).")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let g = try workspace.governance(requireUnchanged: false)
      let listing = try attempt { try g.principals(as: Principal.currentUser().name) }
      for (name, roles) in listing {
        say(
          json
            ? JSONLine(["principal": .string(name), "roles": .array(roles.map { .string($0) })])
              .text : "\(name): \(roles.joined(separator: ", "))")
      }
    }
  }
}

/// `rampart policy ...`.
struct PolicyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "policy", abstract: "Policy-as-code: roles, permissions and deny rules.",
    subcommands: [Check.self, Test.self, Apply.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate a policy file (file:line errors) and prove separation of duties.")
    @Argument(help: "The policy file.") var file: String
    func run() throws {
      let policy: PolicyDocument
      do {
        policy = try PolicyDocument.parse(try fileBytes(file), source: file)
      } catch {
        throw CommandFailure(description: error.description)
      }
      let report = PolicyCheck.run(policy)
      say(report.text)
      if !report.isPassing {
        throw CommandFailure(description: "\(file): separation of duties does not hold")
      }
    }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the decision a policy file makes for a request.",
      discussion: """
        --request '{"principal":"dana","roles":["data-scientist"],"action":"job.submit","attributes":{"environment":"capacity","monitor":"off"}}'
        (without "roles", --access FILE looks them up)
        """)
    @Argument(help: "The policy file.") var file: String
    @Option(help: "The request as JSON.") var request: String
    @Option(help: "An access file to look up the principal's roles.") var access: String?
    func run() throws {
      do {
        let policy = try PolicyDocument.parse(try fileBytes(file), source: file)
        let accessDoc = try access.map {
          try AccessDocument.parse(try fileBytes($0), source: $0)
        }
        let decision = try PolicyTest.run(policy: policy, access: accessDoc, request: request)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        say(String(decoding: try encoder.encode(decision), as: UTF8.self))
      } catch let error as CommandFailure {
        throw error
      } catch let error as ConfigError {
        throw CommandFailure(description: error.description)
      } catch {
        throw CommandFailure(description: "\(error)")
      }
    }
  }

  struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Apply the workspace's policy.toml (admin; validated, audited with its hash).")
    @OptionGroup var workspace: WorkspaceOptions
    func run() throws {
      let g = try workspace.governance(requireUnchanged: false)
      let hash = try attempt { try g.apply(.policy, by: Principal.currentUser().name) }
      say("applied \(g.workspace.policyPath) (sha256:\(hash.prefix(16)))")
    }
  }
}

/// A policy or access file's bytes; the parser names the line of any invalid UTF-8.
private func fileBytes(_ path: String) throws(ConfigError) -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
    throw ConfigError(source: path, line: 0, message: "the file \(reason)")
  }
  return [UInt8](data)
}
