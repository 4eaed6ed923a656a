/// RFC 4180 CSV: a header row, then records of as many fields; fields may be quoted, and quoted
/// fields may hold commas, doubled quotes and line breaks. CRLF and LF both end records; a UTF-8
/// byte-order mark is skipped. Anything else is refused with the line it starts on: a ragged row,
/// bytes that are not UTF-8, a quote left open, text after a closing quote, a quote inside an
/// unquoted field, a duplicate or empty column name.
public enum CSVReader {
  public static func read(_ bytes: [UInt8], source: String) throws(DataFileError) -> DataTable {
    var parser = Parser(source: source)
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataFileError) in
      try parser.run(buffer)
    }
    return try parser.table()
  }

  private struct Parser {
    let source: String
    var header: [String] = []
    var cells: [[String]] = []
    var lines: [Int] = []
    /// The header's fields while it is read; data fields go straight into their columns.
    var record: [String] = []
    /// Fields of the current record so far.
    var field = 0
    var recordLine = 1
    var line = 1
    var scratch: [UInt8] = []
    /// All bytes are ASCII (checked once up front): fields need no UTF-8 validation of their own.
    var ascii = false

    init(source: String) { self.source = source }

    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
      guard let base = b.baseAddress else { return true }
      let raw = UnsafeRawPointer(base)
      var i = 0
      var high: UInt64 = 0
      while i + 8 <= b.count {
        high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        i += 8
      }
      while i < b.count {
        high |= UInt64(b[i])
        i += 1
      }
      return high & 0x8080_8080_8080_8080 == 0
    }

    func fail(_ line: Int, _ message: String) -> DataFileError {
      DataFileError(source: source, line: line, message: message)
    }

    mutating func run(_ b: UnsafeBufferPointer<UInt8>) throws(DataFileError) {
      var i = 0
      let n = b.count
      if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
      ascii = Self.isASCII(b)
      guard i < n else { throw fail(0, "empty file: a CSV needs a header row") }
      while i < n {
        if field == 0, b[i] == UInt8(ascii: "\n") || b[i] == UInt8(ascii: "\r") {
          // A blank line: trailing ones end the file; one between records is a row with no
          // fields, which only a one-column file can hold.
          var j = i
          while j < n, b[j] == UInt8(ascii: "\n") || b[j] == UInt8(ascii: "\r") { j += 1 }
          if j == n { break }
          guard header.count == 1 else { throw fail(line, "blank line between records") }
        }
        // One field starts at i.
        if b[i] == UInt8(ascii: "\"") {
          let opened = line
          scratch.removeAll(keepingCapacity: true)
          i += 1
          var closed = false
          while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
              if i + 1 < n, b[i + 1] == UInt8(ascii: "\"") {
                scratch.append(c)
                i += 2
                continue
              }
              i += 1
              closed = true
              break
            }
            if c == UInt8(ascii: "\n") { line += 1 }
            scratch.append(c)
            i += 1
          }
          guard closed else {
            throw fail(opened, "unterminated quoted field (the quote opened here is never closed)")
          }
          try append(scratch[...], at: opened)
          guard
            i == n || b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "\n")
              || b[i] == UInt8(ascii: "\r")
          else {
            throw fail(line, "unexpected text after a closing quote in field \(field)")
          }
        } else {
          let start = i
          while i < n {
            let c = b[i]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
              break
            }
            if c == UInt8(ascii: "\"") {
              throw fail(line, "a quote inside an unquoted field (quote the whole field)")
            }
            i += 1
          }
          try append(UnsafeBufferPointer(rebasing: b[start..<i]), at: line)
        }
        // What ends the field: a comma, a record end, or the end of the file.
        if i == n {
          try endRecord()
        } else if b[i] == UInt8(ascii: ",") {
          i += 1
          if i == n { try append(UnsafeBufferPointer(rebasing: b[i..<i]), at: line) }
        } else {
          if b[i] == UInt8(ascii: "\r") {
            guard i + 1 < n, b[i + 1] == UInt8(ascii: "\n") else {
              throw fail(line, "a bare carriage return (records end with LF or CRLF)")
            }
            i += 1
          }
          i += 1
          try endRecord()
          line += 1
          recordLine = line
        }
      }
      if field > 0 { try endRecord() }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, at line: Int) throws(DataFileError) {
      if ascii {
        store(String(decoding: bytes, as: UTF8.self))
        return
      }
      guard let s = String(validating: bytes, as: UTF8.self) else {
        throw fail(line, "field \(field + 1) is not valid UTF-8")
      }
      store(s)
    }

    @inline(__always) mutating func store(_ s: String) {
      if header.isEmpty {
        record.append(s)
      } else if field < header.count {
        cells[field].append(s)
      }
      field += 1
    }

    mutating func append(_ bytes: ArraySlice<UInt8>, at line: Int) throws(DataFileError) {
      guard let s = String(validating: bytes, as: UTF8.self) else {
        throw fail(line, "field \(field + 1) is not valid UTF-8")
      }
      store(s)
    }

    mutating func endRecord() throws(DataFileError) {
      defer {
        record.removeAll(keepingCapacity: true)
        field = 0
      }
      if header.isEmpty {
        var seen = Set<String>()
        for (k, name) in record.enumerated() {
          let trimmed = name.trimmingSpaces
          guard !trimmed.isEmpty else { throw fail(recordLine, "column \(k + 1) has no name") }
          guard seen.insert(trimmed).inserted else {
            throw fail(recordLine, "duplicate column name \"\(trimmed)\"")
          }
        }
        header = record.map(\.trimmingSpaces)
        cells = Array(repeating: [], count: header.count)
        return
      }
      guard field == header.count else {
        throw fail(
          recordLine,
          "ragged row: \(field) field\(field == 1 ? "" : "s"), the header has \(header.count)"
        )
      }
      lines.append(recordLine)
    }

    mutating func table() throws(DataFileError) -> DataTable {
      guard !header.isEmpty else { throw fail(1, "no header row") }
      return DataTable(columns: header, cells: cells, lines: lines)
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s.removeFirst() }
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return String(s)
  }
}
