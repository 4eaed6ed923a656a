import Foundation
import GRDB
import Governance

/// Reading and managing the model registry as a principal: every call is authorised here, for
/// the CLI and the console alike; sensitive reads (decrypted weights) and changes are audited.
public struct RegistryService: Sendable {
  public let governance: Governance

  public init(governance: Governance) { self.governance = governance }

  var registry: ModelRegistry { governance.registry }

  /// Models with their aliases (a dashboard read: authorised, not audited).
  public func models(as principal: Principal) throws(EngineError) -> [ModelSummary] {
    try engineCall {
      try governance.authorize(principal.name, .modelRead, target: "models", auditAllowed: false)
      return try registry.models()
    }
  }

  public func versions(of model: String, as principal: Principal) throws(EngineError)
    -> [ModelVersion]
  {
    try engineCall {
      try governance.authorize(
        principal.name, .modelRead, target: "model:\(model)", auditAllowed: false)
      return try registry.versions(of: model)
    }
  }

  public func version(_ model: String, _ version: Int, as principal: Principal) throws(EngineError)
    -> ModelVersion?
  {
    try engineCall {
      try governance.authorize(
        principal.name, .modelRead, target: "model:\(model)@\(version)", auditAllowed: false)
      return try registry.version(model, version)
    }
  }

  /// Which version held each alias, and who moved it when.
  public func history(of model: String, as principal: Principal) throws(EngineError) -> [AliasEvent]
  {
    try engineCall {
      try governance.authorize(
        principal.name, .modelRead, target: "model:\(model)", auditAllowed: false)
      try requireModel(model)
      return try registry.history(of: model)
    }
  }

  /// The aliases as they stood at `time` (now when nil).
  public func aliases(of model: String, at time: Date?, as principal: Principal) throws(EngineError)
    -> [String: Int]
  {
    try engineCall {
      try governance.authorize(
        principal.name, .modelRead, target: "model:\(model)", auditAllowed: false)
      try requireModel(model)
      return try registry.aliasHolders(model, at: time)
    }
  }

  /// An unknown name is an error, not an empty history: a typo must not read as "never moved".
  private func requireModel(_ model: String) throws {
    guard try !registry.versions(of: model).isEmpty else {
      throw EngineError.invalidRequest("no model \(model) (rampart models list shows them)")
    }
  }

  /// Checks every artifact's hash and signature (reads, decrypts, verifies; nothing leaves).
  public func verifyArtifacts(as principal: Principal) throws(EngineError)
    -> [(model: String, version: Int, problem: String?)]
  {
    try engineCall {
      try governance.authorize(principal.name, .modelRead, target: "models", auditAllowed: false)
      var out: [(String, Int, String?)] = []
      for m in try registry.models() {
        for v in try registry.versions(of: m.name) {
          switch try registry.loadArtifact(m.name, v.version) {
          case .success: out.append((m.name, v.version, nil))
          case .failure(let problem): out.append((m.name, v.version, problem.description))
          }
        }
      }
      return out
    }
  }

  /// The decrypted artifact after its hash and signature verified (audited either way).
  public func export(_ model: String, _ version: Int, as principal: Principal) throws(EngineError)
    -> Data
  {
    try engineCall {
      guard let v = try registry.version(model, version) else {
        throw EngineError.invalidRequest("no version \(version) of model \(model)")
      }
      let target = "model:\(model)@\(version)"
      try governance.authorize(
        principal.name, .modelExport, target: target,
        attributes: [
          "environment": .string(v.provenance.environment),
          "source_job.quarantined": .bool(try isQuarantined(job: v.provenance.job)),
        ], auditAllowed: false)
      switch try registry.loadArtifact(model, version) {
      case .success(let data):
        try governance.record(
          principal.name, "model.export", target: target, outcome: .ok,
          details: ["sha256": v.artifactSHA256])
        return data
      case .failure(let problem):
        try governance.record(
          principal.name, "model.export", target: target, outcome: .failed,
          details: ["integrity": problem.description])
        throw EngineError.governance(
          "refused: the artifact of \(target) fails its integrity check: \(problem)")
      }
    }
  }

  func isQuarantined(job: String) throws -> Bool {
    try governance.store.writer.read { try DetectionStore.isQuarantined(job: job, in: $0) }
  }

  /// Archives a version (mlops); an archived version cannot be promoted.
  public func archive(_ model: String, _ version: Int, as principal: Principal) throws(EngineError)
  {
    try engineCall {
      guard try registry.version(model, version) != nil else {
        throw EngineError.invalidRequest("no version \(version) of model \(model)")
      }
      try governance.authorize(
        principal.name, .aliasRollback, target: "model:\(model)@\(version)",
        details: ["status": "archived"])
      try registry.setStatus(model: model, version: version, status: "archived")
    }
  }
}
