import Detection
import Dispatch
import Foundation
import Learning
import Storage

/// One job inside the engine: its spec, its serial queue, the training session confined to that
/// queue, and its shared state behind a lock.
final class JobRuntime: Sendable {
  let id: JobID
  let spec: JobSpec
  let owner: Principal
  let submittedAt: Date
  let queue: DispatchQueue
  let state = Locked(JobState())
  /// Left once, when the job reaches a final status.
  let finished = DispatchGroup()
  let box = SessionBox()

  init(id: JobID, spec: JobSpec, owner: Principal, submittedAt: Date) {
    self.id = id
    self.spec = spec
    self.owner = owner
    self.submittedAt = submittedAt
    queue = DispatchQueue(label: "rampart.job.\(id.short)", qos: .userInitiated)
    finished.enter()
  }
}

/// The training session, touched only on the owning job's serial queue.
final class SessionBox: @unchecked Sendable {
  var session: (any TrainingSession)?
  /// Detectors and drills attached to the session's channel.
  var detection: JobDetection?
  /// Drills asked for before the session existed.
  var pendingDrills: [DrillPlan] = []
  /// Dynamics-tampering drills waiting for their start step (applied between chunks).
  var pendingDynamics: [DrillPlan] = []
}
