/// JSON Lines: one flat JSON object per line (strings, numbers, booleans, null), every line with
/// the same keys; the first line's key order names the columns. Numbers keep their literal text;
/// null is an empty cell. A nested value, a missing or extra key, bytes that are not UTF-8 or a
/// malformed object are refused with the line.
public enum JSONLinesReader {
  public static func read(_ bytes: [UInt8], source: String) throws(DataFileError) -> DataTable {
    var columns: [String] = []
    var index: [String: Int] = [:]
    var cells: [[String]] = []
    var lines: [Int] = []
    var line = 0
    var start = 0
    try bytes.withUnsafeBufferPointer { (b) throws(DataFileError) in
      while start < b.count {
        line += 1
        var end = start
        while end < b.count, b[end] != UInt8(ascii: "\n") { end += 1 }
        let slice = UnsafeBufferPointer(rebasing: b[start..<end])
        start = end + 1
        var p = ObjectParser(bytes: slice, source: source, line: line)
        p.skipSpace()
        if p.i == slice.count { continue }  // blank lines carry no record
        let fields = try p.object()
        if columns.isEmpty {
          for (k, v) in fields {
            guard index[k] == nil else { throw p.fail("duplicate key \"\(k)\"") }
            index[k] = columns.count
            columns.append(k)
            cells.append([v])
          }
          guard !columns.isEmpty else { throw p.fail("an empty object names no columns") }
        } else {
          var seen = Array(repeating: false, count: columns.count)
          for (k, v) in fields {
            guard let c = index[k] else {
              throw p.fail("key \"\(k)\" is not in the first line's keys")
            }
            guard !seen[c] else { throw p.fail("duplicate key \"\(k)\"") }
            seen[c] = true
            cells[c].append(v)
          }
          if let missing = seen.firstIndex(of: false) {
            throw p.fail("missing key \"\(columns[missing])\"")
          }
        }
        lines.append(line)
      }
    }
    guard !columns.isEmpty else {
      throw DataFileError(source: source, line: 0, message: "empty file: no JSON object")
    }
    return DataTable(columns: columns, cells: cells, lines: lines)
  }

  private struct ObjectParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    let line: Int
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, line: Int) {
      self.bytes = bytes
      self.source = source
      self.line = line
    }

    func fail(_ message: String) -> DataFileError {
      DataFileError(source: source, line: line, message: message)
    }

    mutating func skipSpace() {
      while i < bytes.count,
        bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D
      {
        i += 1
      }
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(DataFileError) {
      skipSpace()
      guard i < bytes.count, bytes[i] == c else {
        throw fail("expected \(what) at column \(i + 1)")
      }
      i += 1
    }

    mutating func object() throws(DataFileError) -> [(String, String)] {
      try expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
      var fields: [(String, String)] = []
      skipSpace()
      if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
        i += 1
      } else {
        while true {
          skipSpace()
          let key = try string()
          try expect(UInt8(ascii: ":"), "':' after key \"\(key)\"")
          skipSpace()
          fields.append((key, try scalar(key)))
          skipSpace()
          guard i < bytes.count else { throw fail("unterminated object (missing '}')") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          try expect(UInt8(ascii: "}"), "',' or '}'")
          break
        }
      }
      skipSpace()
      guard i == bytes.count else { throw fail("text after the object at column \(i + 1)") }
      return fields
    }

    mutating func scalar(_ key: String) throws(DataFileError) -> String {
      guard i < bytes.count else { throw fail("missing value for key \"\(key)\"") }
      switch bytes[i] {
      case UInt8(ascii: "\""): return try string()
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        throw fail("key \"\(key)\" holds a nested value; only flat objects are tabular")
      case UInt8(ascii: "t"): return try literal("true")
      case UInt8(ascii: "f"): return try literal("false")
      case UInt8(ascii: "n"):
        _ = try literal("null")
        return ""
      default:
        let start = i
        while i < bytes.count, isNumberByte(bytes[i]) { i += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard !text.isEmpty, Double(text) != nil else {
          throw fail("key \"\(key)\" has a value that is not JSON at column \(start + 1)")
        }
        return text
      }
    }

    func isNumberByte(_ c: UInt8) -> Bool {
      (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
        || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    }

    mutating func literal(_ word: String) throws(DataFileError) -> String {
      let w = Array(word.utf8)
      guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
        throw fail("invalid literal at column \(i + 1)")
      }
      i += w.count
      return word
    }

    mutating func string() throws(DataFileError) -> String {
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw fail("expected a string at column \(i + 1)")
      }
      i += 1
      var out: [UInt8] = []
      while i < bytes.count {
        let c = bytes[i]
        if c == UInt8(ascii: "\"") {
          i += 1
          guard let s = String(validating: out, as: UTF8.self) else {
            throw fail("a string is not valid UTF-8")
          }
          return s
        }
        if c == UInt8(ascii: "\\") {
          i += 1
          guard i < bytes.count else { break }
          switch bytes[i] {
          case UInt8(ascii: "\""): out.append(0x22)
          case UInt8(ascii: "\\"): out.append(0x5C)
          case UInt8(ascii: "/"): out.append(0x2F)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar), i + 2 < bytes.count,
              bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u")
            {
              i += 2
              let low = try hex4()
              guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid surrogate pair") }
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
            out.append(contentsOf: Array(String(Character(u)).utf8))
          default: throw fail("invalid escape at column \(i + 1)")
          }
          i += 1
          continue
        }
        guard c >= 0x20 else { throw fail("a control character inside a string") }
        out.append(c)
        i += 1
      }
      throw fail("unterminated string")
    }

    /// Reads the four hex digits after `\u`, leaving `i` on the last one.
    mutating func hex4() throws(DataFileError) -> UInt32 {
      guard i + 4 < bytes.count else { throw fail("truncated \\u escape") }
      var v: UInt32 = 0
      for k in 1...4 {
        guard let d = Character(Unicode.Scalar(bytes[i + k])).hexDigitValue else {
          throw fail("invalid \\u escape")
        }
        v = v * 16 + UInt32(d)
      }
      i += 4
      return v
    }
  }
}
