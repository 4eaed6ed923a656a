import Foundation

/// A command or query of the Engine API with Codable input and output, so a transport (a Unix
/// socket daemon later) can carry the same calls the in-process callers make.
public protocol EngineRequest: Codable, Sendable {
  associatedtype Response: Codable & Sendable
  /// The wire name of the request.
  static var name: String { get }
  func perform(on engine: Engine, as principal: Principal) throws(EngineError) -> Response
}

extension Engine {
  /// Runs any request as `principal`.
  public func perform<R: EngineRequest>(_ request: R, as principal: Principal) throws(EngineError)
    -> R.Response
  {
    try request.perform(on: self, as: principal)
  }
}

/// An empty response.
public struct Acknowledged: Codable, Sendable, Hashable {
  public init() {}
}

/// Queue a training job.
public struct SubmitJob: EngineRequest {
  public static let name = "jobs.submit"
  public var spec: JobSpec
  public init(spec: JobSpec) { self.spec = spec }
  public func perform(on engine: Engine, as principal: Principal) throws(EngineError) -> JobID {
    try engine.submit(spec, as: principal)
  }
}

/// Pause, resume or stop a job.
public struct ControlJob: EngineRequest {
  public enum Action: String, Codable, Sendable, CaseIterable { case pause, resume, stop }
  public static let name = "jobs.control"
  public var job: JobID
  public var action: Action
  public init(job: JobID, action: Action) {
    self.job = job
    self.action = action
  }
  public func perform(on engine: Engine, as principal: Principal) throws(EngineError)
    -> Acknowledged
  {
    switch action {
    case .pause: try engine.pause(job, as: principal)
    case .resume: try engine.resume(job, as: principal)
    case .stop: try engine.stop(job, as: principal)
    }
    return Acknowledged()
  }
}

/// The dashboard snapshot.
public struct GetSnapshot: EngineRequest {
  public static let name = "engine.snapshot"
  public init() {}
  public func perform(on engine: Engine, as principal: Principal) throws(EngineError)
    -> EngineSnapshot
  {
    try engine.snapshot(as: principal)
  }
}

/// One job's detail.
public struct GetJobDetail: EngineRequest {
  public static let name = "jobs.detail"
  public var job: JobID
  public init(job: JobID) { self.job = job }
  public func perform(on engine: Engine, as principal: Principal) throws(EngineError) -> JobDetail {
    try engine.detail(job, as: principal)
  }
}

/// Events after a sequence number.
public struct ListEvents: EngineRequest {
  public static let name = "events.list"
  public var after: UInt64
  public var limit: Int
  public init(after: UInt64, limit: Int = 1000) {
    self.after = after
    self.limit = limit
  }
  public func perform(on engine: Engine, as principal: Principal) throws(EngineError)
    -> [EngineEvent]
  {
    try engine.events(after: after, limit: min(max(limit, 1), 10_000), as: principal)
  }
}
