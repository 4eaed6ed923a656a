import Console
import Foundation
import Testing

/// Compares `grid.text` with `Snapshots/<name>.txt` next to the calling test file.
///
/// - Missing file: with `CI=true` an issue is recorded and nothing is written; otherwise the
///   snapshot is written and the test passes with a printed note.
/// - `RECORD_SNAPSHOTS` set to any non-empty value: the snapshot is overwritten (and passes).
/// - Mismatch: an issue with a line diff (line numbers, `-expected` / `+actual`, differing lines
///   only, at most about 40 lines), and the actual text is written to
///   `Snapshots/<name>.actual.txt` (git-ignored). A passing comparison removes a stale one.
///
/// The file holds the text exactly, without a trailing newline (one added by an editor is
/// tolerated).
public func assertSnapshot(
  _ grid: Grid, named name: String, filePath: StaticString = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  assertSnapshot(
    text: grid.text, named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// `assertSnapshot` for any text (e.g. a `styleMap`), with the same files and rules.
public func assertSnapshot(
  text actual: String, named name: String, filePath: StaticString = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent()
    .appendingPathComponent("Snapshots", isDirectory: true)
  let file = folder.appendingPathComponent("\(name).txt")
  let actualFile = folder.appendingPathComponent("\(name).actual.txt")
  let environment = ProcessInfo.processInfo.environment
  let recording = !(environment["RECORD_SNAPSHOTS"] ?? "").isEmpty
  let onCI = (environment["CI"] ?? "").lowercased() == "true"
  let fm = FileManager.default

  func write(_ text: String, to url: URL) -> Bool {
    do {
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .atomic)
      return true
    } catch {
      Issue.record(
        "snapshot \(name): cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
      return false
    }
  }

  let stored = try? String(contentsOf: file, encoding: .utf8)
  if recording || stored == nil {
    if stored == nil, !recording, onCI {
      Issue.record(
        "snapshot \(name) is missing; run the tests locally to record it",
        sourceLocation: sourceLocation)
      return
    }
    if write(actual, to: file) {
      print("note: snapshot \(name) \(stored == nil ? "recorded" : "re-recorded") at \(file.path)")
    }
    try? fm.removeItem(at: actualFile)
    return
  }
  var expected = stored ?? ""
  if expected.hasSuffix("\n"), !actual.hasSuffix("\n") { expected.removeLast() }
  if expected == actual {
    if fm.fileExists(atPath: actualFile.path) { try? fm.removeItem(at: actualFile) }
    return
  }
  _ = write(actual, to: actualFile)
  let diff = snapshotDiff(expected: expected, actual: actual)
  Issue.record(
    """
    snapshot \(name) does not match Snapshots/\(name).txt \
    (actual written to Snapshots/\(name).actual.txt; RECORD_SNAPSHOTS=1 accepts it):
    \(diff)
    """,
    sourceLocation: sourceLocation)
}

/// A line-by-line diff of two texts: for each differing line its number, `-expected` and
/// `+actual`, and a caret under the first differing column; cut after about `limit` lines.
public func snapshotDiff(expected: String, actual: String, limit: Int = 40) -> String {
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  var out: [String] = []
  var differing = 0
  var shown = 0
  if e.count != a.count { out.append("line count: expected \(e.count), actual \(a.count)") }
  for i in 0..<max(e.count, a.count) {
    let el = i < e.count ? e[i] : nil
    let al = i < a.count ? a[i] : nil
    guard el != al else { continue }
    differing += 1
    guard out.count + 4 <= limit else { continue }
    shown += 1
    let number = String(i + 1)
    let pad = String(repeating: " ", count: number.count)
    out.append("\(number) -\(el.map { "|\($0)|" } ?? "(no line)")")
    out.append("\(pad) +\(al.map { "|\($0)|" } ?? "(no line)")")
    if let el, let al {
      let column = zip(el.unicodeScalars, al.unicodeScalars).prefix { $0 == $1 }.count
      out.append("\(pad)   " + String(repeating: " ", count: column) + "^ column \(column + 1)")
    }
  }
  if differing > shown { out.append("… and \(differing - shown) more differing lines") }
  return out.joined(separator: "\n")
}

/// The style layer of `grid` (or of `area` in it) as letters, one per cell, followed by a legend
/// line per letter: `A  fg #CCCCCC  bg #16191F  bold`. Styles in `names` use the given letter;
/// the others get A, B, C… (then a…z, 0…9, then "?") in order of first appearance, row by row.
public func styleMap(
  _ grid: Grid, area: Rect? = nil, names: KeyValuePairs<Character, Style> = [:]
) -> String {
  let r = area ?? grid.bounds
  let x0 = max(r.x, 0)
  let y0 = max(r.y, 0)
  let x1 = min(r.maxX, grid.width)
  let y1 = min(r.maxY, grid.height)
  var letters: [Style: Character] = [:]
  var order: [(Character, Style)] = []
  for (letter, style) in names where letters[style] == nil {
    letters[style] = letter
  }
  let pool = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    .filter { c in !names.contains { $0.key == c } }
  var next = 0
  var rows: [String] = []
  if x0 < x1 {
    for y in y0..<max(y1, y0) {
      var line = ""
      for x in x0..<x1 {
        let style = grid[x, y].style
        if let letter = letters[style] {
          if !order.contains(where: { $0.1 == style }) { order.append((letter, style)) }
          line.append(letter)
          continue
        }
        let letter: Character = next < pool.count ? pool[next] : "?"
        next += 1
        letters[style] = letter
        order.append((letter, style))
        line.append(letter)
      }
      rows.append(line)
    }
  }
  let legend = order.map { "\($0.0)  " + describe($0.1) }
  return (rows + ["--"] + legend).joined(separator: "\n")
}

private func describe(_ style: Style) -> String {
  func color(_ c: Color) -> String {
    switch c {
    case .terminalDefault: return "default"
    case .rgb(let r, let g, let b):
      return "#"
        + [r, g, b].map { String($0, radix: 16, uppercase: true) }
        .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
  }
  var parts = ["fg \(color(style.foreground))", "bg \(color(style.background))"]
  let names: [(Attributes, String)] = [
    (.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline"),
    (.italic, "italic"),
  ]
  for (attribute, label) in names where style.attributes.contains(attribute) {
    parts.append(label)
  }
  return parts.joined(separator: "  ")
}
