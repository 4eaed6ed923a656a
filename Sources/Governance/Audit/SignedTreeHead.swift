import Crypto
import Foundation
import Storage

/// A tree head signed with the workspace's Ed25519 key: the log had `treeSize` entries with this
/// root at this time. Exported heads kept off the host anchor the log against a rewrite.
public struct SignedTreeHead: Sendable, Hashable {
  public let treeSize: Int64
  public let rootHash: Data
  public let timeMs: Int64
  public let signature: Data
  /// First 16 hex digits of SHA-256 of the public key.
  public let keyID: String

  public var time: Date { Date(timeIntervalSince1970: Double(timeMs) / 1000) }

  /// What the signature covers: a fixed text form, so other tools can check it.
  public static func signedBytes(treeSize: Int64, rootHash: Data, timeMs: Int64) -> Data {
    Data("rampart-audit-head:v1:\(treeSize):\(rootHash.hex):\(timeMs)".utf8)
  }

  static func sign(
    treeSize: Int64, rootHash: Data, timeMs: Int64, key: Curve25519.Signing.PrivateKey
  ) throws -> SignedTreeHead {
    let sig = try key.signature(
      for: signedBytes(treeSize: treeSize, rootHash: rootHash, timeMs: timeMs))
    return SignedTreeHead(
      treeSize: treeSize, rootHash: rootHash, timeMs: timeMs, signature: sig,
      keyID: keyID(key.publicKey))
  }

  public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
    String(SHA256.hash(data: key.rawRepresentation).hex.prefix(16))
  }

  public func isSignatureValid(_ key: Curve25519.Signing.PublicKey) -> Bool {
    key.isValidSignature(
      signature, for: Self.signedBytes(treeSize: treeSize, rootHash: rootHash, timeMs: timeMs))
  }

  init(treeSize: Int64, rootHash: Data, timeMs: Int64, signature: Data, keyID: String) {
    self.treeSize = treeSize
    self.rootHash = rootHash
    self.timeMs = timeMs
    self.signature = signature
    self.keyID = keyID
  }

  init(record r: TreeHeadRecord) {
    self.init(
      treeSize: r.treeSize, rootHash: r.rootHash, timeMs: r.timeMs, signature: r.signature,
      keyID: r.keyID)
  }

  // MARK: Export

  private struct Wire: Codable {
    var treeSize: Int64
    var rootHash: String
    var timeMs: Int64
    var time: String?
    var signature: String
    var keyID: String
    var publicKey: String?

    enum CodingKeys: String, CodingKey {
      case treeSize = "tree_size"
      case rootHash = "root_hash"
      case timeMs = "time_ms"
      case time, signature
      case keyID = "key_id"
      case publicKey = "public_key"
    }
  }

  /// One line of JSON with hex fields and the public key, for `rampart audit head`.
  public func exportJSON(publicKey: Curve25519.Signing.PublicKey? = nil) -> String {
    let wire = Wire(
      treeSize: treeSize, rootHash: rootHash.hex, timeMs: timeMs, time: time.auditText,
      signature: signature.hex, keyID: keyID, publicKey: publicKey?.rawRepresentation.hex)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: (try? encoder.encode(wire)) ?? Data(), as: UTF8.self)
  }

  /// Reads an exported head; the error says which field is wrong.
  public static func parse(json text: String) throws(AuditLogError) -> SignedTreeHead {
    let wire: Wire
    do {
      wire = try JSONDecoder().decode(Wire.self, from: Data(text.utf8))
    } catch {
      throw .malformedHead(
        "not an exported tree head (tree_size, root_hash, time_ms, signature, key_id)")
    }
    guard let root = Data(hexString: wire.rootHash), root.count == 32 else {
      throw .malformedHead("root_hash must be 64 hex digits")
    }
    guard let sig = Data(hexString: wire.signature), sig.count == 64 else {
      throw .malformedHead("signature must be 128 hex digits")
    }
    guard wire.treeSize >= 0 else { throw .malformedHead("tree_size must not be negative") }
    return SignedTreeHead(
      treeSize: wire.treeSize, rootHash: root, timeMs: wire.timeMs, signature: sig,
      keyID: wire.keyID)
  }
}

extension SignedTreeHead: Encodable {
  public func encode(to encoder: any Encoder) throws {
    try Wire(
      treeSize: treeSize, rootHash: rootHash.hex, timeMs: timeMs, time: time.auditText,
      signature: signature.hex, keyID: keyID, publicKey: nil
    ).encode(to: encoder)
  }
}

/// Why the audit log refused something.
public enum AuditLogError: Error, Sendable, CustomStringConvertible, Equatable {
  case storage(String)
  case noSuchEntry(Int64)
  case badTreeSize(String)
  case malformedHead(String)

  public var description: String {
    switch self {
    case .storage(let why): "audit log storage: \(why)"
    case .noSuchEntry(let seq): "the audit log has no entry \(seq)"
    case .badTreeSize(let why): why
    case .malformedHead(let why): "malformed tree head: \(why)"
    }
  }
}

/// An RFC 9162 inclusion proof for one entry against a tree head.
public struct InclusionProof: Sendable, Hashable, Encodable {
  public let leafIndex: Int64
  public let treeSize: Int64
  public let leafHash: Data
  public let path: [Data]
  public let rootHash: Data

  public func verify() -> Bool {
    MerkleHash.verifyInclusion(
      leafHash: leafHash, index: leafIndex, treeSize: treeSize, path: path, root: rootHash)
  }

  enum CodingKeys: String, CodingKey {
    case leafIndex = "leaf_index"
    case treeSize = "tree_size"
    case leafHash = "leaf_hash"
    case path
    case rootHash = "root_hash"
    case verified
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(leafIndex, forKey: .leafIndex)
    try c.encode(treeSize, forKey: .treeSize)
    try c.encode(leafHash.hex, forKey: .leafHash)
    try c.encode(path.map(\.hex), forKey: .path)
    try c.encode(rootHash.hex, forKey: .rootHash)
    try c.encode(verify(), forKey: .verified)
  }
}

/// An RFC 9162 consistency proof: the older tree is a prefix of the newer one.
public struct ConsistencyProof: Sendable, Hashable, Encodable {
  public let oldSize: Int64
  public let newSize: Int64
  public let oldRoot: Data
  public let newRoot: Data
  public let path: [Data]

  public func verify() -> Bool {
    MerkleHash.verifyConsistency(
      first: oldSize, second: newSize, firstRoot: oldRoot, secondRoot: newRoot, path: path)
  }

  enum CodingKeys: String, CodingKey {
    case oldSize = "old_size"
    case newSize = "new_size"
    case oldRoot = "old_root"
    case newRoot = "new_root"
    case path, verified
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(oldSize, forKey: .oldSize)
    try c.encode(newSize, forKey: .newSize)
    try c.encode(oldRoot.hex, forKey: .oldRoot)
    try c.encode(newRoot.hex, forKey: .newRoot)
    try c.encode(path.map(\.hex), forKey: .path)
    try c.encode(verify(), forKey: .verified)
  }
}
