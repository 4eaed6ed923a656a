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
    // Two passes: the exact size first, then the bytes straight into the buffer (appending
    // field by field to a growing array costs more than the copying itself).
    let rows = table.rowCount
    var size = 0
    for (c, name) in table.columns.enumerated() {
      size += encodedLength(name) + 1
      for r in 0..<rows { size += encodedLength(table.cells[c][r]) + 1 }
    }
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var at = 0
      func put(_ text: String, last: Bool) {
        var s = text
        s.withUTF8 { b in
          if needsQuotes(b) {
            buffer[at] = UInt8(ascii: "\"")
            at += 1
            for c in b {
              if c == UInt8(ascii: "\"") {
                buffer[at] = c
                at += 1
              }
              buffer[at] = c
              at += 1
            }
            buffer[at] = UInt8(ascii: "\"")
            at += 1
          } else if let target = buffer.baseAddress, let source = b.baseAddress {
            (target + at).update(from: source, count: b.count)
            at += b.count
          }
        }
        buffer[at] = last ? UInt8(ascii: "\n") : UInt8(ascii: ",")
        at += 1
      }
      let width = table.columns.count
      for (c, name) in table.columns.enumerated() { put(name, last: c == width - 1) }
      for r in 0..<rows {
        for c in 0..<width { put(table.cells[c][r], last: c == width - 1) }
      }
      count = at
    }
  }

  static func needsQuotes(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if b.isEmpty { return false }
    if b[0] == 0x20 || b[b.count - 1] == 0x20 { return true }
    for c in b
    where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n")
      || c == UInt8(ascii: "\r")
    {
      return true
    }
    return false
  }

  static func encodedLength(_ text: String) -> Int {
    var s = text
    return s.withUTF8 { b in
      guard needsQuotes(b) else { return b.count }
      return b.count + 2 + b.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
    }
  }
}
