import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The workspace's engine lock: an exclusive `flock` on `engine.lock`, held for the life of the
/// process that runs the engine. The kernel releases it if that process dies.
public final class EngineLock: Sendable {
  private let fd: Int32
  public let path: String

  /// Takes the lock or says who holds it.
  public init(path: String) throws(WorkspaceError) {
    let fd = open(path, O_RDWR | O_CREAT, 0o600)
    guard fd >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      var buffer = [UInt8](repeating: 0, count: 128)
      let n = pread(fd, &buffer, buffer.count, 0)
      close(fd)
      let holder =
        n > 0
        ? String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines) : "unknown"
      throw .locked(path: path, holder: holder)
    }
    let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
    ftruncate(fd, 0)
    _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    self.fd = fd
    self.path = path
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
