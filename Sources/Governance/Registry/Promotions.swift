import Foundation
import GRDB
import Storage

/// A request to move an alias to a version, waiting for another principal's decision.
public struct PromotionRequest: Codable, Sendable, Hashable {
  public enum Status: String, Codable, Sendable { case pending, approved, rejected }
  public var id: Int64
  public var model: String
  public var version: Int
  public var alias: String
  public var requester: String
  public var reason: String
  public var status: Status
  public var createdAt: Date
  public var decidedBy: String?
  public var decidedAt: Date?
  public var decisionReason: String?
  /// The approver's review (re-evaluation, gates, integrity), once there is one.
  public var review: PromotionReview?
}

/// What the engine found when it reviewed a request: its own re-evaluation of the candidate and
/// of the version the alias holds now, the policy's gates and the artifact's integrity.
public struct PromotionReview: Codable, Sendable, Hashable {
  public var candidateMonitored: EvaluationFigures
  public var candidateUnmonitored: EvaluationFigures
  public var currentVersion: Int?
  public var currentMonitored: EvaluationFigures?
  public var currentUnmonitored: EvaluationFigures?
  public var integrity: String
  public var gateDecision: PolicyDecision?
  public var reviewedAt: Date

  public init(
    candidateMonitored: EvaluationFigures, candidateUnmonitored: EvaluationFigures,
    currentVersion: Int?,
    currentMonitored: EvaluationFigures?, currentUnmonitored: EvaluationFigures?, integrity: String,
    gateDecision: PolicyDecision?, reviewedAt: Date
  ) {
    self.candidateMonitored = candidateMonitored
    self.candidateUnmonitored = candidateUnmonitored
    self.currentVersion = currentVersion
    self.currentMonitored = currentMonitored
    self.currentUnmonitored = currentUnmonitored
    self.integrity = integrity
    self.gateDecision = gateDecision
    self.reviewedAt = reviewedAt
  }
}

extension ModelRegistry {
  /// Files a request (authorisation and audit are the caller's).
  public func fileRequest(
    model: String, version: Int, alias: String, requester: String, reason: String
  ) throws
    -> PromotionRequest
  {
    guard Self.aliases.contains(alias) else {
      throw RegistryError("--to must be staging or production, not \(alias)")
    }
    guard try self.version(model, version) != nil else {
      throw RegistryError("no version \(version) of model \(model)")
    }
    let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw RegistryError("a promotion request needs a reason") }
    var record = PromotionRequestRecord(
      model: model, version: version, alias: alias, requester: requester, reason: trimmed,
      status: "pending",
      createdAtMs: Self.nowMs())
    try store.writer.write { db in
      let open =
        try Int.fetchOne(
          db,
          sql:
            "SELECT COUNT(*) FROM promotion_request WHERE model = ? AND version = ? AND alias = ? AND status = 'pending'",
          arguments: [model, version, alias]) ?? 0
      guard open == 0 else {
        throw RegistryError(
          "version \(version) of \(model) already has a pending request for \(alias)")
      }
      try record.insert(db)
    }
    return try Self.request(from: record)
  }

  public func requests(status: PromotionRequest.Status? = nil) throws -> [PromotionRequest] {
    try store.writer.read { db in
      var query = PromotionRequestRecord.order(Column("id").desc)
      if let status { query = query.filter(Column("status") == status.rawValue) }
      return try query.fetchAll(db).map(Self.request)
    }
  }

  public func request(_ id: Int64) throws -> PromotionRequest? {
    try store.writer.read { db in try PromotionRequestRecord.fetchOne(db, key: id) }.map(
      Self.request)
  }

  /// Records a review without deciding (e.g. a gate failed).
  public func recordReview(_ id: Int64, _ review: PromotionReview) throws {
    let json = String(decoding: try RegistryJSON.encoder.encode(review), as: UTF8.self)
    try store.writer.write { db in
      try db.execute(
        sql: "UPDATE promotion_request SET review = ? WHERE id = ?", arguments: [json, id])
    }
  }

  /// Closes a pending request as approved or rejected; fails if it is no longer pending. An
  /// approval moves the request's alias to its version in the same transaction, so a decision
  /// that lands while the approver's re-evaluation runs can never leave the alias moved for a
  /// request that ended rejected.
  public func decide(
    _ id: Int64, approved: Bool, by principal: String, reason: String, review: PromotionReview?
  ) throws {
    let json = try review.map {
      String(decoding: try RegistryJSON.encoder.encode($0), as: UTF8.self)
    }
    try store.writer.write { db in
      let now = Self.nowMs()
      try db.execute(
        sql: """
          UPDATE promotion_request SET status = ?, decided_by = ?, decided_at_ms = ?, decision_reason = ?,
            review = COALESCE(?, review)
          WHERE id = ? AND status = 'pending'
          """,
        arguments: [approved ? "approved" : "rejected", principal, now, reason, json, id])
      guard db.changesCount == 1 else { throw RegistryError("request \(id) is no longer pending") }
      guard approved else { return }
      guard let request = try PromotionRequestRecord.fetchOne(db, key: id) else {
        throw RegistryError("no promotion request \(id)")
      }
      var event = AliasEventRecord(
        model: request.model, alias: request.alias, version: request.version, timeMs: now,
        principal: principal, reason: reason, request: id)
      try event.insert(db)
    }
  }

  static func request(from r: PromotionRequestRecord) throws -> PromotionRequest {
    PromotionRequest(
      id: r.id ?? 0, model: r.model, version: r.version, alias: r.alias, requester: r.requester,
      reason: r.reason,
      status: PromotionRequest.Status(rawValue: r.status) ?? .pending,
      createdAt: Date(timeIntervalSince1970: Double(r.createdAtMs) / 1000), decidedBy: r.decidedBy,
      decidedAt: r.decidedAtMs.map { Date(timeIntervalSince1970: Double($0) / 1000) },
      decisionReason: r.decisionReason,
      review: try r.review.map {
        try RegistryJSON.decoder.decode(PromotionReview.self, from: Data($0.utf8))
      })
  }
}

/// JSON for registry columns. Figures that were not measured are NaN (an artifact that failed its
/// check is never evaluated), which plain JSON cannot hold: they are stored as "nan".
enum RegistryJSON {
  static var encoder: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return e
  }

  static var decoder: JSONDecoder {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return d
  }
}
