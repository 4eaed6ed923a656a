/// Why a workspace could not be created, opened or used; messages say what fixes it.
public enum WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible {
  case notFound(String)
  case alreadyExists(String)
  case insecureKey(path: String, mode: String)
  case badKey(path: String, reason: String)
  case io(String)
  case locked(path: String, holder: String)
  case configChanged(kind: String, path: String, applied: String, current: String)
  case notApplied(kind: String)
  case invalidConfig(String)

  public var description: String {
    switch self {
    case .notFound(let path):
      "no workspace at \(path): create one with `rampart init --workspace \(path)`"
    case .alreadyExists(let path): "a workspace already exists at \(path)"
    case .insecureKey(let path, let mode):
      "\(path) is readable by others (mode \(mode)): run `chmod 600 \(path)`; Rampart refuses keys others can read"
    case .badKey(let path, let reason): "\(path): \(reason)"
    case .io(let why): why
    case .locked(let path, let holder):
      "another rampart process (\(holder)) runs this workspace's engine (lock \(path)); use its console, or send commands that queue for it (e.g. `rampart jobs control stop ID`)"
    case .configChanged(let kind, let path, let applied, let current):
      "\(path) was edited since it was last applied (applied sha256:\(applied.prefix(12)), file sha256:\(current.prefix(12))): review it, then run `rampart \(kind) apply` as an admin"
    case .notApplied(let kind): "no \(kind) file has been applied: run `rampart \(kind) apply`"
    case .invalidConfig(let why): why
    }
  }
}
