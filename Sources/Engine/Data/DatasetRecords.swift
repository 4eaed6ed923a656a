import DataPipeline
import Foundation
import GRDB

/// Sensitivity of a dataset; policy decides who reads which.
public enum Classification: String, Codable, Sendable, CaseIterable {
  case `public`, `internal`, confidential, restricted
}

public enum DataZone: String, Codable, Sendable {
  /// Raw, identifying data as ingested; the data steward's alone.
  case landing
  /// De-identified versions that jobs and data scientists read.
  case processing
}

/// One dataset and its latest state.
public struct DatasetSummary: Codable, Sendable, Hashable {
  public var name: String
  public var classification: Classification
  public var createdAt: Date
  public var createdBy: String
  public var versions: Int
  public var latestLanding: Int?
  public var latestProcessed: Int?
}

/// One stored version of a dataset in one zone, with its lineage.
public struct DatasetVersion: Codable, Sendable, Hashable {
  public var dataset: String
  public var version: Int
  public var zone: DataZone
  public var createdAt: Date
  public var createdBy: String
  /// SHA-256 of the plaintext content (CSV for processed versions, the file as ingested for
  /// landing versions).
  public var sha256: String
  public var rows: Int
  public var columns: [String]
  /// Landing: the ingested file's name, or `drill:data-poison`.
  public var source: String?
  /// Processing: the landing version it was made from.
  public var sourceVersion: Int?
  public var transformSHA256: String?
  /// Processing: column -> action, as the transform said.
  public var transform: [String: String]?
  public var quasiIdentifiers: [String]?
  public var kAnonymity: Int?
  /// The latest PII scan of this version (nil before any scan).
  public var pii: [PIIFinding]?
  /// Processing: distances from the previous processed version, per column.
  public var drift: [ColumnDrift]?
  var file: String
  var vaultFile: String?

  public var label: String { "\(dataset)@v\(version)" }
}

enum DatasetStore {
  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return e
  }()
  static let decoder = JSONDecoder()

  static func json<T: Encodable>(_ value: T?) -> String? {
    value.flatMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) }
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
    text.flatMap { try? decoder.decode(T.self, from: Data($0.utf8)) }
  }

  static func version(_ row: Row) -> DatasetVersion {
    DatasetVersion(
      dataset: row["dataset"], version: row["version"],
      zone: DataZone(rawValue: row["zone"]) ?? .landing,
      createdAt: DetectionStore.date(row["created_at_ms"]),
      createdBy: row["created_by"], sha256: row["sha256"], rows: row["rows"],
      columns: decode([String].self, row["columns"]) ?? [], source: row["source"],
      sourceVersion: row["source_version"], transformSHA256: row["transform_sha256"],
      transform: decode([String: String].self, row["transform"]),
      quasiIdentifiers: decode([String].self, row["quasi_identifiers"]),
      kAnonymity: row["k_anonymity"], pii: decode([PIIFinding].self, row["pii"]),
      drift: decode([ColumnDrift].self, row["drift"]), file: row["file"],
      vaultFile: row["vault_file"])
  }

  static func insert(_ v: DatasetVersion, in db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO dataset_version (dataset, version, zone, created_at_ms, created_by, file, sha256,
          rows, columns, source, source_version, transform_sha256, transform, quasi_identifiers,
          k_anonymity, pii, vault_file, drift)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        v.dataset, v.version, v.zone.rawValue, DetectionStore.ms(v.createdAt), v.createdBy, v.file,
        v.sha256,
        v.rows, json(v.columns), v.source, v.sourceVersion, v.transformSHA256, json(v.transform),
        json(v.quasiIdentifiers), v.kAnonymity, json(v.pii), v.vaultFile, json(v.drift),
      ])
  }

  static func versions(of dataset: String, in db: Database) throws -> [DatasetVersion] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM dataset_version WHERE dataset = ? ORDER BY version",
      arguments: [dataset]
    ).map(version)
  }

  static func classification(of dataset: String, in db: Database) throws -> Classification? {
    try String.fetchOne(
      db, sql: "SELECT classification FROM dataset WHERE name = ?", arguments: [dataset]
    ).flatMap(Classification.init(rawValue:))
  }

  static func datasets(in db: Database) throws -> [DatasetSummary] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT d.*, COUNT(v.version) AS versions,
          MAX(CASE WHEN v.zone = 'landing' THEN v.version END) AS landing,
          MAX(CASE WHEN v.zone = 'processing' THEN v.version END) AS processed
        FROM dataset d LEFT JOIN dataset_version v ON v.dataset = d.name
        GROUP BY d.name ORDER BY d.name
        """
    ).map {
      DatasetSummary(
        name: $0["name"],
        classification: Classification(rawValue: $0["classification"]) ?? .restricted,
        createdAt: DetectionStore.date($0["created_at_ms"]), createdBy: $0["created_by"],
        versions: $0["versions"],
        latestLanding: $0["landing"], latestProcessed: $0["processed"])
    }
  }
}
