import Foundation

/// The Rampart version and the git commit the running binary was built from.
public enum BuildInfo {
  public static let version = "0.4.0"

  /// The commit of the repository the executable lives in (`.build/...` inside a checkout), read
  /// from `.git` without running git; "unknown" when the binary is not inside a checkout.
  public static let gitCommit: String = {
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while dir.path != "/" && !dir.path.isEmpty {
      let git = dir.appendingPathComponent(".git")
      if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
        let line = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("ref: ") else { return String(line.prefix(40)) }
        let ref = String(line.dropFirst(5))
        if let commit = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
          return commit.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let packed = try? String(
          contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8),
          let entry = packed.split(separator: "\n").first(where: { $0.hasSuffix(" " + ref) })
        {
          return String(entry.prefix(40))
        }
        return "unknown"
      }
      dir = dir.deletingLastPathComponent()
    }
    return "unknown"
  }()
}
