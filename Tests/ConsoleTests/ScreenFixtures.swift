import Console
import Engine
import Foundation
import Learning

/// Real jobs run to completion on an engine with deterministic chunking, then the figures that
/// depend on timing (ids, CPU, speed, clocks) pinned, so screens render the same on every machine.
enum ScreenFixtures {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)
  static let alice = Principal("alice")

  static func engine() throws -> Engine {
    var c = EngineConfiguration()
    c.workerSlots = 1
    c.chunkSteps = 512
    c.chunkSeconds = 0
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    return try Engine.temporary(principals: ["alice": ["data-scientist"]], configuration: c)
  }

  /// (the engine, its snapshot, and the details of its jobs), normalised.
  static func completedJobs() throws -> (Engine, EngineSnapshot, [JobDetail]) {
    let engine = try engine()
    var cart = JobSpec(
      name: "cartpole-ppo", environment: .cartpole, algorithm: .ppo, seed: 0, steps: 4096,
      monitor: .enforce)
    cart.evaluationEpisodes = 3
    var lake = JobSpec(
      name: "lake-q", environment: .frozenlake, algorithm: .qlearning, seed: 1, steps: 30_000,
      monitor: .enforce)
    lake.evaluationEpisodes = 100
    var capacity = JobSpec(
      name: "capacity-observe", environment: .capacity, algorithm: .ppo, seed: 2, steps: 2688,
      monitor: .observe)
    capacity.evaluationEpisodes = 2
    var ids: [JobID] = []
    for spec in [cart, lake, capacity] {
      let id = try engine.submit(spec, as: alice)
      _ = try engine.wait(for: id, timeout: 120, as: alice)
      ids.append(id)
    }
    let fixedIDs = [
      "01JZ0000000000000000CART01", "01JZ0000000000000000FR0Z02", "01JZ0000000000000000CAPA03",
    ]
    .compactMap { JobID($0) }
    var details = try ids.map { try engine.detail($0, as: alice) }
    for i in details.indices { details[i] = normalise(details[i], id: fixedIDs[i], index: i) }
    var snapshot = try engine.snapshot(as: alice)
    snapshot.time = now
    snapshot.processCPUSeconds = 12.5
    snapshot.workerSlots = 2
    snapshot.gpu = .unavailable("no GPU: NVML not loaded (test)")
    snapshot.jobs = details.map(\.summary)
    return (engine, snapshot, details)
  }

  static func normalise(_ d: JobDetail, id: JobID, index: Int) -> JobDetail {
    var d = d
    d.summary.id = id
    d.summary.cpuPercent = [87, 45, 0][index]
    d.summary.cpuSeconds = [3.2, 1.1, 0.4][index]
    d.summary.stepsPerSecond = [41_000, 5_200_000, 138_000][index]
    d.summary.submittedAt = now
    // PPO's policy loss ends near zero, where its last digits depend on the BLAS kernel the CPU
    // selects; the table shows that figure, so it is pinned.
    d.summary.policyLoss = d.summary.policyLoss.map { _ in [-0.0123, 0.042, 0.0071][index] }
    d.trainingSeconds = [0.1, 0.01, 0.02][index]
    d.startedAt = now
    d.finishedAt = now
    d.target?.seconds = 0.05
    var cpu = MetricSeries()
    var speed = MetricSeries()
    for k in 0..<40 {
      cpu.append(step: k * 100, value: 60 + 30 * sin(Double(k) / 4))
      speed.append(step: k * 100, value: 40_000 + 1_000 * Double(k % 5))
    }
    d.metrics.cpuPercent = cpu
    d.metrics.stepsPerSecond = speed
    return d
  }

  static func app(_ engine: Engine, width: Int = 160) -> ConsoleApp {
    let app = ConsoleApp(engine: engine, principal: alice)
    app.clock = { now }
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
    app.calendar = utc
    return app
  }

  /// The repository's themes folder.
  static var themesFolder: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("themes").path
  }
}
