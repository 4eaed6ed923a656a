/// The formats the landing zone takes, told apart by the file's extension.
public enum DataFormat: String, Sendable, Codable, CaseIterable {
  case csv
  case jsonl

  public init(path: String) throws(DataFileError) {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") {
      self = .csv
    } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
      self = .jsonl
    } else {
      throw DataFileError(
        source: path, line: 0,
        message: "unknown format: name the file .csv (RFC 4180) or .jsonl (JSON Lines)")
    }
  }

  public func read(_ bytes: [UInt8], source: String) throws(DataFileError) -> DataTable {
    switch self {
    case .csv: return try CSVReader.read(bytes, source: source)
    case .jsonl: return try JSONLinesReader.read(bytes, source: source)
    }
  }
}

/// Writes a table back as RFC 4180 CSV (CRLF-free: LF record ends), quoting only the fields that
/// need it. The processing zone stores versions in this form, so their content hash is stable.
public enum CSVWriter {
  public static func write(_ table: DataTable) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(table.rowCount * table.columns.count * 12)
    func field(_ s: String) {
      var needsQuotes = s.isEmpty ? false : (s.first == " " || s.last == " ")
      if !needsQuotes {
        for c in s.utf8
        where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n")
          || c == UInt8(ascii: "\r")
        {
          needsQuotes = true
          break
        }
      }
      if needsQuotes {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
          if c == UInt8(ascii: "\"") { out.append(c) }
          out.append(c)
        }
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(contentsOf: s.utf8)
      }
    }
    for (k, name) in table.columns.enumerated() {
      if k > 0 { out.append(UInt8(ascii: ",")) }
      field(name)
    }
    out.append(UInt8(ascii: "\n"))
    for r in 0..<table.rowCount {
      for c in 0..<table.columns.count {
        if c > 0 { out.append(UInt8(ascii: ",")) }
        field(table.cells[c][r])
      }
      out.append(UInt8(ascii: "\n"))
    }
    return out
  }
}
