import DataPipeline
import Detection
import Engine
import Foundation
import GRDB
import Governance
import Testing

/// A customer-demand sample with identifying columns, seeded: the same seed gives the same rows,
/// another seed another sample of the same distribution.
func demandSample(rows: Int, seed: UInt64) -> String {
  var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(n))
  }
  let regions = ["north", "south", "east", "west"]
  let names = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Evans", "Ed Fox", "Flo Gray"]
  var lines = ["hour,region,demand,customer,email,phone,card,born,postcode"]
  for r in 0..<rows {
    let region = regions[next(4)]
    let demand = 200 + next(200) + (r % 24) * 5
    let name = names[next(names.count)]
    let email =
      "\(name.lowercased().replacingOccurrences(of: " ", with: "."))\(next(90))@example.com"
    let phone = "+44 20 7946 \(String(format: "%04d", next(10_000)))"
    let card = "4111 1111 1111 1111"
    let born = "19\(80 + next(2))-0\(1 + next(9))-1\(next(10))"
    let postcode = ["SW1A", "EC1A", "N1", "E2"][next(4)] + " \(1 + next(9))AA"
    lines.append(
      "\(r % 24),\(region),\(demand),\"\(name)\",\(email),\(phone),\(card),\(born),\(postcode)")
  }
  return lines.joined(separator: "\n") + "\n"
}

let demandTransform = """
  quasi_identifiers = ["region", "born"]
  [columns.hour]
  action = "keep"
  [columns.region]
  action = "keep"
  [columns.demand]
  action = "keep"
  [columns.customer]
  action = "pseudonymise"
  prefix = "cust"
  [columns.email]
  action = "pseudonymise"
  prefix = "user"
  [columns.phone]
  action = "tokenise"
  [columns.card]
  action = "tokenise"
  [columns.born]
  action = "generalise"
  to = "year"
  [columns.postcode]
  action = "drop"
  """

@Suite(.serialized) struct DataPipelineServiceTests {
  static let principals: [String: [String]] = [
    "dana": ["data-scientist"], "mike": ["mlops"], "olga": ["devops"], "sam": ["soc-analyst"],
    "alex": ["auditor"], "stella": ["data-steward"], "ada": ["admin"],
  ]

  func fixture() throws -> (Governance, DataService, URL) {
    let g = try Governance.temporary(principals: Self.principals, label: "data-test")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (g, DataService(governance: g), folder)
  }

  func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func transform(_ text: String = demandTransform) throws -> TransformDocument {
    try TransformDocument(text: text, source: "demand.transform.toml")
  }

