import Crypto
import DataPipeline
import Detection
import Foundation
import GRDB
import Governance

/// The data pipeline as a principal works it, with or without a running engine. Every call is
/// authorised here; every read and write of either zone is audited (target `dataset:NAME`), and
/// so is every refusal.
///
/// Landing zone: `ingest` (data.ingest) stores the file raw and encrypted; `scan` and `readRaw`
/// need data.raw.read. Processing zone: `process` (data.process) de-identifies the newest landing
/// version with a transform and publishes it only when policy allows (the scan finds no PII in a
/// kept column, k-anonymity reaches the policy's k); `read` needs data.processed.read and the
/// policy's classification rules. `reidentify` (data.reidentify) maps a token back, with a reason.
/// Listing datasets and their lineage is dashboard metadata (job.read): names, counts, hashes and
/// findings, never values.
public struct DataService: Sendable {
  public let governance: Governance
  public let detection: DetectionSettings

  public init(governance: Governance, detection: DetectionSettings = .init()) {
    self.governance = governance
    self.detection = detection
  }

  private var writer: any DatabaseWriter { governance.store.writer }
  private var root: URL { governance.workspace.root }

  static func target(_ dataset: String) -> String { "dataset:\(dataset)" }

  // MARK: Metadata

  public func datasets(as p: Principal) throws(EngineError) -> [DatasetSummary] {
    try engineCall {
      try governance.authorize(p.name, .jobRead, target: "datasets", auditAllowed: false)
      return try writer.read { try DatasetStore.datasets(in: $0) }
    }
  }

  public func versions(of dataset: String, as p: Principal) throws(EngineError) -> [DatasetVersion]
  {
    try engineCall {
      try governance.authorize(
        p.name, .jobRead, target: Self.target(dataset), auditAllowed: false)
      let versions = try writer.read { try DatasetStore.versions(of: dataset, in: $0) }
      guard !versions.isEmpty else { throw EngineError.invalidRequest("no dataset \(dataset)") }
      return versions
    }
  }

  // MARK: Landing zone

  /// Stores `path` as a new landing version of `dataset` (created with `classification` on
  /// first ingest). The file is parsed first: a malformed one is refused with file:line and
  /// nothing is stored.
  @discardableResult
  public func ingest(
    path: String, dataset: String, classification: Classification, as p: Principal
  ) throws(EngineError) -> DatasetVersion {
    let data: [UInt8]
    do { data = try SealedFile.readPlain(path) } catch { throw .invalidRequest(error.description) }
    let format: DataFormat
    do { format = try DataFormat(path: path) } catch { throw .invalidRequest(error.description) }
    return try ingest(
      bytes: data, format: format, source: (path as NSString).lastPathComponent,
      dataset: dataset, classification: classification, as: p)
  }

  @discardableResult
  public func ingest(
    bytes: [UInt8], format: DataFormat, source: String, dataset: String,
    classification: Classification, as p: Principal
  ) throws(EngineError) -> DatasetVersion {
    try ingest(
      bytes: bytes, format: format, source: source, dataset: dataset,
      classification: classification, as: p, drill: false)
  }

