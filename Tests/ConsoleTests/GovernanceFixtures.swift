import Console
import Engine
import Foundation
import Governance
import Learning

/// A real temporary engine with governance data: a Q-learning job trained to completion (which
/// registers a candidate version), a promotion request filed by alice. What depends on the
/// clock, the random job id or the workspace's keys (times, ids, hashes, the build's commit) is
/// replaced by fixed values before rendering, so snapshots match on every machine.
enum GovernanceFixtures {
  static let now = ScreenFixtures.now
  static let fixedJob = "01JZ0000000000000000FR0Z02"
  static let model = "lake-q"

  struct Setup {
    var engine: Engine
    var job: JobID
    var request: Int64
  }

  static func engine() throws -> Engine {
    var c = EngineConfiguration()
    c.workerSlots = 1
    c.chunkSteps = 512
    c.chunkSeconds = 0
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    // CPU per step depends on the machine's load: a resource-spike alert (and its audit entry)
    // would come and go between runs.
    c.detection.cpuFactor = 1e12
    return try Engine.temporary(
      principals: ["alice": ["data-scientist"], "mike": ["mlops"], "audrey": ["auditor"]],
      configuration: c)
  }

  /// Trains `lake-q` as alice and files a request to put version 1 on staging. `withoutRules`
  /// leaves those rules out of the policy (applied as `system`, audited) before anything runs.
  static func setup(withoutRules: [String] = []) throws -> Setup {
    let engine = try engine()
    if !withoutRules.isEmpty { try applyPolicy(engine, withoutRules: withoutRules) }
    var spec = JobSpec(
      name: model, environment: .frozenlake, algorithm: .qlearning, seed: 1, steps: 30_000,
      monitor: .enforce)
    spec.evaluationEpisodes = 100
    let id = try engine.submit(spec, as: "alice")
    _ = try engine.wait(for: id, timeout: 120, as: "alice")
    let request = try PromotionService(governance: engine.governance).request(
      model: model, version: 1, alias: "staging", reason: "held-out success 0.74, no violations",
      as: "alice")
    return Setup(engine: engine, job: id, request: request.id)
  }

  /// The default policy without the named rules (each `[[rule]]` block and its comment).
  static func applyPolicy(_ engine: Engine, withoutRules ids: [String]) throws {
    let blocks = PolicyDocument.defaultText.components(separatedBy: "\n\n")
    let kept = blocks.filter { block in !ids.contains { block.contains("id = \"\($0)\"") } }
    try kept.joined(separator: "\n\n").write(
      toFile: engine.governance.workspace.policyPath, atomically: true, encoding: .utf8)
    try engine.governance.apply(.policy, by: "system")
  }

  static func app(_ engine: Engine, as principal: Principal) -> ConsoleApp {
    let app = ScreenFixtures.app(engine)
    app.principal = principal
    return app
  }

  /// The snapshot of an engine with no running job (the screens under test ignore it).
  static func snapshot(_ engine: Engine, as principal: Principal) throws -> EngineSnapshot {
    var s = try engine.snapshot(as: principal)
    s.time = now
    s.processCPUSeconds = 1
    s.workerSlots = 2
    s.gpu = .unavailable("no GPU: NVML not loaded (test)")
    s.jobs = []
    return s
  }

  /// Refreshes and lets the background work (verification, proofs, reviews) finish until the
  /// data no longer changes.
  static func settle(_ app: ConsoleApp) {
    for _ in 0..<4 {
      app.refreshGovernance()
      app.waitForBackgroundWork()
    }
  }

  static func frame(_ app: ConsoleApp, _ setup: Setup, width: Int = 160, height: Int = 48) throws
    -> Grid
  {
    let data = FrameData(
      snapshot: try snapshot(setup.engine, as: app.principal), detail: nil,
      governance: normalise(app.governance, job: setup.job))
    return app.render(data, width: width, height: height)
  }

  // MARK: Normalising

  /// A fixed stand-in for a hash: `length` hex digits derived from `seed`.
  static func fakeHex(_ seed: Int, length: Int = 64) -> String {
    var out = ""
    var x = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678
    while out.count < length {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      out += String(format: "%016llx", x)
    }
    return String(out.prefix(length))
  }

  static func isHex(_ s: String) -> Bool {
    s.count >= 16 && s.allSatisfy { $0.isHexDigit }
  }

  static func mask(_ s: String, job: JobID, seed: Int) -> String {
    if isHex(s) { return fakeHex(seed, length: s.count) }
    // The temporary workspace's folder has a random name.
    return s.replacingOccurrences(of: job.rawValue, with: fixedJob)
      .replacingOccurrences(
        of: "rampart-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
        with: "rampart-00000000-0000-0000-0000-000000000000", options: .regularExpression)
  }

  static func normalise(_ g: GovernanceData, job: JobID) -> GovernanceData {
    var g = g
    if case .value(var check) = g.verification {
      check.verifiedAt = now
      g.verification = .value(check)
    }
    if case .value(var listing) = g.audit {
      for i in listing.entries.indices {
        var e = listing.entries[i]
        let seq = Int(e.sequence)
        e.time = now.addingTimeInterval(Double(seq) - 1000)
        e.target = mask(e.target, job: job, seed: seq)
        e.leafHash = fakeHex(seq)
        for (k, v) in e.details { e.details[k] = mask(v, job: job, seed: seq * 31 + k.count) }
        listing.entries[i] = e
      }
      if var head = listing.head {
        head.rootHash = fakeHex(-1)
        head.time = now
        head.keyID = fakeHex(-2, length: 16)
        listing.head = head
      }
      g.audit = .value(listing)
    }
    if case .value(var proof) = g.proof {
      proof.leafHash = fakeHex(Int(proof.leafIndex))
      proof.rootHash = fakeHex(-1)
      proof.path = proof.path.indices.map { fakeHex(1000 + $0) }
      g.proof = .value(proof)
    }
    if case .value(var requests) = g.requests {
      for i in requests.indices {
        requests[i].createdAt = now.addingTimeInterval(-754)
        requests[i].review?.reviewedAt = now
      }
      g.requests = .value(requests)
    }
    for (id, review) in g.reviews {
      if case .value(var r) = review {
        r.reviewedAt = now
        g.reviews[id] = .value(r)
      }
    }
    g.requestVersion = g.requestVersion.map { normalise($0, job: job) }
    if case .value(var models) = g.models {
      for i in models.indices { models[i].createdAt = now.addingTimeInterval(-3600) }
      g.models = .value(models)
    }
    if case .value(let versions) = g.versions {
      g.versions = .value(versions.map { normalise($0, job: job) })
    }
    if case .value(var events) = g.history {
      for i in events.indices { events[i].time = now.addingTimeInterval(Double(-60 * i)) }
      g.history = .value(events)
    }
    return g
  }

  static func normalise(_ v: ModelVersion, job: JobID) -> ModelVersion {
    var v = v
    v.createdAt = now.addingTimeInterval(-3600)
    v.artifactSHA256 = fakeHex(v.version, length: 64)
    v.job = v.job.map { mask($0, job: job, seed: 0) }
    v.provenance.job = mask(v.provenance.job, job: job, seed: 0)
    v.provenance.gitCommit = "0123abcd"
    v.provenance.rampartVersion = "0.0.0-test"
    return v
  }
}
