import Foundation
import GRDB

/// A row of `audit_entry`.
public struct AuditEntryRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "audit_entry"
  public var seq: Int64
  public var timeMs: Int64
  public var principal: String
  public var action: String
  public var target: String
  public var outcome: String
  public var details: String
  public var leafHash: Data

  enum CodingKeys: String, CodingKey {
    case seq
    case timeMs = "time_ms"
    case principal, action, target, outcome, details
    case leafHash = "leaf_hash"
  }

  public init(
    seq: Int64, timeMs: Int64, principal: String, action: String, target: String, outcome: String,
    details: String, leafHash: Data
  ) {
    self.seq = seq
    self.timeMs = timeMs
    self.principal = principal
    self.action = action
    self.target = target
    self.outcome = outcome
    self.details = details
    self.leafHash = leafHash
  }
}

/// A row of `tree_head`: a signed tree head.
public struct TreeHeadRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "tree_head"
  public var treeSize: Int64
  public var rootHash: Data
  public var timeMs: Int64
  public var signature: Data
  public var keyID: String

  enum CodingKeys: String, CodingKey {
    case treeSize = "tree_size"
    case rootHash = "root_hash"
    case timeMs = "time_ms"
    case signature
    case keyID = "key_id"
  }

  public init(treeSize: Int64, rootHash: Data, timeMs: Int64, signature: Data, keyID: String) {
    self.treeSize = treeSize
    self.rootHash = rootHash
    self.timeMs = timeMs
    self.signature = signature
    self.keyID = keyID
  }
}
