import ConfigFile
import DataPipeline
import Detection
import Foundation
import Learning

extension DemoScenario {
  /// Reads a scenario file (TOML; see `demo/tour.toml`). Every refusal names `file:line`.
  public static func load(path: String) throws(ConfigError) -> DemoScenario {
    try parse(ConfigDocument(contentsOfFile: path))
  }

  /// Reads scenario text; `source` names it in errors.
  public static func parse(_ text: String, source: String) throws(ConfigError) -> DemoScenario {
    try parse(ConfigDocument(parsing: text, source: source))
  }

  static func parse(_ document: ConfigDocument) throws(ConfigError) -> DemoScenario {
    let root = document.root
    try root.rejectUnknownKeys(allowed: [
      "name", "summary", "job", "control", "note", "promotion", "drill", "dataset",
      "data_poison", "insider",
    ])
    // Files a scenario names are relative to the scenario's folder.
    let folder = URL(fileURLWithPath: document.source).deletingLastPathComponent()
    func resolve(_ path: String) -> String {
      path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
    }
    var entries: [Entry] = []
    var labels: [String: Int] = [:]
    for table in try root.optionalTables("job") ?? [] {
      try table.rejectUnknownKeys(allowed: [
        "at", "label", "name", "env", "algo", "seed", "steps", "monitor", "eval_episodes", "as",
        "hp", "dataset",
        "position_limit", "angle_limit", "hole_horizon", "hole_threshold",
      ])
      let at = try table.double("at", in: 0...86_400)
      let env = try table.oneOf("env", as: EnvironmentID.self)
      let algo =
        try table.optionalOneOf("algo", as: AlgorithmID.self)
        ?? (env.isDiscrete ? .qlearning : .ppo)
      let seed = try table.optionalInteger("seed", in: 0...) ?? 0
      let steps = try table.integer("steps", in: 1...1_000_000_000)
      let monitor = try table.optionalOneOf("monitor", as: MonitorMode.self) ?? .enforce
      let label = try table.optionalString("label") ?? "\(env.rawValue)-\(entries.count + 1)"
      if let first = labels[label] {
        throw table.error("label \"\(label)\" is already used on line \(first)", line: table.line)
      }
      labels[label] = table.line
      var spec = JobSpec(
        name: try table.optionalString("name") ?? label, environment: env, algorithm: algo,
        seed: UInt64(seed), steps: steps, monitor: monitor)
      spec.evaluationEpisodes = try table.optionalInteger("eval_episodes", in: 1...100_000)
      if let v = try table.optionalDouble("position_limit") { spec.monitor.cartPositionLimit = v }
      if let v = try table.optionalDouble("angle_limit") { spec.monitor.poleAngleLimit = v }
      if let v = try table.optionalInteger("hole_horizon") { spec.monitor.holeRiskHorizon = v }
      if let v = try table.optionalDouble("hole_threshold") { spec.monitor.holeRiskThreshold = v }
      if let hp = try table.optionalTable("hp") {
        for (key, value) in hp.keyValuePairs {
          let text: String
          switch value.kind {
          case .integer(let i): text = String(i)
          case .float(let d): text = String(d)
          case .boolean(let b): text = String(b)
          case .string(let s): text = s
          case .array(let items):
            text = items.compactMap(\.integerValue).map(String.init).joined(separator: "x")
          case .table: throw hp.error("hyper-parameter \"\(key)\" cannot be a table", at: value)
          }
          do {
            try spec.override(key, with: text)
          } catch {
            throw hp.error(error.description, at: value)
          }
        }
      }
      if let dataset = try table.optionalString("dataset") {
        guard env == .capacity else {
          throw table.error(
            "only the capacity environment reads a dataset", at: try table.value("dataset"))
        }
        spec.dataset = DatasetReference(name: dataset)
      }
      if let problem = spec.problem { throw table.error(problem, line: table.line) }
      let principal = try table.optionalString("as").map { Principal($0) }
      if let p = principal, !Principal.isValidName(p.name) {
        throw table.error("\"as\" is not a valid principal name: \"\(p.name)\"", line: table.line)
      }
      entries.append(
        Entry(
          at: at, line: table.line, action: .submit(label: label, spec: spec), principal: principal)
      )
    }
    for table in try root.optionalTables("control") ?? [] {
      try table.rejectUnknownKeys(allowed: ["at", "label", "action", "as"])
      let label = try table.string("label")
      guard labels[label] != nil else {
        throw table.error(
          "no [[job]] has label \"\(label)\" (labels: \(labels.keys.sorted().joined(separator: ", ")))",
          at: try table.value("label"))
      }
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .control(
            label: label, action: try table.oneOf("action", as: ControlJob.Action.self)),
          principal: try table.optionalString("as").map { Principal($0) }))
    }
    for table in try root.optionalTables("drill") ?? [] {
      try table.rejectUnknownKeys(allowed: [
        "at", "label", "kind", "rate", "start", "strength", "as",
      ])
      let label = try table.string("label")
      guard labels[label] != nil else {
        throw table.error(
          "no [[job]] has label \"\(label)\" (labels: \(labels.keys.sorted().joined(separator: ", ")))",
          at: try table.value("label"))
      }
      let plan = DrillPlan(
        kind: try table.oneOf("kind", as: DrillKind.self),
        rate: try table.optionalDouble("rate", in: 0.000_001...1) ?? 1,
        start: try table.optionalInteger("start", in: 0...) ?? 0,
        strength: try table.optionalDouble("strength", in: -1_000...1_000))
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .drill(label: label, plan: plan),
          principal: try table.optionalString("as").map { Principal($0) }))
    }
    for table in try root.optionalTables("promotion") ?? [] {
      try table.rejectUnknownKeys(allowed: ["at", "label", "alias", "reason", "as"])
      let label = try table.string("label")
      guard labels[label] != nil else {
        throw table.error(
          "no [[job]] has label \"\(label)\" (labels: \(labels.keys.sorted().joined(separator: ", ")))",
          at: try table.value("label"))
      }
      let alias = try table.optionalString("alias") ?? "staging"
      guard ["staging", "production"].contains(alias) else {
        throw table.error(
          "alias must be staging or production, not \"\(alias)\"", at: try table.value("alias"))
      }
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .requestPromotion(
            label: label, alias: alias,
            reason: try table.optionalString("reason") ?? "requested by the demo scenario"),
          principal: try table.optionalString("as").map { Principal($0) }))
    }
    for table in try root.optionalTables("dataset") ?? [] {
      try table.rejectUnknownKeys(allowed: [
        "at", "name", "file", "classification", "transform", "as",
      ])
      let file = try table.optionalString("file").map(resolve)
      if let file, !FileManager.default.fileExists(atPath: file) {
        throw table.error("no file \(file)", at: try table.value("file"))
      }
      let transform = resolve(try table.string("transform"))
      do { _ = try TransformDocument.load(path: transform) } catch {
        throw table.error(
          "transform \(transform) is refused: \(error.description)",
          at: try table.value("transform"))
      }
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .dataset(
            name: try table.string("name"), file: file,
            classification: try table.optionalOneOf("classification", as: Classification.self)
              ?? .internal,
            transform: transform),
          principal: try table.optionalString("as").map { Principal($0) }))
    }
    for table in try root.optionalTables("data_poison") ?? [] {
      try table.rejectUnknownKeys(allowed: ["at", "dataset", "rate", "seed", "as"])
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .poisonData(
            dataset: try table.string("dataset"),
            rate: try table.optionalDouble("rate", in: 0.001...1) ?? 0.3,
            seed: UInt64(try table.optionalInteger("seed", in: 0...) ?? 1)),
          principal: try table.optionalString("as").map { Principal($0) }))
    }
    for table in try root.optionalTables("insider") ?? [] {
      try table.rejectUnknownKeys(allowed: ["at", "principal", "attempts", "as"])
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .insider(
            principal: try table.string("principal"),
            attempts: try table.optionalInteger("attempts", in: 1...10) ?? 8),
          principal: try table.optionalString("as").map { Principal($0) }))
    }
    for table in try root.optionalTables("note") ?? [] {
      try table.rejectUnknownKeys(allowed: ["at", "text"])
      entries.append(
        Entry(
          at: try table.double("at", in: 0...86_400), line: table.line,
          action: .note(try table.string("text"))))
    }
    return DemoScenario(
      name: try root.optionalString("name") ?? "scenario",
      summary: try root.optionalString("summary") ?? "",
      source: document.source, entries: entries)
  }
}
