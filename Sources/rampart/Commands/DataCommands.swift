import ArgumentParser
import DataPipeline
import Detection
import Engine
import Foundation
import Governance

extension Classification: ExpressibleByArgument {}

/// `rampart data ...`: the landing zone, PII scan, de-identification and the processing zone.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "The data pipeline: ingest, scan, process, read, re-identify, drift, poison drill.",
    subcommands: [
      List.self, Show.self, Ingest.self, Scan.self, Process.self, Read.self, Reidentify.self,
      Drift.self, Poison.self,
    ])

  static func service(_ w: WorkspaceOptions) throws -> DataService {
    let g = try w.governance(requireUnchanged: false)
    let settings = try attempt { try DetectionSettings.workspace(g) }
    return DataService(governance: g, detection: settings)
  }

  static func describe(_ v: DatasetVersion) -> String {
    var s =
      "v\(v.version)  \(v.zone.rawValue)  \(v.rows) rows × \(v.columns.count) columns  "
      + "sha256 \(v.sha256.prefix(16))  by \(v.createdBy)  \(v.createdAt.auditText)"
    if let source = v.source { s += "\n    source: \(source)" }
    if let from = v.sourceVersion {
      s +=
        "\n    lineage: from v\(from) with transform sha256 \(v.transformSHA256?.prefix(16) ?? "n/a")"
    }
    if let qi = v.quasiIdentifiers, !qi.isEmpty {
      s +=
        "\n    k-anonymity over \(qi.joined(separator: ", ")): \(v.kAnonymity.map(String.init) ?? "n/a")"
    }
    if let t = v.transform {
      s +=
        "\n    transform: "
        + t.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: " ")
    }
    if let pii = v.pii {
      s += "\n    PII scan: " + (pii.isEmpty ? "nothing found" : "\(pii.count) findings")
    }
    if let drift = v.drift, let worst = drift.max(by: { $0.distance < $1.distance }) {
      s +=
        "\n    drift from the previous version: max \(String(format: "%.3f", worst.distance)) (\(worst.column))"
    }
    return s
  }

  static func finding(_ f: PIIFinding) -> String {
    "  \(f.column)  \(f.kind.rawValue)  \(f.count)/\(f.nonEmpty) cells  confidence "
      + String(format: "%.2f", f.confidence) + "  rows "
      + zip(f.sampleRows, f.sampleLines).map { "\($0) (line \($1))" }.joined(separator: ", ")
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Datasets (metadata only).")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per line.") var json = false
    func run() throws {
      let all = try attempt { try DataCommand.service(workspace).datasets(as: .currentUser()) }
      if all.isEmpty && !json { say("no datasets (rampart data ingest FILE --dataset NAME ...)") }
      for d in all {
        if json {
          say(jsonText(d))
        } else {
          say(
            "\(d.name)  \(d.classification.rawValue)  \(d.versions) versions  landing v\(d.latestLanding.map(String.init) ?? "-")  processed v\(d.latestProcessed.map(String.init) ?? "-")  by \(d.createdBy)"
          )
        }
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A dataset's versions with their lineage, k-anonymity and scan results.")
    @Argument var dataset: String
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per version.") var json = false
    func run() throws {
      let versions = try attempt {
        try DataCommand.service(workspace).versions(of: dataset, as: .currentUser())
      }
      for v in versions { say(json ? jsonText(v) : DataCommand.describe(v)) }
    }
  }

  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Store a CSV or JSON Lines file raw and encrypted in the landing zone (data.ingest).")
    @Argument(help: "The file (.csv or .jsonl).") var file: String
    @Option(help: "The dataset's name.") var dataset: String
    @Option(help: "public, internal, confidential or restricted.") var classification:
      Classification
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let v = try attempt {
        try DataCommand.service(workspace).ingest(
          path: file, dataset: dataset, classification: classification, as: .currentUser())
      }
      say(json ? jsonText(v) : "ingested \(v.label): " + DataCommand.describe(v))
    }
  }

  struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find PII per column: counts, rows, confidence, never values.")
    @Argument var dataset: String
    @Option(help: "The version (default: the newest).") var version: Int?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per finding.") var json = false
    func run() throws {
      let (v, findings) = try attempt {
        try DataCommand.service(workspace).scan(dataset, version: version, as: .currentUser())
      }
      if !json {
        say("\(v.label) (\(v.zone.rawValue), \(v.rows) rows): \(findings.count) findings")
      }
      for f in findings { say(json ? jsonText(f) : DataCommand.finding(f)) }
    }
  }

  struct Process: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "De-identify the newest landing version with a transform file into a new processed version (data.process; policy gates publishing)."
    )
    @Argument var dataset: String
    @Option(help: "The transform file (TOML).") var transform: String
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "JSON.") var json = false
    func run() throws {
      let document: TransformDocument
      do { document = try TransformDocument.load(path: transform) } catch {
        throw CommandFailure(description: error.description)
      }
      let result = try attempt {
        try DataCommand.service(workspace).process(dataset, transform: document, as: .currentUser())
      }
      if json { return say(jsonText(result.version)) }
      say("published \(result.version.label): " + DataCommand.describe(result.version))
      if let alert = result.alert {
        say("ALERT \(alert.id) \(alert.severity.rawValue): \(alert.summary)")
      }
    }
  }

  struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Print a version as CSV: processed (data.processed.read, by classification) or, with --raw, landing (data.raw.read). Audited."
    )
    @Argument var dataset: String
    @Option(help: "The version (default: the newest of the zone).") var version: Int?
    @Flag(help: "The landing zone's raw data (data-steward only).") var raw = false
    @Option(help: "At most this many rows.") var limit: Int?
    @OptionGroup var workspace: WorkspaceOptions
    func validate() throws {
      if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
    }
    func run() throws {
      let service = try DataCommand.service(workspace)
      var (_, table) = try attempt {
        raw
          ? try service.readRaw(dataset, version: version, as: .currentUser())
          : try service.read(dataset, version: version, as: .currentUser())
      }
      if let limit, limit < table.rowCount {
        table = DataTable(
          columns: table.columns, cells: table.cells.map { Array($0.prefix(limit)) },
          lines: Array(table.lines.prefix(limit)))
      }
      FileHandle.standardOutput.write(Data(CSVWriter.write(table)))
    }
  }

  struct Reidentify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Map a token back to its value (data.reidentify; audited with the reason).")
    @Argument var dataset: String
    @Option(help: "The column the token is in.") var column: String
    @Option(help: "The token.") var token: String
    @Option(help: "Why, at least 5 characters (recorded in the audit log).") var reason: String
    @Option(help: "The processed version (default: the newest).") var version: Int?
    @OptionGroup var workspace: WorkspaceOptions
    func validate() throws {
      guard reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= 5 else {
        throw ValidationError("--reason must say why in at least 5 characters")
      }
    }
    func run() throws {
      let value = try attempt {
        try DataCommand.service(workspace).reidentify(
          dataset, version: version, column: column, token: token, reason: reason,
          as: .currentUser())
      }
      say(value)
    }
  }

  struct Drift: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Distance per column between two versions (KS for numbers, total variation).")
    @Argument var dataset: String
    @Option var from: Int
    @Option var to: Int
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "One JSON object per column.") var json = false
    func run() throws {
      let drift = try attempt {
        try DataCommand.service(workspace).drift(dataset, from: from, to: to, as: .currentUser())
      }
      for d in drift {
        say(
          json
            ? jsonText(d)
            : "\(d.column)  \(d.measure.rawValue)  \(String(format: "%.4f", d.distance))")
      }
    }
  }

  struct Poison: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Drill: append poisoned rows to a dataset's landing zone as a new version (drill.run; audited as a drill)."
    )
    @Argument var dataset: String
    @Option(help: "Poisoned rows as a share of the rows, (0, 1].") var rate = 0.3
    @Option(help: "Seed for the rows chosen.") var seed: UInt64 = 1
    @OptionGroup var workspace: WorkspaceOptions
    func validate() throws {
      if !(rate > 0 && rate <= 1) { throw ValidationError("--rate must be in (0, 1], got \(rate)") }
    }
    func run() throws {
      let v = try attempt {
        try DataCommand.service(workspace).poison(
          dataset, rate: rate, seed: seed, as: .currentUser())
      }
      say("poisoned \(v.label): \(v.rows) rows (process it to see the drift alert)")
    }
  }
}
