import Crypto
import Foundation
import GRDB
import Storage

/// One version of a model, as the registry shows it.
public struct ModelVersion: Codable, Sendable, Hashable {
  public var model: String
  public var version: Int
  /// candidate | archived
  public var status: String
  public var job: String?
  public var artifactSHA256: String
  public var provenance: Provenance
  public var createdAt: Date
  public var createdBy: String
  /// Aliases that point at this version now.
  public var aliases: [String]
}

/// One move of an alias.
public struct AliasEvent: Codable, Sendable, Hashable {
  public var model: String
  public var alias: String
  public var version: Int?
  public var time: Date
  public var principal: String
  public var reason: String
  public var request: Int64?
}

/// A model and where its aliases point.
public struct ModelSummary: Codable, Sendable, Hashable {
  public var name: String
  public var versions: Int
  public var latest: Int
  public var aliases: [String: Int]
  public var createdAt: Date
  public var createdBy: String
}

/// The result of checking an artifact before it is used.
public enum ArtifactIntegrity: Error, Codable, Sendable, Hashable, CustomStringConvertible {
  case verified
  case missing(String)
  case decryptionFailed
  case hashMismatch(expected: String, found: String)
  case signatureInvalid

  public var description: String {
    switch self {
    case .verified: "verified (AES-GCM tag, SHA-256 and Ed25519 signature)"
    case .missing(let path): "artifact file missing: \(path)"
    case .decryptionFailed:
      "artifact does not decrypt: the encrypted file was altered (AES-GCM tag mismatch)"
    case .hashMismatch(let e, let f):
      "artifact SHA-256 \(f.prefix(12)) does not match the recorded \(e.prefix(12))"
    case .signatureInvalid: "the version's Ed25519 signature does not verify"
    }
  }
}

/// Why a registry operation failed.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The model registry: versions with provenance, artifacts encrypted at rest (AES-GCM) and signed
/// (Ed25519 over the artifact's SHA-256 and the provenance), aliases with their full history.
public final class ModelRegistry: Sendable {
  public static let aliases = ["staging", "production"]
  let workspace: Workspace
  let store: Store

  public init(workspace: Workspace, store: Store) {
    self.workspace = workspace
    self.store = store
  }

  static func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

  /// What the signature covers.
  static func signedMessage(model: String, version: Int, sha256: String, provenance: String) -> Data
  {
    var m = Data("rampart-artifact-v1".utf8)
    m.append(Data(model.utf8))
    m.append(0)
    withUnsafeBytes(of: UInt64(version).bigEndian) { m.append(contentsOf: $0) }
    m.append(Data(sha256.utf8))
    m.append(Data(SHA256.hash(data: Data(provenance.utf8))))
    return m
  }

