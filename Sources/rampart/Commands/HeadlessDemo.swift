import Engine
import Foundation
import Learning
import Storage

/// Plays a scenario without a terminal and prints what happened, then each job's figures.
struct HeadlessDemo {
  let engine: Engine
  let runner: ScenarioRunner
  let principal: Principal
  let seconds: Double
  let json: Bool

  func run() throws {
    let start = CPUClock.monotonic()
    let vetoes = Locked([JobID: Int]())
    let lastProgress = Locked([JobID: Double]())
    let subscription = try attempt {
      try engine.subscribe(as: principal) { event in
        let t = CPUClock.monotonic() - start
        switch event.kind {
        case .veto(let job, _, _):
          // Every veto is counted; the first three of a job are printed.
          let n = vetoes.withLock { v -> Int in
            v[job, default: 0] += 1
            return v[job, default: 0]
          }
          guard n <= 3 else { return }
        case .progress(let p):
          let due = lastProgress.withLock { l -> Bool in
            guard t - (l[p.job] ?? -10) >= 5 else { return false }
            l[p.job] = t
            return true
          }
          guard due else { return }
        default: break
        }
        emit(t, event: event)
      }
    }
    runner.start()
    Thread.sleep(forTimeInterval: seconds)
    runner.cancel()
    engine.shutdown(requestedBy: principal)
    subscription.cancel()
    for line in runner.log {
      say(json ? JSONLine(["scenario": .string(line)]).text : "scenario " + line)
    }
    for job in try attempt({ try engine.snapshot(as: principal) }).jobs {
      guard let d = try? engine.detail(job.id, as: principal) else { continue }
      summarize(d)
    }
  }

  private func emit(_ t: Double, event: EngineEvent) {
    if json {
      var line = JSONLine([
        "t": .double((t * 1000).rounded() / 1000), "sequence": .int(Int(event.sequence)),
      ])
      line["principal"] = .string(event.principal.name)
      line["event"] = .string(event.summary)
      say(line.text)
    } else {
      say(String(format: "[%6.1fs] ", t) + event.summary)
    }
  }

  private func summarize(_ d: JobDetail) {
    let s = d.summary
    if json {
      var line = JSONLine([
        "final": true, "job": .string(s.id.rawValue), "name": .string(s.name),
        "owner": .string(s.owner.name),
        "env": .string(s.environment.rawValue), "algo": .string(s.algorithm.rawValue),
        "monitor": .string(s.monitor.rawValue), "status": .string(s.status.rawValue),
        "steps": .int(s.step),
        "episodes": .int(s.episodes), "recent_return": .number(s.recentReturn),
        "vetoes": .int(d.safety.vetoes),
        "flagged": .int(d.safety.flagged), "safety_violations": .int(d.safety.violations),
        "cpu_seconds": .double(s.cpuSeconds),
      ])
      if let e = d.evaluation { line["eval_mean_return"] = .double(e.meanReturn) }
      if let t = d.target { line["steps_to_target"] = .int(t.steps) }
      say(line.text)
    } else {
      say(
        "final \(s.name) (\(s.id.short)) \(s.status.rawValue): \(s.step) steps, \(s.episodes) episodes, "
          + "recent return \(s.recentReturn.map { format($0, 2) } ?? "n/a"), vetoes \(d.safety.vetoes), "
          + "flagged \(d.safety.flagged), safety violations \(d.safety.violations)"
          + (d.evaluation.map { ", evaluation \(format($0.meanReturn, 2))" } ?? ""))
    }
  }
}
