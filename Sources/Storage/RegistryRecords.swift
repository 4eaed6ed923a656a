import Foundation
import GRDB

/// A row of `model`.
public struct ModelRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "model"
  public var name: String
  public var createdAtMs: Int64
  public var createdBy: String

  enum CodingKeys: String, CodingKey {
    case name
    case createdAtMs = "created_at_ms"
    case createdBy = "created_by"
  }

  public init(name: String, createdAtMs: Int64, createdBy: String) {
    self.name = name
    self.createdAtMs = createdAtMs
    self.createdBy = createdBy
  }
}

/// A row of `model_version`.
public struct ModelVersionRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "model_version"
  public var model: String
  public var version: Int
  public var status: String
  public var job: String?
  public var artifactPath: String
  public var artifactSHA256: String
  public var signature: Data
  public var provenance: String
  public var createdAtMs: Int64
  public var createdBy: String

  enum CodingKeys: String, CodingKey {
    case model, version, status, job
    case artifactPath = "artifact_path"
    case artifactSHA256 = "artifact_sha256"
    case signature, provenance
    case createdAtMs = "created_at_ms"
    case createdBy = "created_by"
  }

  public init(
    model: String, version: Int, status: String, job: String?, artifactPath: String,
    artifactSHA256: String,
    signature: Data, provenance: String, createdAtMs: Int64, createdBy: String
  ) {
    self.model = model
    self.version = version
    self.status = status
    self.job = job
    self.artifactPath = artifactPath
    self.artifactSHA256 = artifactSHA256
    self.signature = signature
    self.provenance = provenance
    self.createdAtMs = createdAtMs
    self.createdBy = createdBy
  }
}

/// A row of `alias_event`.
public struct AliasEventRecord: Codable, Sendable, Hashable, FetchableRecord,
  MutablePersistableRecord
{
  public static let databaseTableName = "alias_event"
  public var id: Int64?
  public var model: String
  public var alias: String
  public var version: Int?
  public var timeMs: Int64
  public var principal: String
  public var reason: String
  public var request: Int64?

  enum CodingKeys: String, CodingKey {
    case id, model, alias, version
    case timeMs = "time_ms"
    case principal, reason, request
  }

  public init(
    id: Int64? = nil, model: String, alias: String, version: Int?, timeMs: Int64, principal: String,
    reason: String,
    request: Int64?
  ) {
    self.id = id
    self.model = model
    self.alias = alias
    self.version = version
    self.timeMs = timeMs
    self.principal = principal
    self.reason = reason
    self.request = request
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `promotion_request`.
public struct PromotionRequestRecord: Codable, Sendable, Hashable, FetchableRecord,
  MutablePersistableRecord
{
  public static let databaseTableName = "promotion_request"
  public var id: Int64?
  public var model: String
  public var version: Int
  public var alias: String
  public var requester: String
  public var reason: String
  public var status: String
  public var createdAtMs: Int64
  public var decidedBy: String?
  public var decidedAtMs: Int64?
  public var decisionReason: String?
  public var review: String?

  enum CodingKeys: String, CodingKey {
    case id, model, version, alias, requester, reason, status
    case createdAtMs = "created_at_ms"
    case decidedBy = "decided_by"
    case decidedAtMs = "decided_at_ms"
    case decisionReason = "decision_reason"
    case review
  }

  public init(
    id: Int64? = nil, model: String, version: Int, alias: String, requester: String, reason: String,
    status: String,
    createdAtMs: Int64, decidedBy: String? = nil, decidedAtMs: Int64? = nil,
    decisionReason: String? = nil,
    review: String? = nil
  ) {
    self.id = id
    self.model = model
    self.version = version
    self.alias = alias
    self.requester = requester
    self.reason = reason
    self.status = status
    self.createdAtMs = createdAtMs
    self.decidedBy = decidedBy
    self.decidedAtMs = decidedAtMs
    self.decisionReason = decisionReason
    self.review = review
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
