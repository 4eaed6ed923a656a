import Dispatch
import Storage

/// Runs jobs' chunks on their serial queues, at most `slots` at a time, round-robin: a job that
/// finishes a chunk goes to the back of the line, so many jobs share the cores fairly.
final class Scheduler: Sendable {
  private struct State {
    var ready: [JobRuntime] = []
    var running = 0
  }

  let slots: Int
  private let state = Locked(State())
  private let work: @Sendable (JobRuntime) -> Bool

  /// - Parameter work: runs one chunk on the job's queue; returns whether the job wants another.
  init(slots: Int, work: @escaping @Sendable (JobRuntime) -> Bool) {
    self.slots = max(slots, 1)
    self.work = work
  }

  func enqueue(_ job: JobRuntime) {
    state.withLock { $0.ready.append(job) }
    drain()
  }

  private func drain() {
    let started = state.withLock { s -> [JobRuntime] in
      var picked: [JobRuntime] = []
      while s.running < slots && !s.ready.isEmpty {
        picked.append(s.ready.removeFirst())
        s.running += 1
      }
      return picked
    }
    for job in started {
      job.queue.async { [self] in
        let again = work(job)
        state.withLock { s in
          s.running -= 1
          if again { s.ready.append(job) }
        }
        drain()
      }
    }
  }

  var queuedCount: Int { state.withLock { $0.ready.count } }
}
