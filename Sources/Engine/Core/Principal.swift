import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Who performs an action: an OS user, a service account, a demo principal, or `system` (the
/// platform acting by itself). Every Engine command takes one.
public struct Principal: Hashable, Codable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let name: String

  public init(_ name: String) { self.name = name }
  public init(stringLiteral value: String) { self.init(value) }

  /// The platform itself: registering candidates, raising alerts, finishing jobs.
  public static let system = Principal("system")

  public var isSystem: Bool { self == .system }
  public var description: String { name }

  /// The OS user running this process (effective uid), or `uid-N` when it has no passwd entry or
  /// its name is `system`. Never `$USER`: the environment is the caller's to set, and `system`
  /// (the platform, which holds every permission) must not be reachable through it.
  public static func currentUser() -> Principal {
    #if canImport(Glibc)
      if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
        let user = Principal(String(cString: name))
        if !user.isSystem { return user }
      }
    #endif
    return Principal("uid-\(geteuid())")
  }

  /// Whether `name` is acceptable as a principal name (letters, digits, `._-@`, 1–64 chars).
  public static func isValidName(_ name: String) -> Bool {
    guard (1...64).contains(name.count) else { return false }
    return name.unicodeScalars.allSatisfy {
      ($0.value < 128 && (CharacterSet.alphanumerics.contains($0)))
        || "._-@".unicodeScalars.contains($0)
    }
  }
}
