import Engine
import Foundation
import Learning
import Testing

struct JobLifecycleTests {
  let alice = Principal("alice")

  func engine(slots: Int = 2, chunk: Int = 512) throws -> Engine {
    var c = EngineConfiguration()
    c.workerSlots = slots
    c.chunkSteps = chunk
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    // Alice trains; olga runs operations; audrey only audits.
    return try Engine.temporary(
      principals: [
        "alice": ["data-scientist"], "bob": ["data-scientist"], "olga": ["devops"],
        "audrey": ["auditor"],
      ],
      configuration: c)
  }

  @Test func manyConcurrentJobsCompleteWithTheSameMetricsAsAlone() throws {
    let e = try engine(slots: 2)
    var specs: [JobSpec] = []
    for seed in 0..<3 as Range<UInt64> {
      var ppo = JobSpec(
        environment: .cartpole, algorithm: .ppo, seed: seed, steps: 2048, monitor: .enforce)
      ppo.evaluationEpisodes = 3
      specs.append(ppo)
      var q = JobSpec(
        environment: .frozenlake, algorithm: .qlearning, seed: seed, steps: 20_000,
        monitor: .observe)
      q.evaluationEpisodes = 50
      specs.append(q)
    }
    var cap = JobSpec(
      environment: .capacity, algorithm: .ppo, seed: 1, steps: 2016, monitor: .observe)
    cap.evaluationEpisodes = 2
    specs.append(cap)
    let ids = try specs.map { try e.submit($0, as: alice) }
    for id in ids { #expect(try e.wait(for: id, timeout: 120, as: alice) == .completed) }
    let concurrent = try ids.map { try e.detail($0, as: alice) }
    for d in concurrent {
      #expect(d.summary.step >= d.spec.steps)
      #expect(d.evaluation != nil)
      #expect(d.summary.cpuSeconds > 0)
      #expect(d.summary.owner == alice)
      #expect(d.summary.gpu == .none)
    }
    // Alone, on one worker with different chunking, the same seeds give the same figures.
    let single = try engine(slots: 1, chunk: 300)
    for (spec, d) in zip(specs, concurrent) {
      let id = try single.submit(spec, as: alice)
      #expect(try single.wait(for: id, timeout: 120, as: alice) == .completed)
      let alone = try single.detail(id, as: alice)
      #expect(alone.evaluation == d.evaluation)
      #expect(alone.metrics.episodeReturn.values == d.metrics.episodeReturn.values)
      #expect(alone.safety == d.safety)
    }
  }

  @Test func pauseResumeAndStopFollowTheLifecycle() throws {
    let e = try engine(slots: 1, chunk: 256)
    let id = try e.submit(
      JobSpec(environment: .cartpole, algorithm: .ppo, steps: 10_000_000, monitor: .off), as: alice)
    try waitUntil { ((try? e.detail(id, as: alice).summary.step) ?? 0) > 0 }
    try e.pause(id, as: alice)
    try waitUntil { (try? e.detail(id, as: alice).summary.status) == .paused }
    let pausedAt = try e.detail(id, as: alice).summary.step
    Thread.sleep(forTimeInterval: 0.2)
    #expect(try e.detail(id, as: alice).summary.step == pausedAt)
    #expect(throws: EngineError.self) { try e.pause(id, as: alice) }
    try e.resume(id, as: alice)
    try waitUntil { ((try? e.detail(id, as: alice).summary.step) ?? 0) > pausedAt }
    try e.stop(id, as: alice)
    #expect(try e.wait(for: id, timeout: 30, as: alice) == .stopped)
    #expect(throws: EngineError.invalidTransition(job: id, from: .stopped, action: "resume")) {
      try e.resume(id, as: alice)
    }
    #expect(throws: EngineError.self) { try e.stop(id, as: alice) }
    // The stopped job's policy can still be exported.
    #expect(try e.exportPolicy(id, as: alice).tensors.count == 12)
  }

  @Test func stoppingAPausedJobIsImmediate() throws {
    let e = try engine(slots: 1, chunk: 256)
    let id = try e.submit(
      JobSpec(environment: .cartpole, algorithm: .ppo, steps: 10_000_000, monitor: .off), as: alice)
    try e.pause(id, as: alice)
    try waitUntil { (try? e.detail(id, as: alice).summary.status) == .paused }
    try e.stop(id, as: alice)
    #expect(try e.detail(id, as: alice).summary.status == .stopped)
  }

  @Test func invalidSpecsAndUnknownJobsAreRefused() throws {
    let e = try engine()
    #expect(throws: EngineError.self) {
      try e.submit(JobSpec(environment: .cartpole, algorithm: .qlearning, steps: 100), as: alice)
    }
    #expect(throws: EngineError.self) {
      try e.submit(JobSpec(environment: .cartpole, algorithm: .ppo, steps: 0), as: alice)
    }
    var bad = JobSpec(environment: .cartpole, algorithm: .ppo, steps: 100)
    bad.monitor.poleAngleLimit = 0.5
    #expect(throws: EngineError.self) { try e.submit(bad, as: alice) }
    let unknown = JobID.generate()
    #expect(throws: EngineError.unknownJob(unknown.rawValue)) { try e.stop(unknown, as: alice) }
    #expect(try e.snapshot(as: alice).jobs.isEmpty)
  }

  @Test func eventsTellTheStoryInOrder() throws {
    let e = try engine(slots: 1)
    var spec = JobSpec(
      environment: .frozenlake, algorithm: .qlearning, steps: 5000, monitor: .enforce)
    spec.evaluationEpisodes = 10
    let id = try e.submit(spec, as: alice)
    _ = try e.wait(for: id, timeout: 60, as: alice)
    let events = try e.events(after: 0, as: alice)
    #expect(events.map(\.sequence) == Array(1...UInt64(events.count)))
    guard case .jobSubmitted(let submitted, _, _) = events.first?.kind else {
      Issue.record("first event is not the submission")
      return
    }
    #expect(submitted == id)
    #expect(events.first?.principal == alice)
    let statuses = events.compactMap { event -> JobStatus? in
      if case .jobStatusChanged(_, _, let to, _) = event.kind { return to }
      return nil
    }
    #expect(statuses == [.running, .completed])
    #expect(events.contains { if case .progress = $0.kind { true } else { false } })
    #expect(events.contains { if case .evaluated = $0.kind { true } else { false } })
    #expect(events.contains { if case .veto = $0.kind { true } else { false } })
    let later = try e.events(after: events[1].sequence, as: alice)
    #expect(later.first?.sequence == events[2].sequence)
  }

  @Test func requestsAreCodableAndGoThroughTheEngine() throws {
    let e = try engine()
    let request = SubmitJob(
      spec: JobSpec(environment: .frozenlake, algorithm: .qlearning, steps: 1000))
    let wire = try JSONEncoder().encode(request)
    let decoded = try JSONDecoder().decode(SubmitJob.self, from: wire)
    let id = try e.perform(decoded, as: alice)
    _ = try e.wait(for: id, timeout: 60, as: alice)
    let detail = try e.perform(GetJobDetail(job: id), as: alice)
    #expect(detail.summary.status == .completed)
    let roundTrip = try JSONDecoder().decode(JobDetail.self, from: JSONEncoder().encode(detail))
    #expect(roundTrip == detail)
    #expect(throws: EngineError.self) {
      try e.perform(ControlJob(job: id, action: .pause), as: alice)
    }
  }

  func waitUntil(timeout: Double = 30, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try !condition() {
      guard Date() < deadline else {
        Issue.record("condition not met within \(timeout) s")
        return
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
  }
}