  func files(_ g: Governance, _ zone: String) -> [String] {
    let root = g.workspace.root.appendingPathComponent("data/\(zone)")
    return (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".sealed") || $0.contains(".tmp-") }
  }

  @Test func ingestScanProcessReadAndReidentify() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    let stella = Principal("stella")
    let path = try write(demandSample(rows: 400, seed: 1), "demand.csv", in: folder)
    let landing = try data.ingest(
      path: path, dataset: "demand", classification: .internal, as: stella)
    #expect(landing.version == 1 && landing.zone == .landing && landing.rows == 400)
    // At rest the bytes are encrypted: the plaintext's e-mail addresses are not in the file.
    let sealed = try Data(
      contentsOf: g.workspace.root.appendingPathComponent(
        "data/landing/demand/v1.sealed"))
    #expect(sealed.range(of: Data("@example.com".utf8)) == nil)

    let (_, findings) = try data.scan("demand", as: stella)
    let kinds = Set(findings.map { "\($0.column):\($0.kind.rawValue)" })
    for expected in [
      "email:email", "phone:phone", "card:payment-card", "customer:person-name",
      "born:date-of-birth",
    ] {
      #expect(kinds.contains(expected), "scan missed \(expected): \(kinds.sorted())")
    }

    let result = try data.process("demand", transform: try transform(), as: stella)
    let v = result.version
    #expect(v.version == 2 && v.zone == .processing && v.sourceVersion == 1)
    #expect(
      v.columns == ["hour", "region", "demand", "customer", "email", "phone", "card", "born"])
    #expect((v.kAnonymity ?? 0) >= 5)
    #expect(result.alert == nil && v.drift == nil)

    let (_, table) = try data.read("demand", as: Principal("dana"))
    let cardColumn = try #require(table.index(of: "card"))
    let token = table.cells[cardColumn][0]
    #expect(token != "4111 1111 1111 1111" && token.count == 19)
    let back = try data.reidentify(
      "demand", column: "card", token: token, reason: "chargeback case 4411", as: stella)
    #expect(back == "4111 1111 1111 1111")

    // Every read and write of the zones is in the audit log, the reason with the re-identification.
    var filter = AuditFilter()
    filter.target = "dataset:demand"
    filter.order = .oldestFirst
    let entries = try g.audit.entries(filter: filter)
    let actions = entries.map { "\($0.principal) \($0.action) \($0.outcome.rawValue)" }
    #expect(
      actions == [
        "stella data.ingest executed", "stella data.raw.read allowed",
        "stella data.process executed",
        "dana data.processed.read allowed", "stella data.reidentify executed",
      ])
    #expect(entries.last?.details["reason"] == "chargeback case 4411")
  }

  @Test func malformedFilesAreRefusedAtomically() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    let stella = Principal("stella")
    let good = try write(demandSample(rows: 50, seed: 2), "good.csv", in: folder)
    try data.ingest(path: good, dataset: "demand", classification: .internal, as: stella)
    let cases = [
      ("ragged.csv", "a,b,c\n1,2,3\n4,5\n", "ragged.csv:3: ragged row: 2 fields, the header has 3"),
      ("open.csv", "a,b\n1,\"x\n", "open.csv:2: unterminated quoted field"),
      ("bad.jsonl", "{\"a\": 1}\n{\"a\": [2]}\n", "bad.jsonl:2: key \"a\" holds a nested value"),
    ]
    for (name, text, message) in cases {
      let path = try write(text, name, in: folder)
      #expect {
        try data.ingest(path: path, dataset: "demand", classification: .internal, as: stella)
      } throws: { "\($0)".contains(message) }
    }
    let invalid = folder.appendingPathComponent("latin1.csv")
    try Data([0x61, 0x0A, 0xE9, 0x0A]).write(to: invalid)
    #expect {
      try data.ingest(path: invalid.path, dataset: "demand", classification: .internal, as: stella)
    } throws: { "\($0)".contains("latin1.csv:2: field 1 is not valid UTF-8") }
    // Nothing half-written: still one version, one sealed file, no temporary files.
    #expect(try data.versions(of: "demand", as: stella).count == 1)
    #expect(files(g, "landing") == ["demand/v1.sealed"])
  }

  @Test func publishingIsRefusedWithPIIInAKeptColumnOrLowK() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    let stella = Principal("stella")
    let path = try write(demandSample(rows: 200, seed: 3), "demand.csv", in: folder)
    try data.ingest(path: path, dataset: "demand", classification: .internal, as: stella)
    let keepsEmail = demandTransform.replacingOccurrences(
      of: "[columns.email]\naction = \"pseudonymise\"\nprefix = \"user\"",
      with: "[columns.email]\naction = \"keep\"")
    #expect(keepsEmail != demandTransform)
    #expect {
      try data.process("demand", transform: try transform(keepsEmail), as: stella)
    } throws: {
      "\($0)".contains("publish.no-pii-in-kept-columns") && "\($0)".contains("email in email")
    }
    // Born kept to the day with the region: nearly every row is alone in its group.
    let exactBirth = demandTransform.replacingOccurrences(
      of: "to = \"year\"", with: "prefix = 10")
    #expect {
      try data.process("demand", transform: try transform(exactBirth), as: stella)
    } throws: { "\($0)".contains("publish.k-anonymity") }
    #expect(files(g, "processing").isEmpty)
    #expect(try data.versions(of: "demand", as: stella).map(\.zone) == [.landing])
  }

  @Test func thePoisoningDrillRaisesADriftAlertAndACleanVersionDoesNot() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    let stella = Principal("stella")
    for seed in [11, 12] as [UInt64] {
      let path = try write(demandSample(rows: 600, seed: seed), "d\(seed).csv", in: folder)
      try data.ingest(path: path, dataset: "demand", classification: .internal, as: stella)
      let r = try data.process("demand", transform: try transform(), as: stella)
      #expect(r.alert == nil, "a clean sample drifted: \(r.drift)")
    }
    let poisoned = try data.poison("demand", rate: 0.3, seed: 5, as: Principal("sam"))
    #expect(poisoned.rows == 780 && poisoned.source == "drill:data-poison")
    let r = try data.process("demand", transform: try transform(), as: stella)
    let alert = try #require(r.alert)
    #expect(alert.detector == "data-drift" && alert.severity == .high)
    #expect(alert.evidence.details["dataset"] == "demand")
    #expect(alert.evidence.details["columns"]?.contains("demand=") == true)
    var filter = AuditFilter()
    filter.action = "drill."
    #expect(
      try g.audit.entries(filter: filter).map(\.action).sorted() == ["drill.start", "drill.stop"])
  }

  @Test func thePoisoningDrillTakesNumbersNoIntegerHolds() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    // A 20-digit id and an infinite reading: tripling either used to trap converting to Int.
    var csv = "account,reading,site\n"
    for i in 0..<20 { csv += "987654321098765432\(10 + i),\(i == 3 ? "inf" : "1.5"),s\(i % 3)\n" }
    let path = try write(csv, "wide.csv", in: folder)
    try data.ingest(path: path, dataset: "wide", classification: .internal, as: Principal("stella"))
    let poisoned = try data.poison("wide", rate: 0.5, seed: 3, as: Principal("sam"))
    #expect(poisoned.rows == 30)
  }

  @Test func tamperedFilesAreRefused() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    let stella = Principal("stella")
    let path = try write(demandSample(rows: 30, seed: 4), "demand.csv", in: folder)
    try data.ingest(path: path, dataset: "demand", classification: .internal, as: stella)
    let file = g.workspace.root.appendingPathComponent("data/landing/demand/v1.sealed")
    var bytes = try Data(contentsOf: file)
    bytes[bytes.count / 2] ^= 1
    try bytes.write(to: file)
    #expect { try data.readRaw("demand", as: stella) } throws: {
      "\($0)".contains("does not decrypt")
    }
  }

  @Test func classificationRulesDecideProcessedReads() throws {
    let (g, data, folder) = try fixture()
    defer { g.discard() }
    let stella = Principal("stella")
    let path = try write(demandSample(rows: 200, seed: 6), "demand.csv", in: folder)
    try data.ingest(path: path, dataset: "secret", classification: .confidential, as: stella)
    _ = try data.process("secret", transform: try transform(), as: stella)
    #expect { try data.read("secret", as: Principal("dana")) } throws: {
      "\($0)".contains("data.confidential-steward-only")
    }
    _ = try data.read("secret", as: stella)
    #expect {
      try data.ingest(path: path, dataset: "secret", classification: .public, as: stella)
    } throws: { "\($0)".contains("ingest it with --classification confidential") }
  }
}