  static func encodeProvenance(_ p: Provenance) -> String {
    (try? RegistryJSON.encoder.encode(p)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// Registers a new version of `model` (created if new): encrypts and signs the artifact.
  public func register(model: String, artifact: Data, provenance: Provenance, by principal: String)
    throws
    -> ModelVersion
  {
    guard Self.isValidName(model) else {
      throw RegistryError("model name \"\(model)\" must be 1–80 letters, digits, . _ -")
    }
    let provenanceJSON = Self.encodeProvenance(provenance)
    let sha = SHA256.hash(data: artifact).hex
    let now = Self.nowMs()
    return try store.writer.write { db in
      if try ModelRecord.fetchOne(db, key: model) == nil {
        try ModelRecord(name: model, createdAtMs: now, createdBy: principal).insert(db)
      }
      let version =
        (try Int.fetchOne(
          db, sql: "SELECT MAX(version) FROM model_version WHERE model = ?", arguments: [model])
          ?? 0) + 1
      let relative = "artifacts/\(model)/\(version).safetensors.aesgcm"
      let path = workspace.root.appendingPathComponent(relative)
      try FileManager.default.createDirectory(
        at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
      let sealed = try AES.GCM.seal(
        artifact, using: workspace.derivedKey("artifact-aes-gcm"),
        authenticating: Data("\(model)/\(version)".utf8))
      guard let combined = sealed.combined else {
        throw RegistryError("AES-GCM produced no ciphertext")
      }
      try combined.write(to: path, options: .atomic)
      let signature = try workspace.signingKey.signature(
        for: Self.signedMessage(
          model: model, version: version, sha256: sha, provenance: provenanceJSON))
      let record = ModelVersionRecord(
        model: model, version: version, status: "candidate", job: provenance.job,
        artifactPath: relative,
        artifactSHA256: sha, signature: signature, provenance: provenanceJSON, createdAtMs: now,
        createdBy: principal)
      try record.insert(db)
      return try Self.version(from: record, aliases: [])
    }
  }

  public static func isValidName(_ name: String) -> Bool {
    (1...80).contains(name.count)
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
      }
  }

  static func version(from r: ModelVersionRecord, aliases: [String]) throws -> ModelVersion {
    let provenance = try RegistryJSON.decoder.decode(Provenance.self, from: Data(r.provenance.utf8))
    return ModelVersion(
      model: r.model, version: r.version, status: r.status, job: r.job,
      artifactSHA256: r.artifactSHA256,
      provenance: provenance, createdAt: Date(timeIntervalSince1970: Double(r.createdAtMs) / 1000),
      createdBy: r.createdBy, aliases: aliases)
  }

  // MARK: Reading

  /// Current alias holders of a model at `time` (now if nil).
  public func aliasHolders(_ model: String, at time: Date? = nil) throws -> [String: Int] {
    try store.writer.read { db in try Self.holders(db, model, at: time) }
  }

  static func holders(_ db: GRDB.Database, _ model: String, at time: Date?) throws -> [String: Int]
  {
    let limit = time.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? Int64.max
    var out: [String: Int] = [:]
    for alias in aliases {
      let event = try AliasEventRecord.fetchOne(
        db,
        sql:
          "SELECT * FROM alias_event WHERE model = ? AND alias = ? AND time_ms <= ? ORDER BY id DESC LIMIT 1",
        arguments: [model, alias, limit])
      if let v = event?.version { out[alias] = v }
    }
    return out
  }

  public func models() throws -> [ModelSummary] {
    try store.writer.read { db in
      try ModelRecord.order(Column("name")).fetchAll(db).map { m in
        let count =
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM model_version WHERE model = ?", arguments: [m.name]) ?? 0
        let latest =
          try Int.fetchOne(
            db, sql: "SELECT MAX(version) FROM model_version WHERE model = ?", arguments: [m.name])
          ?? 0
        return ModelSummary(
          name: m.name, versions: count, latest: latest,
          aliases: try Self.holders(db, m.name, at: nil),
          createdAt: Date(timeIntervalSince1970: Double(m.createdAtMs) / 1000),
          createdBy: m.createdBy)
      }
    }
  }

  public func versions(of model: String) throws -> [ModelVersion] {
    try store.writer.read { db in
      let holders = try Self.holders(db, model, at: nil)
      return try ModelVersionRecord.filter(Column("model") == model).order(Column("version"))
        .fetchAll(db).map { r in
          try Self.version(
            from: r, aliases: holders.filter { $0.value == r.version }.map(\.key).sorted())
        }
    }
  }

  public func version(_ model: String, _ version: Int) throws -> ModelVersion? {
    try versions(of: model).first { $0.version == version }
  }

  /// Every alias move of `model`, oldest first.
  public func history(of model: String) throws -> [AliasEvent] {
    try store.writer.read { db in
      try AliasEventRecord.filter(Column("model") == model).order(Column("id")).fetchAll(db).map {
        AliasEvent(
          model: $0.model, alias: $0.alias, version: $0.version,
          time: Date(timeIntervalSince1970: Double($0.timeMs) / 1000), principal: $0.principal,
          reason: $0.reason,
          request: $0.request)
      }
    }
  }

  /// Decrypts an artifact and checks its hash and signature.
  public func loadArtifact(_ model: String, _ version: Int) throws -> Result<
    Data, ArtifactIntegrity
  > {
    guard
      let r = try store.writer.read({ db in
        try ModelVersionRecord.fetchOne(db, key: ["model": model, "version": version])
      })
    else { throw RegistryError("no version \(version) of model \(model)") }
    let path = workspace.root.appendingPathComponent(r.artifactPath)
    guard let sealedBytes = FileManager.default.contents(atPath: path.path) else {
      return .failure(.missing(path.path))
    }
    let plain: Data
    do {
      plain = try AES.GCM.open(
        AES.GCM.SealedBox(combined: sealedBytes), using: workspace.derivedKey("artifact-aes-gcm"),
        authenticating: Data("\(model)/\(version)".utf8))
    } catch {
      return .failure(.decryptionFailed)
    }
    let sha = SHA256.hash(data: plain).hex
    guard sha == r.artifactSHA256 else {
      return .failure(.hashMismatch(expected: r.artifactSHA256, found: sha))
    }
    let message = Self.signedMessage(
      model: model, version: version, sha256: sha, provenance: r.provenance)
    guard workspace.signingKey.publicKey.isValidSignature(r.signature, for: message) else {
      return .failure(.signatureInvalid)
    }
    return .success(plain)
  }

  // MARK: Changing (authorisation and audit are the caller's)

  /// Points `alias` of `model` at `version` (nil clears it) and records who did it.
  public func moveAlias(
    model: String, alias: String, to version: Int?, by principal: String, reason: String,
    request: Int64?
  )
    throws
  {
    guard Self.aliases.contains(alias) else {
      throw RegistryError("alias must be staging or production, not \(alias)")
    }
    try store.writer.write { db in
      var event = AliasEventRecord(
        model: model, alias: alias, version: version, timeMs: Self.nowMs(), principal: principal,
        reason: reason,
        request: request)
      try event.insert(db)
    }
  }

  /// The version `alias` held before its current holder (for rollback).
  public func previousHolder(model: String, alias: String) throws -> Int? {
    let events = try history(of: model).filter { $0.alias == alias }
    guard let current = events.last?.version else { return nil }
    return events.dropLast().reversed().first { $0.version != nil && $0.version != current }?
      .version
  }

  public func setStatus(model: String, version: Int, status: String) throws {
    guard ["candidate", "archived"].contains(status) else {
      throw RegistryError("status must be candidate or archived")
    }
    try store.writer.write { db in
      try db.execute(
        sql: "UPDATE model_version SET status = ? WHERE model = ? AND version = ?",
        arguments: [status, model, version])
    }
  }
}
