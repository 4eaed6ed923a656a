import Console
import Engine
import Foundation
import Learning

/// Time to render a full Overview frame (16 jobs, 200x60) into the grid, and the cells that change
/// between two frames where only the charts moved.
struct ConsoleFrameBench {
  let runs: Int
  let out: BenchOutput

  func run() throws {
    var c = EngineConfiguration()
    c.workerSlots = 2
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    let principal = Principal.currentUser()
    let engine = try attempt {
      try Engine.temporary(principals: [principal.name: ["data-scientist"]], configuration: c)
    }
    // Jobs must not outlive an early exit (OpenBLAS frees its buffers at exit).
    defer { engine.shutdown(requestedBy: .system) }
    // Sixteen jobs at once: above the default quota of 8 per principal, so the platform raises
    // it in this throw-away workspace (audited as system).
    try attempt {
      try engine.governance.setQuota(principal: principal.name, maxJobs: 16, by: "system")
    }
    var ids: [JobID] = []
    for i in 0..<16 {
      let spec: JobSpec
      switch i % 3 {
      case 0:
        spec = JobSpec(
          environment: .cartpole, algorithm: .ppo, seed: UInt64(i), steps: 20_000, monitor: .enforce
        )
      case 1:
        spec = JobSpec(
          environment: .frozenlake, algorithm: .qlearning, seed: UInt64(i), steps: 200_000,
          monitor: .enforce)
      default:
        spec = JobSpec(
          environment: .capacity, algorithm: .ppo, seed: UInt64(i), steps: 10_080, monitor: .observe
        )
      }
      ids.append(try engine.submit(spec, as: principal))
    }
    for id in ids { _ = try engine.wait(for: id, as: principal) }
    let snapshot = try engine.snapshot(as: principal)
    let app = ConsoleApp(engine: engine, principal: principal)
    guard let first = snapshot.jobs.first else { return }
    app.select(first.id)
    var detail = try engine.detail(first.id, as: principal)
    let data = FrameData(snapshot: snapshot, detail: detail)
    for _ in 0..<50 { _ = app.render(data, width: 200, height: 60) }
    var times: [Double] = []
    for _ in 0..<max(runs, 1) * 200 {
      let start = CPUClock.monotonic()
      _ = app.render(data, width: 200, height: 60)
      times.append((CPUClock.monotonic() - start) * 1000)
    }
    let before = app.render(data, width: 200, height: 60)
    // The next frame: the selected job's curves gained points, nothing else changed.
    for k in 1...8 {
      let step = detail.summary.step + k * 100
      detail.metrics.episodeReturn.append(step: step, value: 100 + Double(k * 40))
      detail.metrics.policyLoss.append(step: step, value: 0.5 / Double(k))
      detail.metrics.valueLoss.append(step: step, value: 20 / Double(k))
      detail.metrics.cpuPercent.append(step: step, value: Double(30 + 7 * k))
    }
    let after = app.render(FrameData(snapshot: snapshot, detail: detail), width: 200, height: 60)
    let changed = after.changedCells(since: before).count
    let frameMs = median(times)
    out.emit(
      JSONLine([
        "bench": "console-frame", "width": 200, "height": 60, "jobs": .int(snapshot.jobs.count),
        "frame_ms": .double(frameMs), "frames": .int(times.count), "changed_cells": .int(changed),
        "total_cells": .int(200 * 60),
      ]),
      text:
        "console-frame: \(format(frameMs, 3)) ms per 200x60 Overview frame with \(snapshot.jobs.count) jobs "
        + "(median of \(times.count)); \(changed) of 12000 cells change when only the charts move")
  }
}