/// Every standard role against every data action, written out by hand from the blueprint:
/// only the data steward touches the landing zone and tokens; data scientists read processed
/// (internal) data; the SOC runs the poisoning drill; everybody sees dataset metadata.
private let expectedDataMatrix = """
  action               dsci mlop devo soc  aud  stew adm
  data.list            Y    Y    Y    Y    Y    Y    Y
  data.ingest          .    .    .    .    .    Y    .
  data.raw.read        .    .    .    .    .    Y    .
  data.scan            .    .    .    .    .    Y    .
  data.process         .    .    .    .    .    Y    .
  data.processed.read  Y    .    .    .    .    Y    .
  data.reidentify      .    .    .    .    .    Y    .
  drill.run            .    .    .    Y    .    .    .
  """

@Suite struct DataMatrixTests {
  @Test func everyRoleAgainstEveryDataAction() throws {
    let g = try Governance.temporary(principals: DataPipelineServiceTests.principals, label: "m")
    defer { g.discard() }
    let data = DataService(governance: g)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-matrix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("demand.csv")
    try Data(demandSample(rows: 120, seed: 9).utf8).write(to: file)
    let transform = try TransformDocument(text: demandTransform, source: "t.toml")
    let stella = Principal("stella")
    try data.ingest(path: file.path, dataset: "demand", classification: .internal, as: stella)
    let processed = try data.process("demand", transform: transform, as: stella).version
    let (_, table) = try data.read("demand", as: stella)
    let token = table.cells[table.index(of: "card")!][0]

    let people = ["dana", "mike", "olga", "sam", "alex", "stella", "ada"]
    var actual: [String: [String]] = [:]
    for who in people {
      let p = Principal(who)
      func row(_ action: String, lacking permission: String, _ body: () throws -> Void) {
        let cell: String
        do {
          try body()
          cell = "Y"
        } catch {
          let text = "\(error)"
          if text.contains("lacks \(permission)") {
            cell = "."
          } else {
            Issue.record("\(who) \(action): unexpected failure: \(text)")
            cell = "?"
          }
        }
        actual[action, default: []].append(cell)
      }
      row("data.list", lacking: "job.read") { _ = try data.datasets(as: p) }
      row("data.ingest", lacking: "data.ingest") {
        try data.ingest(path: file.path, dataset: "demand", classification: .internal, as: p)
      }
      row("data.raw.read", lacking: "data.raw.read") { _ = try data.readRaw("demand", as: p) }
      row("data.scan", lacking: "data.raw.read") {
        _ = try data.scan("demand", version: 1, as: p)
      }
      row("data.process", lacking: "data.process") {
        _ = try data.process("demand", transform: transform, as: p)
      }
      row("data.processed.read", lacking: "data.processed.read") {
        _ = try data.read("demand", version: processed.version, as: p)
      }
      row("data.reidentify", lacking: "data.reidentify") {
        _ = try data.reidentify(
          "demand", version: processed.version, column: "card", token: token,
          reason: "matrix test", as: p)
      }
      row("drill.run", lacking: "drill.run") {
        _ = try data.poison("demand", rate: 0.1, seed: 1, as: p)
      }
    }
    let lines = expectedDataMatrix.split(separator: "\n").dropFirst()
    for line in lines {
      let fields = line.split(separator: " ").map(String.init)
      #expect(actual[fields[0]] == Array(fields.dropFirst()), "row \(fields[0])")
    }
    #expect(actual.count == lines.count)
  }
}