  /// `drill`: the poisoning drill's own version (authorised as drill.run by its caller). Internal,
  /// so that no caller outside the Engine can switch the check.
  func ingest(
    bytes: [UInt8], format: DataFormat, source: String, dataset: String,
    classification: Classification, as p: Principal, drill: Bool
  ) throws(EngineError) -> DatasetVersion {
    guard Governance.isValidDatasetName(dataset) else {
      throw .invalidRequest(
        "dataset name \"\(dataset)\" must be 1–64 letters, digits, '.', '_' or '-'")
    }
    return try engineCall {
      try governance.authorize(
        p.name, drill ? .drillRun : .dataIngest, target: Self.target(dataset),
        attributes: ["dataset.id": .string(dataset)], auditAllowed: false)
      let existing = try writer.read { try DatasetStore.classification(of: dataset, in: $0) }
      if let existing, existing != classification, !drill {
        throw EngineError.invalidRequest(
          "dataset \(dataset) is \(existing.rawValue); ingest it with --classification \(existing.rawValue)"
        )
      }
      let table: DataTable
      do { table = try format.read(bytes, source: source) } catch {
        try governance.record(
          p.name, "data.ingest", target: Self.target(dataset), outcome: .failed,
          details: ["reason": "\(error)"])
        throw EngineError.invalidRequest("\(error)")
      }
      let version = try nextVersion(dataset)
      let file = "data/landing/\(dataset)/v\(version).sealed"
      let label = "\(dataset)|\(version)|landing"
      try SealedFile.write(
        bytes, to: root.appendingPathComponent(file).path,
        key: governance.workspace.derivedKey("data.landing"), label: label)
      var record = DatasetVersion(
        dataset: dataset, version: version, zone: .landing, createdAt: Date(),
        createdBy: p.name, sha256: Self.sha256(bytes), rows: table.rowCount,
        columns: table.columns, source: drill ? "drill:data-poison" : source, file: file)
      record.sourceVersion = nil
      do {
        try writer.write { db in
          if existing == nil {
            try db.execute(
              sql: """
                INSERT INTO dataset (name, classification, created_at_ms, created_by)
                VALUES (?, ?, ?, ?)
                """,
              arguments: [dataset, classification.rawValue, DetectionStore.ms(Date()), p.name])
          }
          var stored = record
          stored.columns = table.columns
          try DatasetStore.insert(stored, in: db)
        }
      } catch {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(file))
        throw error
      }
      var details = [
        "version": String(version), "zone": "landing", "rows": String(table.rowCount),
        "sha256": record.sha256, "source": record.source ?? "",
        "classification": (existing ?? classification).rawValue,
      ]
      if drill { details["drill"] = "data-poison" }
      try governance.record(
        p.name, drill ? "drill.start" : "data.ingest", target: Self.target(dataset),
        outcome: .executed, details: details)
      return record
    }
  }

  /// The raw table of a landing version (the newest when `version` is nil): data.raw.read,
  /// audited as a sensitive read.
  public func readRaw(_ dataset: String, version: Int? = nil, as p: Principal) throws(EngineError)
    -> (DatasetVersion, DataTable)
  {
    try engineCall {
      let v = try pick(dataset, version, zone: .landing)
      try governance.authorize(
        p.name, .dataRawRead, target: Self.target(dataset),
        attributes: ["dataset.id": .string(dataset)],
        details: ["version": String(v.version), "zone": "landing", "purpose": "read"])
      return (v, try openLanding(v))
    }
  }

  /// PII findings per column of a version (landing: data.raw.read; processing: the processed
  /// read rules). The findings are stored with the version; they name rows, never values.
  public func scan(_ dataset: String, version: Int? = nil, as p: Principal) throws(EngineError)
    -> (DatasetVersion, [PIIFinding])
  {
    try engineCall {
      var v = try pick(dataset, version, zone: nil)
      let table: DataTable
      if v.zone == .landing {
        try governance.authorize(
          p.name, .dataRawRead, target: Self.target(dataset),
          attributes: ["dataset.id": .string(dataset)],
          details: ["version": String(v.version), "zone": "landing", "purpose": "scan"])
        table = try openLanding(v)
      } else {
        try authorizeProcessedRead(p, v, purpose: "scan")
        table = Self.carryingSourceValues(try openProcessed(v), v)
      }
      let findings = PIIScanner().scan(table)
      v.pii = findings
      try writer.write { db in
        try db.execute(
          sql: "UPDATE dataset_version SET pii = ? WHERE dataset = ? AND version = ?",
          arguments: [DatasetStore.json(findings), dataset, v.version])
      }
      return (v, findings)
    }
  }

  // MARK: Processing zone

  /// What `process` published, with what the policy looked at.
  public struct ProcessResult: Sendable {
    public var version: DatasetVersion
    /// Kept columns in which the scan of the processed data still finds PII (empty to publish).
    public var keptPII: [PIIFinding]
    public var drift: [ColumnDrift]
    /// The drift alert raised, if any column moved past the threshold.
    public var alert: Alert?
  }

  /// De-identifies the newest landing version of `dataset` with `transform` and publishes a new
  /// processing-zone version, if policy allows it.
  public func process(_ dataset: String, transform: TransformDocument, as p: Principal)
    throws(EngineError) -> ProcessResult
  {
    try engineCall {
      try governance.authorizeRole(p.name, .dataProcess, target: Self.target(dataset))
      // One read of the versions: the source, the previous processed one and the next number.
      let versions = try writer.read { try DatasetStore.versions(of: dataset, in: $0) }
      let source = try Self.pick(versions, dataset, nil, zone: .landing)
      let classification =
        try writer.read { try DatasetStore.classification(of: dataset, in: $0) } ?? .restricted
      let raw = try openLanding(source)
      do { try transform.check(against: raw) } catch {
        throw EngineError.invalidRequest("\(error)")
      }
      let (table, vault) = try deidentifier(dataset).apply(transform, to: raw)
      // The policy's minimum: what the scan still finds in kept columns, and k-anonymity.
      let kept = Set(transform.actions.filter { $0.value == .keep }.map(\.key))
      let keptPII = PIIScanner().scan(table.selecting(kept))
      let k = KAnonymity.measure(table, columns: transform.quasiIdentifiers)
      var attributes: [String: PolicyValue] = [
        "dataset.id": .string(dataset), "dataset.classification": .string(classification.rawValue),
        "dataset.quasi_identifiers": .number(Double(transform.quasiIdentifiers.count)),
        "dataset.kept_pii_columns": .number(Double(Set(keptPII.map(\.column)).count)),
        "dataset.kept_pii": .string(
          keptPII.map { "\($0.kind.rawValue) in \($0.column)" }.joined(separator: ", ")),
      ]
      if let k = k.k { attributes["dataset.k_anonymity"] = .number(Double(k)) }
      let version = (versions.last?.version ?? 0) + 1
      try governance.authorize(
        p.name, .dataProcess, target: Self.target(dataset), attributes: attributes,
        details: [
          "version": String(version), "source_version": String(source.version),
          "transform_sha256": transform.sha256,
        ], auditAllowed: false)
      let bytes = CSVWriter.write(table)
      let file = "data/processing/\(dataset)/v\(version).sealed"
      try SealedFile.write(
        bytes, to: root.appendingPathComponent(file).path,
        key: governance.workspace.derivedKey("data.processing"),
        label: "\(dataset)|\(version)|processing")
      var vaultFile: String?
      if vault.count > 0 {
        let path = "data/vault/\(dataset)/v\(version).sealed"
        try SealedFile.write(
          Array(try DatasetStore.encoder.encode(vault)), to: root.appendingPathComponent(path).path,
          key: governance.workspace.derivedKey("data.vault"), label: "\(dataset)|\(version)|vault")
        vaultFile = path
      }
      // Drift from the previous processed version, over the columns that carry a distribution
      // (kept or generalised; pseudonyms and tokens are unique by design).
      let previous = versions.last { $0.zone == .processing }
      var drift: [ColumnDrift] = []
      if let previous {
        let old = try openProcessed(previous)
        let comparable = transform.actions.filter {
          if case .keep = $0.value { return true }
          if case .generalise = $0.value { return true }
          return false
        }.map(\.key)
        drift = DriftReport.compare(
          old.selecting(Set(comparable)), table.selecting(Set(comparable)))
      }
      var record = DatasetVersion(
        dataset: dataset, version: version, zone: .processing, createdAt: Date(),
        createdBy: p.name, sha256: Self.sha256(bytes), rows: table.rowCount,
        columns: table.columns, source: nil, sourceVersion: source.version,
        transformSHA256: transform.sha256,
        transform: transform.actions.mapValues(\.name),
        quasiIdentifiers: transform.quasiIdentifiers,
        kAnonymity: k.k, pii: nil, drift: previous == nil ? nil : drift,
        file: file, vaultFile: vaultFile)
      record.pii = PIIScanner().scan(Self.carryingSourceValues(table, record))
      do {
        try writer.write { try DatasetStore.insert(record, in: $0) }
      } catch {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(file))
        if let vaultFile {
          try? FileManager.default.removeItem(at: root.appendingPathComponent(vaultFile))
        }
        throw error
      }
      try governance.record(
        p.name, "data.process", target: Self.target(dataset), outcome: .executed,
        details: [
          "version": String(version), "source_version": String(source.version),
          "transform_sha256": transform.sha256, "sha256": record.sha256,
          "rows": String(table.rowCount), "k_anonymity": k.k.map(String.init) ?? "n/a",
          "tokens_in_vault": String(vault.count),
        ])
      let alert = try raiseDriftAlert(record, previous: previous, drift: drift, source: source)
      return ProcessResult(version: record, keptPII: keptPII, drift: drift, alert: alert)
    }
  }

  /// A processed version's table (the newest when `version` is nil): data.processed.read under
  /// the policy's classification rules, audited as a read.
  public func read(_ dataset: String, version: Int? = nil, as p: Principal) throws(EngineError)
    -> (DatasetVersion, DataTable)
  {
    try engineCall {
      let v = try pick(dataset, version, zone: .processing)
      try authorizeProcessedRead(p, v, purpose: "read")
      return (v, try openProcessed(v))
    }
  }

  /// Distances per column between two versions of the same zone (processed: data.processed.read;
  /// landing: data.raw.read).
  public func drift(_ dataset: String, from a: Int, to b: Int, as p: Principal) throws(EngineError)
    -> [ColumnDrift]
  {
    try engineCall {
      let old = try pick(dataset, a, zone: nil)
      let new = try pick(dataset, b, zone: old.zone)
      let tables = try [old, new].map { v throws -> DataTable in
        if v.zone == .landing {
          try governance.authorize(
            p.name, .dataRawRead, target: Self.target(dataset),
            attributes: ["dataset.id": .string(dataset)],
            details: ["version": String(v.version), "zone": "landing", "purpose": "drift"])
          return try openLanding(v)
        }
        try authorizeProcessedRead(p, v, purpose: "drift")
        return try openProcessed(v)
      }
      return DriftReport.compare(tables[0], tables[1])
    }
  }

  /// The value a token stands for, for the data steward, with the reason audited.
  public func reidentify(
    _ dataset: String, version: Int? = nil, column: String, token: String, reason: String,
    as p: Principal
  ) throws(EngineError) -> String {
    let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard why.count >= 5 else {
      throw .invalidRequest(
        "re-identification needs a reason (--reason TEXT, at least 5 characters)")
    }
    return try engineCall {
      let v = try pick(dataset, version, zone: .processing)
      try governance.authorize(
        p.name, .dataReidentify, target: Self.target(dataset),
        attributes: ["dataset.id": .string(dataset)],
        details: ["version": String(v.version), "column": column, "reason": why],
        auditAllowed: false)
      var vault = TokenVault()
      if let vaultFile = v.vaultFile {
        let bytes = try SealedFile.read(
          root.appendingPathComponent(vaultFile).path,
          key: governance.workspace.derivedKey("data.vault"),
          label: "\(dataset)|\(v.version)|vault")
        vault = try DatasetStore.decoder.decode(TokenVault.self, from: Data(bytes))
      }
      let value = try deidentifier(dataset).reidentify(token, column: column, vault: vault)
      try governance.record(
        p.name, "data.reidentify", target: Self.target(dataset),
        outcome: value == nil ? .failed : .executed,
        details: [
          "version": String(v.version), "column": column, "reason": why,
          "token": String(token.prefix(24)),
        ])
      guard let value else {
        throw EngineError.invalidRequest(
          "\(token) is not a token of column \(column) in \(dataset)@v\(v.version)")
      }
      return value
    }
  }

  // MARK: Helpers

  private func authorizeProcessedRead(_ p: Principal, _ v: DatasetVersion, purpose: String) throws {
    let classification =
      try writer.read { try DatasetStore.classification(of: v.dataset, in: $0) }
    var attributes: [String: PolicyValue] = ["dataset.id": .string(v.dataset)]
    if let classification {
      attributes["dataset.classification"] = .string(classification.rawValue)
    }
    try governance.authorize(
      p.name, .dataProcessedRead, target: Self.target(v.dataset), attributes: attributes,
      details: ["version": String(v.version), "zone": "processing", "purpose": purpose])
  }

  private func deidentifier(_ dataset: String) -> Deidentifier {
    Deidentifier(
      pseudonymKey: governance.workspace.derivedKey("data.pseudonym"),
      tokenKey: governance.workspace.derivedKey("data.ff1:\(dataset)"))
  }

  private func pick(_ dataset: String, _ version: Int?, zone: DataZone?) throws -> DatasetVersion {
    try Self.pick(
      writer.read { try DatasetStore.versions(of: dataset, in: $0) }, dataset, version, zone: zone)
  }

  /// The version asked for (the newest of `zone` when `version` is nil) among `versions`.
  private static func pick(
    _ versions: [DatasetVersion], _ dataset: String, _ version: Int?, zone: DataZone?
  ) throws -> DatasetVersion {
    guard !versions.isEmpty else { throw EngineError.invalidRequest("no dataset \(dataset)") }
    if let version {
      guard let v = versions.first(where: { $0.version == version }) else {
        throw EngineError.invalidRequest("dataset \(dataset) has no version \(version)")
      }
      if let zone, v.zone != zone {
        throw EngineError.invalidRequest(
          "\(v.label) is in the \(v.zone.rawValue) zone, not the \(zone.rawValue) zone")
      }
      return v
    }
    guard let v = versions.last(where: { zone == nil || $0.zone == zone }) else {
      throw EngineError.invalidRequest(
        "dataset \(dataset) has no \(zone?.rawValue ?? "") version yet"
          + (zone == .processing ? " (run rampart data process)" : ""))
    }
    return v
  }

  private func nextVersion(_ dataset: String) throws -> Int {
    try writer.read {
      try Int.fetchOne(
        $0, sql: "SELECT MAX(version) FROM dataset_version WHERE dataset = ?",
        arguments: [dataset]) ?? 0
    } + 1
  }

  func openLanding(_ v: DatasetVersion) throws -> DataTable {
    let bytes = try SealedFile.read(
      root.appendingPathComponent(v.file).path,
      key: governance.workspace.derivedKey("data.landing"),
      label: "\(v.dataset)|\(v.version)|landing")
    guard Self.sha256(bytes) == v.sha256 else { throw SealedFileError.tampered(v.file) }
    // Drill versions are written as CSV; ingested ones keep their file's format.
    let format = (try? DataFormat(path: v.source ?? "")) ?? .csv
    return try format.read(bytes, source: v.source ?? v.label)
  }

  func openProcessed(_ v: DatasetVersion) throws -> DataTable {
    let bytes = try SealedFile.read(
      root.appendingPathComponent(v.file).path,
      key: governance.workspace.derivedKey("data.processing"),
      label: "\(v.dataset)|\(v.version)|processing")
    guard Self.sha256(bytes) == v.sha256 else { throw SealedFileError.tampered(v.file) }
    return try CSVReader.read(bytes, source: v.label)
  }

  /// A processed table without its pseudonymised and tokenised columns: those hold tokens by
  /// construction, and a format-preserving token looks like what it replaced (a card-shaped
  /// token even passes Luhn one time in ten), so scanning them reports the tokens, not PII.
  static func carryingSourceValues(_ t: DataTable, _ v: DatasetVersion) -> DataTable {
    let replaced = Set(
      (v.transform ?? [:]).filter { $0.value == "tokenise" || $0.value == "pseudonymise" }.keys)
    return t.selecting(Set(t.columns).subtracting(replaced))
  }

  static func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).hex }
}
