import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

public enum SealedFileError: Error, Sendable, CustomStringConvertible {
  case io(String)
  /// The bytes do not open under the key and label: edited, truncated, or moved from another
  /// dataset version.
  case tampered(String)

  public var description: String {
    switch self {
    case .io(let m): m
    case .tampered(let path):
      "\(path) does not decrypt: it was altered, truncated or swapped with another version's file"
    }
  }
}

/// Data at rest: AES-256-GCM over the whole content, with a label (dataset, version, zone) as
/// authenticated data so a file cannot be swapped for another version's. Written atomically:
/// a temporary file in the same folder, fsync, rename; a failure leaves nothing behind.
public enum SealedFile {
  public static func write(_ plaintext: [UInt8], to path: String, key: SymmetricKey, label: String)
    throws(SealedFileError)
  {
    let sealed: Data
    do {
      guard
        let combined = try AES.GCM.seal(plaintext, using: key, authenticating: Data(label.utf8))
          .combined
      else { throw SealedFileError.io("cannot seal \(path)") }
      sealed = combined
    } catch let error as SealedFileError {
      throw error
    } catch {
      throw .io("cannot seal \(path): \(error)")
    }
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw .io("cannot create \(folder): \(error.localizedDescription)")
    }
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else {
      throw .io("cannot create \(temporary): \(String(cString: strerror(errno)))")
    }
    let written = sealed.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return true }
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, base + offset, buffer.count - offset)
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard written, synced, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw .io("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  public static func read(_ path: String, key: SymmetricKey, label: String) throws(SealedFileError)
    -> [UInt8]
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io("cannot read \(path) (missing from the workspace)")
    }
    do {
      let box = try AES.GCM.SealedBox(combined: data)
      return Array(try AES.GCM.open(box, using: key, authenticating: Data(label.utf8)))
    } catch {
      throw .tampered(path)
    }
  }
}

extension SealedFile {
  /// A whole file's bytes in one allocation (no intermediate `Data` to copy from).
  public static func readPlain(_ path: String) throws(SealedFileError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .io("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .io("cannot stat \(path)") }
    let size = Int(info.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var at = 0
      while at < size, let base = buffer.baseAddress {
        let n = Glibc.read(fd, base + at, size - at)
        if n <= 0 {
          failed = n < 0
          break
        }
        at += n
      }
      count = at
    }
    guard !failed else { throw .io("cannot read \(path): \(String(cString: strerror(errno)))") }
    return bytes
  }
}
