import Crypto
import DataPipeline
import Foundation

/// The data pipeline on one core: a synthetic 10-column CSV of card transactions (1,000,000 rows
/// by default, from 100,000 customers, so identities repeat as in real exports) is read from a
/// file, parsed and sealed (ingest), scanned for PII, de-identified with a transform that uses
/// every action, re-scanned and measured for k-anonymity, written and sealed (process). Reports
/// each stage and the whole as rows per second, median of the runs.
struct DataBench {
  let runs: Int
  let rows: Int
  let out: BenchOutput

  static let transform = """
    quasi_identifiers = ["born", "postcode"]
    [columns.id]
    action = "drop"
    [columns.name]
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
    action = "generalise"
    prefix = 2
    [columns.city]
    action = "keep"
    [columns.amount]
    action = "generalise"
    range = 50
    [columns.ip]
    action = "drop"
    """

  func run() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-bench-data-\(getpid()).csv")
    defer { try? FileManager.default.removeItem(at: path) }
    let generated = Self.generate(rows: rows, customers: max(rows / 10, 1))
    try Data(generated).write(to: path)
    let transform = try TransformDocument(text: Self.transform, source: "bench.transform.toml")
    let deidentifier = Deidentifier(
      pseudonymKey: SymmetricKey(size: .bits256), tokenKey: SymmetricKey(size: .bits256))
    let key = SymmetricKey(size: .bits256)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rampart-bench-data-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }

    var ingest: [Double] = []
    var scan: [Double] = []
    var process: [Double] = []
    var total: [Double] = []
    var findings = 0
    var k: Int?
    var cpu: [Double] = []
    for run in 0..<max(runs, 1) {
      let c0 = Self.processCPUSeconds()
      let t0 = DispatchTime.now().uptimeNanoseconds
      let bytes = try SealedFile.readPlain(path.path)
      let table = try CSVReader.read(bytes, source: "bench.csv")
      try SealedFile.write(
        bytes, to: folder.appendingPathComponent("landing-\(run)").path, key: key, label: "l")
      let t1 = DispatchTime.now().uptimeNanoseconds
      findings = PIIScanner().scan(table).count
      let t2 = DispatchTime.now().uptimeNanoseconds
      let (processed, _) = try deidentifier.apply(transform, to: table)
      let kept = Set(transform.actions.filter { $0.value == .keep }.map(\.key))
      _ = PIIScanner().scan(processed.selecting(kept))
      k = KAnonymity.measure(processed, columns: transform.quasiIdentifiers).k
      try SealedFile.write(
        CSVWriter.write(processed), to: folder.appendingPathComponent("processing-\(run)").path,
        key: key, label: "p")
      let t3 = DispatchTime.now().uptimeNanoseconds
      guard table.rowCount == rows else {
        throw CommandFailure(description: "bench read \(table.rowCount) rows, expected \(rows)")
      }
      ingest.append(Double(t1 - t0) / 1e9)
      scan.append(Double(t2 - t1) / 1e9)
      process.append(Double(t3 - t2) / 1e9)
      total.append(Double(t3 - t0) / 1e9)
      cpu.append(Self.processCPUSeconds() - c0)
    }
    let r = Double(rows)
    let seconds = median(total)
    out.emit(
      JSONLine([
        "bench": "data", "rows": .int(rows), "columns": 10, "bytes": .int(generated.count),
        "rows_per_s": .double(r / seconds), "seconds": .double(seconds),
        "cpu_rows_per_s": .double(r / median(cpu)), "cpu_seconds": .double(median(cpu)),
        "ingest_rows_per_s": .double(r / median(ingest)),
        "scan_rows_per_s": .double(r / median(scan)),
        "process_rows_per_s": .double(r / median(process)), "pii_findings": .int(findings),
        "k_anonymity": k.map { .int($0) } ?? .null, "runs": .int(max(runs, 1)),
      ]),
      text:
        "data: \(format(r / seconds, 0)) rows/s ingest+scan+process of \(rows) rows × 10 columns "
        + "(\(format(Double(generated.count) / 1_000_000, 1)) MB) on one core, median of \(max(runs, 1)) runs "
        + "(\(format(r / median(cpu), 0)) rows per CPU second): "
        + "ingest (read, parse, seal) \(format(r / median(ingest), 0)) rows/s, "
        + "scan \(format(r / median(scan), 0)) rows/s (\(findings) findings), "
        + "process (transform, re-scan, k-anonymity \(k.map(String.init) ?? "n/a"), write, seal) "
        + "\(format(r / median(process), 0)) rows/s")
  }

  static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Deterministic transactions: customers with a name, e-mail, phone, card (Luhn-valid), birth
  /// date and postcode; per row an id, a city, an amount and a client IP.
  static func generate(rows: Int, customers: Int) -> [UInt8] {
    var state: UInt64 = 0x5EED
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let first = ["Ann", "Bo", "Carla", "Deepak", "Eve", "Farid", "Grete", "Hiro", "Ines", "Jon"]
    let last = ["Lee", "Ng", "Okafor", "Patel", "Quist", "Rossi", "Sato", "Tan", "Ueda", "Vidal"]
    let cities = ["London", "Leeds", "Oslo", "Lyon", "Porto", "Turin", "Graz", "Cork"]
    func luhn(_ digits: [Int]) -> Int {
      var sum = 0
      for (i, d) in digits.reversed().enumerated() {
        var x = d
        if i % 2 == 0 {
          x *= 2
          if x > 9 { x -= 9 }
        }
        sum += x
      }
      return (10 - sum % 10) % 10
    }
    var people: [String] = []
    for c in 0..<customers {
      let f = first[next(first.count)]
      let l = last[next(last.count)]
      var card = [4] + (0..<14).map { _ in next(10) }
      card.append(luhn(card))
      let cardText = stride(from: 0, to: 16, by: 4).map {
        card[$0..<$0 + 4].map(String.init).joined()
      }
      .joined(separator: " ")
      let born =
        "19\(50 + next(50))-\(String(format: "%02d", 1 + next(12)))-\(String(format: "%02d", 1 + next(28)))"
      let postcode =
        ["SW1A", "EC1A", "N1", "E2", "W1", "SE1"][next(6)]
        + " \(1 + next(9))\(["AA", "BB", "CD"][next(3)])"
      people.append(
        "\(f) \(l),\(f.lowercased()).\(l.lowercased())\(c)@example.com,+44 7700 \(String(format: "%06d", c)),\(cardText),\(born),\(postcode)"
      )
    }
    var text = "id,name,email,phone,card,born,postcode,city,amount,ip\n"
    text.reserveCapacity(rows * 120)
    for r in 0..<rows {
      text += "\(r),\(people[next(people.count)]),\(cities[next(cities.count)]),"
      text +=
        "\(next(50_000) / 100).\(String(format: "%02d", next(100))),10.\(next(256)).\(next(256)).\(next(256))\n"
    }
    return Array(text.utf8)
  }
}