/// A job reads a processed dataset version as its demand trace; the version goes into the
/// model's provenance; restricted data trains nothing.
@Suite(.serialized) struct DatasetJobTests {
  @Test func capacityJobTrainsOnAProcessedVersion() throws {
    var c = EngineConfiguration()
    c.nvmlLibrary = "/nonexistent/libnvidia-ml.so.1"
    let engine = try Engine.temporary(
      principals: ["stella": ["data-steward"], "dana": ["data-scientist"]], configuration: c)
    defer { engine.shutdown(requestedBy: .system) }
    let data = DataService(governance: engine.governance)
    let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("demo/data")
    let transform = try TransformDocument.load(
      path: demo.appendingPathComponent("demand.transform.toml").path)
    for (name, classification) in [("demand", Classification.internal), ("vault", .restricted)] {
      try data.ingest(
        path: demo.appendingPathComponent("demand.csv").path, dataset: name,
        classification: classification, as: "stella")
      _ = try data.process(name, transform: transform, as: "stella")
    }
    var spec = JobSpec(
      name: "capacity-on-demand", environment: .capacity, algorithm: .ppo, steps: 2_048,
      monitor: .enforce)
    spec.evaluationEpisodes = 2
    spec.dataset = DatasetReference(name: "demand")
    let id = try engine.submit(spec, as: "dana")
    #expect(try engine.wait(for: id, timeout: 120, as: "dana") == .completed)
    let detail = try engine.detail(id, as: "dana")
    #expect(detail.spec.dataset?.label == "demand@v2")
    #expect(detail.spec.demandTrace?.services == ["web", "api", "batch"])
    #expect(detail.spec.demandTrace?.hours == 672)
    let version = try #require(
      try RegistryService(governance: engine.governance).versions(
        of: "capacity-on-demand", as: "dana"
      ).first)
    #expect(version.provenance.datasetID == "demand@v2")
    #expect(version.provenance.datasetSHA256 == detail.spec.dataset?.sha256)

    spec.dataset = DatasetReference(name: "vault")
    #expect { try engine.submit(spec, as: "dana") } throws: { "\($0)".contains("restricted") }
    spec.environment = .cartpole
    spec.dataset = DatasetReference(name: "demand")
    #expect { try engine.submit(spec, as: "dana") } throws: {
      "\($0)".contains("only the capacity environment reads a dataset")
    }
  }
}
