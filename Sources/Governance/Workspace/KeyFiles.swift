import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Secret key files: created with mode 0600 in a 0700 folder, and refused when group or others
/// can read them.
enum KeyFiles {
  static func write(_ bytes: Data, to path: String) throws(WorkspaceError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw .io("cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(fd) == 0 else { throw .io("cannot write \(path)") }
  }

  static func read(_ path: String, length: Int) throws(WorkspaceError) -> Data {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw .badKey(path: path, reason: "missing (the workspace's keys are gone)")
    }
    let mode = info.st_mode & 0o777
    guard mode & 0o077 == 0 else { throw .insecureKey(path: path, mode: String(mode, radix: 8)) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .badKey(path: path, reason: "unreadable")
    }
    guard data.count == length else {
      throw .badKey(path: path, reason: "expected a \(length)-byte key, found \(data.count) bytes")
    }
    return data
  }

  static func makeDirectory(_ path: String, mode: mode_t) throws(WorkspaceError) {
    if mkdir(path, mode) != 0 && errno != EEXIST {
      throw .io("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    chmod(path, mode)
  }
}
