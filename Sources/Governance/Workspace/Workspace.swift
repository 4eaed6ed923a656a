import Crypto
import Foundation
import Storage

/// A workspace folder: the database, keys, access and policy files, encrypted artifacts and the
/// engine lock.
///
/// ```
/// rampart.sqlite   the database (WAL)
/// keys/            signing.key (Ed25519) and data.key (AES/HMAC master), mode 0600
/// access.toml      who holds which roles
/// policy.toml      what each role may do, and the rules that deny
/// artifacts/       model artifacts, AES-GCM encrypted
/// engine.lock      held by the process running the engine
/// ```
public struct Workspace: Sendable {
  public let root: URL
  /// Key material is kept as bytes (the Crypto key types are not Sendable) and wrapped on use.
  private let signingKeyBytes: Data
  /// The master secret; purpose keys are derived from it with HKDF.
  private let dataKeyBytes: Data

  /// The Ed25519 key that signs tree heads and artifacts.
  public var signingKey: Curve25519.Signing.PrivateKey {
    guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: signingKeyBytes) else {
      preconditionFailure("the signing key was validated when the workspace was opened")
    }
    return key
  }

  public var databasePath: String { root.appendingPathComponent("rampart.sqlite").path }
  public var accessPath: String { root.appendingPathComponent("access.toml").path }
  public var policyPath: String { root.appendingPathComponent("policy.toml").path }
  public var artifactsPath: String { root.appendingPathComponent("artifacts").path }
  public var lockPath: String { root.appendingPathComponent("engine.lock").path }
  static func keyPath(_ root: URL, _ name: String) -> String {
    root.appendingPathComponent("keys").appendingPathComponent(name).path
  }

  /// The default location: `$RAMPART_WORKSPACE`, else `$XDG_DATA_HOME/rampart`, else
  /// `~/.local/share/rampart`.
  public static func defaultLocation(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    if let explicit = environment["RAMPART_WORKSPACE"], !explicit.isEmpty {
      return URL(fileURLWithPath: explicit)
    }
    if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
      return URL(fileURLWithPath: data).appendingPathComponent("rampart")
    }
    let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
    return URL(fileURLWithPath: home).appendingPathComponent(".local/share/rampart")
  }

  /// Creates the folder, the keys and the default access and policy files (not yet applied).
  public static func create(at root: URL, accessText: String, policyText: String)
    throws(WorkspaceError) -> Workspace
  {
    let fm = FileManager.default
    if fm.fileExists(atPath: root.appendingPathComponent("rampart.sqlite").path)
      || fm.fileExists(atPath: keyPath(root, "signing.key"))
    {
      throw .alreadyExists(root.path)
    }
    do {
      try fm.createDirectory(at: root, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create \(root.path): \(error.localizedDescription)")
    }
    try KeyFiles.makeDirectory(root.path, mode: 0o700)
    try KeyFiles.makeDirectory(root.appendingPathComponent("keys").path, mode: 0o700)
    try KeyFiles.makeDirectory(root.appendingPathComponent("artifacts").path, mode: 0o700)
    let signing = Curve25519.Signing.PrivateKey()
    try KeyFiles.write(signing.rawRepresentation, to: keyPath(root, "signing.key"))
    let data = SymmetricKey(size: .bits256)
    try KeyFiles.write(data.withUnsafeBytes { Data($0) }, to: keyPath(root, "data.key"))
    for (path, text) in [
      (root.appendingPathComponent("access.toml").path, accessText),
      (root.appendingPathComponent("policy.toml").path, policyText),
    ] {
      guard
        fm.createFile(
          atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o640])
      else {
        throw .io("cannot write \(path)")
      }
    }
    return try open(at: root)
  }

  /// Opens an existing workspace, refusing keys that others can read.
  public static func open(at root: URL) throws(WorkspaceError) -> Workspace {
    guard FileManager.default.fileExists(atPath: keyPath(root, "signing.key")) else {
      throw .notFound(root.path)
    }
    let signingBytes = try KeyFiles.read(keyPath(root, "signing.key"), length: 32)
    let dataBytes = try KeyFiles.read(keyPath(root, "data.key"), length: 32)
    guard (try? Curve25519.Signing.PrivateKey(rawRepresentation: signingBytes)) != nil else {
      throw .badKey(path: keyPath(root, "signing.key"), reason: "not an Ed25519 private key")
    }
    return Workspace(root: root, signingKeyBytes: signingBytes, dataKeyBytes: dataBytes)
  }

  /// A key for one purpose (artifact encryption, pseudonyms, ...), derived from the master.
  public func derivedKey(_ purpose: String) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(
      inputKeyMaterial: SymmetricKey(data: dataKeyBytes), salt: Data("rampart-v1".utf8),
      info: Data(purpose.utf8), outputByteCount: 32)
  }

  /// Opens the workspace database.
  public func openStore(durability: Store.Durability = .full) throws(WorkspaceError) -> Store {
    do {
      return try Store.open(path: databasePath, durability: durability)
    } catch {
      throw .io("cannot open \(databasePath): \(error)")
    }
  }

  /// SHA-256 (hex) of a file's bytes, or nil if it is missing.
  public static func sha256(ofFile path: String) -> (hash: String, text: String)? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return (SHA256.hash(data: data).hex, String(decoding: data, as: UTF8.self))
  }
}

extension Sequence where Element == UInt8 {
  /// Lower-case hexadecimal.
  public var hex: String { map { String(format: "%02x", $0) }.joined() }
}
