import DataPipeline
import Testing

/// RFC 4180 and JSON Lines: what is read, and what is refused with its line.
@Suite struct ReaderTests {
  func csv(_ text: String) throws(DataFileError) -> DataTable {
    try CSVReader.read(Array(text.utf8), source: "in.csv")
  }

  func refusal(_ text: String, jsonl: Bool = false) -> String {
    do {
      _ =
        jsonl
        ? try JSONLinesReader.read(Array(text.utf8), source: "in.jsonl")
        : try CSVReader.read(Array(text.utf8), source: "in.csv")
      return "accepted"
    } catch { return error.description }
  }

  @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
    let t = try csv("id,note,city\r\n1,\"a, b\",Oslo\r\n2,\"say \"\"hi\"\"\nthere\",\"\"\n3,,x")
    #expect(t.columns == ["id", "note", "city"])
    #expect(t.rowCount == 3)
    #expect(t.cells[1] == ["a, b", "say \"hi\"\nthere", ""])
    #expect(t.cells[2] == ["Oslo", "", "x"])
    #expect(t.lines == [2, 3, 5])
  }

  @Test func byteOrderMarkAndTrailingBlankLinesAreFine() throws {
    let t = try csv("\u{FEFF}a,b\n1,2\n\n\n")
    #expect(t.columns == ["a", "b"])
    #expect(t.rowCount == 1)
  }

  @Test func writerRoundTrips() throws {
    let t = try csv("a,b\n\"x,y\",\"q\"\"q\"\n\" lead\",\"two\nlines\"\n")
    let again = try CSVReader.read(CSVWriter.write(t), source: "out.csv")
    #expect(again.cells == t.cells)
  }

  @Test func malformedCSVIsRefusedWithItsLine() {
    #expect(refusal("a,b,c\n1,2,3\n4,5\n") == "in.csv:3: ragged row: 2 fields, the header has 3")
    #expect(
      refusal("a,b\n1,\"open\n2,3\n")
        == "in.csv:2: unterminated quoted field (the quote opened here is never closed)")
    #expect(
      refusal("a,b\n1,\"x\"y\n") == "in.csv:2: unexpected text after a closing quote in field 2")
    #expect(
      refusal("a,b\n1,x\"y\n")
        == "in.csv:2: a quote inside an unquoted field (quote the whole field)")
    #expect(refusal("a,a\n1,2\n") == "in.csv:1: duplicate column name \"a\"")
    #expect(refusal("a,b\n1,2\n\n3,4\n") == "in.csv:3: blank line between records")
    #expect(refusal("") == "in.csv: empty file: a CSV needs a header row")
    var bytes = Array("a,b\n1,2\n3,".utf8)
    bytes += [0xC3, 0x28, 0x0A]
    do {
      _ = try CSVReader.read(bytes, source: "in.csv")
      Issue.record("invalid UTF-8 accepted")
    } catch {
      #expect(error.description == "in.csv:3: field 2 is not valid UTF-8")
    }
  }

  @Test func jsonLinesKeepKeyOrderAndLiterals() throws {
    let text = """
      {"id": 1, "name": "Ann \\"A\\" \\u00e9", "ok": true, "x": null}

      {"name": "Bo", "id": -2.5e3, "ok": false, "x": "y"}
      """
    let t = try JSONLinesReader.read(Array(text.utf8), source: "in.jsonl")
    #expect(t.columns == ["id", "name", "ok", "x"])
    #expect(t.cells[0] == ["1", "-2.5e3"])
    #expect(t.cells[1] == ["Ann \"A\" é", "Bo"])
    #expect(t.cells[3] == ["", "y"])
    #expect(t.lines == [1, 3])
  }

  @Test func malformedJSONLinesAreRefusedWithTheirLine() {
    #expect(
      refusal("{\"a\": 1}\n{\"a\": [1]}\n", jsonl: true)
        == "in.jsonl:2: key \"a\" holds a nested value; only flat objects are tabular")
    #expect(
      refusal("{\"a\": 1, \"b\": 2}\n{\"a\": 1}\n", jsonl: true)
        == "in.jsonl:2: missing key \"b\"")
    #expect(
      refusal("{\"a\": 1}\n{\"a\": 1, \"c\": 3}\n", jsonl: true)
        == "in.jsonl:2: key \"c\" is not in the first line's keys")
    #expect(refusal("{\"a\": 1}\n{\"a\": \"x}\n", jsonl: true) == "in.jsonl:2: unterminated string")
    #expect(refusal("[1, 2]\n", jsonl: true).hasPrefix("in.jsonl:1: expected '{'"))
    #expect(refusal("{\"a\": -}\n", jsonl: true).hasPrefix("in.jsonl:1: key \"a\" has a value"))
  }

  @Test func formatFollowsTheExtension() throws {
    #expect(try DataFormat(path: "x.CSV") == .csv)
    #expect(try DataFormat(path: "x.ndjson") == .jsonl)
    #expect(throws: DataFileError.self) { try DataFormat(path: "x.xlsx") }
  }
}
