import Foundation
import Learning

extension Engine {
  private enum ChunkPlan { case train, pause, stop }

  /// Runs one chunk of `job` on its queue; returns whether it wants another.
  func runChunk(_ job: JobRuntime) -> Bool {
    let (plan, previous) = job.state.withLock { s -> (ChunkPlan, JobStatus) in
      let before = s.status
      if s.stopRequested {
        s.status = .stopped
        s.finishedAt = Date()
        return (.stop, before)
      }
      if s.pauseRequested {
        s.pauseRequested = false
        s.status = .paused
        return (.pause, before)
      }
      if s.status != .running {
        s.status = .running
        if s.startedAt == nil { s.startedAt = Date() }
      }
      return (.train, before)
    }
    switch plan {
    case .stop:
      statusChanged(job, from: previous, to: .stopped, reason: "stop requested", by: .system)
      job.finished.leave()
      return false
    case .pause:
      statusChanged(job, from: previous, to: .paused, reason: "pause requested", by: .system)
      return false
    case .train:
      if previous != .running {
        statusChanged(job, from: previous, to: .running, reason: nil, by: .system)
      }
    }
    let session: any TrainingSession
    if let existing = job.box.session {
      session = existing
    } else {
      do {
        session = try SessionFactory.makeSession(for: job.spec)
        job.box.session = session
        attachDetection(job, session)
      } catch {
        fail(job, reason: error.description)
        return false
      }
    }
    // A dynamics drill acts inside the environments once its start step is reached.
    job.box.pendingDynamics.removeAll { plan in
      guard session.stepsDone >= plan.start else { return false }
      _ = session.tamperDynamics(factor: plan.strength)
      return true
    }
    let cpuStart = CPUClock.thread()
    let wallStart = CPUClock.monotonic()
    var report = session.train(steps: configuration.chunkSteps)
    while !session.isComplete && CPUClock.monotonic() - wallStart < configuration.chunkSeconds
      && !job.state.withLock({ $0.stopRequested || $0.pauseRequested })
    {
      report.merge(session.train(steps: configuration.chunkSteps))
    }
    let cpu = CPUClock.thread() - cpuStart
    publish(report, cpu: cpu, wall: CPUClock.monotonic() - wallStart, session: session, job: job)
    detect(report, cpu: cpu, session: session, job: job)
    guard session.isComplete else { return true }
    let evaluation = session.evaluate(
      episodes: job.spec.effectiveEvaluationEpisodes, mode: job.spec.monitor.mode)
    job.state.withLock { s in
      s.evaluation = evaluation
      s.status = .completed
      s.finishedAt = Date()
    }
    events.publish(.evaluated(job: job.id, report: evaluation), by: .system)
    persistProgress(job, force: true)
    registerCandidate(job, session: session, evaluation: evaluation)
    statusChanged(job, from: .running, to: .completed, reason: nil, by: .system)
    job.finished.leave()
    return false
  }

  private func fail(_ job: JobRuntime, reason: String) {
    let previous = job.state.withLock { s -> JobStatus in
      let before = s.status
      s.status = .failed
      s.error = reason
      s.finishedAt = Date()
      return before
    }
    statusChanged(job, from: previous, to: .failed, reason: reason, by: .system)
    job.finished.leave()
  }

  /// Folds a chunk's report into the job's metrics and publishes progress and veto events.
  private func publish(
    _ report: ChunkReport, cpu: Double, wall: Double, session: any TrainingSession, job: JobRuntime
  ) {
    let now = CPUClock.monotonic()
    let progress = job.state.withLock { s -> JobProgress in
      s.steps = session.stepsDone
      s.trainingSeconds += report.trainingSeconds
      s.cpuSeconds += cpu
      s.cpuSamples.append(CPUSample(wall: now, cpu: s.cpuSeconds))
      for e in report.episodes {
        s.episodes += 1
        s.metrics.episodeReturn.append(step: e.endStep, value: e.totalReward)
        s.recentReturns.append(e.totalReward)
        if let goal = e.reachedGoal {
          s.recentGoals.append(goal)
          s.metrics.success.append(step: e.endStep, value: goal ? 1 : 0)
        }
      }
      for u in report.updates {
        s.updates += 1
        s.metrics.policyLoss.append(step: u.step, value: u.policyLoss)
        s.metrics.valueLoss.append(step: u.step, value: u.valueLoss)
        s.metrics.entropy.append(step: u.step, value: u.entropy)
      }
      if let last = report.updates.last { s.lastUpdate = last }
      s.safety = s.safety + report.safety
      for v in report.vetoSamples { s.recentVetoes.append(v) }
      let rate = report.trainingSeconds > 0 ? Double(report.steps) / report.trainingSeconds : 0
      s.metrics.stepsPerSecond.append(step: s.steps, value: rate)
      if report.safety.decisions > 0 {
        s.metrics.vetoRate.append(
          step: s.steps, value: Double(report.safety.flagged) / Double(report.safety.decisions))
      }
      let cpuPercent = wall > 0 ? 100 * cpu / wall : 0
      s.metrics.cpuPercent.append(step: s.steps, value: min(cpuPercent, 100))
      s.liveState = session.liveState
      if let t = report.targetReached { s.target = t }
      let returns = s.recentReturns.elements
      let goals = s.recentGoals.elements
      return JobProgress(
        job: job.id, step: s.steps, budget: job.spec.steps, episodes: s.episodes,
        meanReturn: returns.isEmpty ? nil : returns.reduce(0, +) / Double(returns.count),
        policyLoss: s.lastUpdate?.policyLoss, valueLoss: s.lastUpdate?.valueLoss,
        entropy: s.lastUpdate?.entropy, stepsPerSecond: rate, cpuPercent: min(cpuPercent, 100),
        safety: s.safety, trainingSeconds: s.trainingSeconds,
        successRate: goals.isEmpty ? nil : Double(goals.filter { $0 }.count) / Double(goals.count))
    }
    events.publish(.progress(progress), by: .system)
    persistProgress(job, force: false)
    for v in report.vetoSamples.prefix(8) {
      events.publish(.veto(job: job.id, environment: job.spec.environment, record: v), by: .system)
    }
    if let t = report.targetReached {
      events.publish(.targetReached(job: job.id, result: t), by: .system)
    }
  }
}
