import Console
import Detection
import Engine
import Foundation
import Governance
import Learning

/// A real temporary engine with alerts and an incident: a FrozenLake Q-learning job trained
/// under a reward-flip drill (started by sam, a soc-analyst, before the job runs), which the
/// transition-integrity detector reports as a critical alert filed into an incident. Times, ids
/// and hashes are replaced by fixed values before rendering, so snapshots match on every machine.
enum DetectionFixtures {
  typealias G = GovernanceFixtures
  static let now = ScreenFixtures.now

  struct Setup {
    var engine: Engine
    var job: JobID
    var incident: Int64
  }

  static let principals: [String: [String]] = [
    "alice": ["data-scientist"], "sam": ["soc-analyst"], "audrey": ["auditor"],
    "mike": ["mlops"],
  ]

  static func engine() throws -> Engine {
    var c = EngineConfiguration()
    c.workerSlots = 1
    c.chunkSteps = 512
    c.chunkSeconds = 0
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    // CPU per step depends on the machine: the resource detector stays out of the snapshots.
    c.detection.cpuFactor = 1e12
    return try Engine.temporary(principals: principals, configuration: c)
  }

  /// Trains `lake-q` as alice with a reward-flip drill on it from its first step. The drill is
  /// started while the job still waits for the only worker (a long job holds it, then is
  /// stopped), so it is attached before the first transition and every run sees the same attack.
  static func attack(_ engine: Engine) throws -> JobID {
    let blocker = try engine.submit(
      JobSpec(
        name: "blocker", environment: .cartpole, algorithm: .ppo, seed: 0, steps: 10_000_000,
        monitor: .off), as: "alice")
    var spec = JobSpec(
      name: G.model, environment: .frozenlake, algorithm: .qlearning, seed: 1, steps: 60_000,
      monitor: .enforce)
    spec.evaluationEpisodes = 20
    let id = try engine.submit(spec, as: "alice")
    try engine.startDrill(DrillPlan(kind: .rewardFlip, rate: 0.5, start: 0), job: id, as: "sam")
    _ = try engine.perform(ControlJob(job: blocker, action: .stop), as: "alice")
    _ = try engine.wait(for: blocker, timeout: 120, as: "alice")
    _ = try engine.wait(for: id, timeout: 120, as: "alice")
    return id
  }

  static func setup() throws -> Setup {
    let engine = try engine()
    let id = try attack(engine)
    let alerts = try DetectionService(governance: engine.governance).alerts(
      AlertQuery(job: id.rawValue, detector: "transition-integrity"), as: "sam")
    guard let incident = alerts.first?.incident else {
      throw EngineError.invalidRequest("the drill raised no integrity alert")
    }
    return Setup(engine: engine, job: id, incident: incident)
  }

  static func app(_ engine: Engine, as principal: Principal) -> ConsoleApp {
    G.app(engine, as: principal)
  }

  /// The frame, normalised; `withJob` puts the attacked job (its figures pinned) in the
  /// snapshot, selected, as the Overview shows it.
  static func frame(
    _ app: ConsoleApp, _ setup: Setup, width: Int = 160, height: Int = 48, withJob: Bool = false
  ) throws -> Grid {
    let job = setup.job
    var g = G.normalise(app.governance, job: job)
    g.detection = normalise(g.detection, job: job)
    // How many entries the log holds when the header is read depends on when the engine's
    // threads (the blocker's stop, the alert) got to append theirs: pinned.
    g.auditEntries = g.auditEntries.map { _ in 12 }
    var snapshot = try G.snapshot(setup.engine, as: app.principal)
    var detail: JobDetail?
    if withJob, let fixed = JobID(G.fixedJob) {
      let d = ScreenFixtures.normalise(
        try setup.engine.detail(job, as: app.principal), id: fixed, index: 1)
      snapshot.jobs = [d.summary]
      detail = d
    }
    let data = FrameData(snapshot: snapshot, detail: detail, governance: g)
    return app.render(data, width: width, height: height)
  }

  // MARK: Normalising

  static func mask(_ s: String, job: JobID) -> String {
    s.replacingOccurrences(of: job.rawValue, with: G.fixedJob)
  }

  static func normalise(_ a: Alert, job: JobID) -> Alert {
    var a = a
    a.time = now.addingTimeInterval(Double(a.id) - 100)
    a.job = a.job.map { mask($0, job: job) }
    a.summary = mask(a.summary, job: job)
    return a
  }

  static func normalise(_ d: DetectionData, job: JobID) -> DetectionData {
    var d = d
    d.feed = d.feed?.map { normalise($0, job: job) }
    if case .value(let alerts) = d.alerts {
      d.alerts = .value(alerts.map { normalise($0, job: job) })
    }
    if case .value(var v) = d.incident {
      var i = v.incident
      i.openedAt = now.addingTimeInterval(-99)
      i.updatedAt = now.addingTimeInterval(-10)
      i.job = i.job.map { mask($0, job: job) }
      i.title = mask(i.title, job: job)
      for k in i.notes.indices {
        i.notes[k].time = now.addingTimeInterval(Double(k) - 10)
        i.notes[k].text = mask(i.notes[k].text, job: job)
      }
      v.incident = i
      v.timeline = v.timeline.enumerated().map { k, item in
        var item = item
        item.time = now.addingTimeInterval(Double(k) - 200)
        item.text = mask(item.text, job: job)
        return item
      }
      v.alerts = v.alerts.map { normalise($0, job: job) }
      if let fixed = JobID(G.fixedJob) {
        v.job = v.job.map { ScreenFixtures.normalise($0, id: fixed, index: 1) }
      }
      if case .value(let versions) = v.models {
        v.models = .value(versions.map { G.normalise($0, job: job) })
      }
      d.incident = .value(v)
    }
    return d
  }
}
