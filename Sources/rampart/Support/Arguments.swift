import ArgumentParser
import Engine
import Foundation
import Learning

extension EnvironmentID: ExpressibleByArgument {}
extension AlgorithmID: ExpressibleByArgument {}
extension MonitorMode: ExpressibleByArgument {}

/// A user error the CLI reports in one line with exit code 2.
struct UsageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Applies `--hp NAME=VALUE` overrides to a spec's hyper-parameters.
enum HyperParameterOverrides {
  static func apply(_ pairs: [String], to spec: inout JobSpec) throws {
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw UsageError("--hp expects NAME=VALUE, got \"\(pair)\"") }
      do {
        try spec.override(parts[0], with: parts[1])
      } catch {
        throw UsageError("--hp \(error.description)")
      }
    }
  }
}

/// Parses comma-separated numbers, naming the option and the bad element.
func parseList<T>(_ text: String, option: String, _ convert: (String) -> T?) throws -> [T] {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
    $0.trimmingCharacters(in: .whitespaces)
  }
  return try parts.enumerated().map { index, part in
    guard let value = convert(part) else {
      throw UsageError("\(option): element \(index + 1) (\"\(part)\") is not valid")
    }
    return value
  }
}
