import Foundation
import Testing

@testable import Console

/// The repository's `themes/` folder, found from this file's path.
private let themesFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()  // ConsoleTests
  .deletingLastPathComponent()  // Tests
  .deletingLastPathComponent()  // repository root
  .appendingPathComponent("themes").path

private let shippedThemes = ["colorblind", "default", "high-contrast", "light", "tty"]

private func shippedTheme(_ name: String) throws -> Theme {
  try ThemeLibrary.loadFile(atPath: themesFolder + "/" + name + ".theme")
}

private func rgb(_ color: Color) -> (Double, Double, Double)? {
  guard case .rgb(let r, let g, let b) = color else { return nil }
  return (Double(r), Double(g), Double(b))
}

/// A fresh empty folder under the temporary directory.
private func temporaryFolder() throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("rampart-theme-tests-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

private func write(_ text: String, to path: String) throws {
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

// MARK: - Colour science used by the checks (written out here, independent of the code under test)

/// WCAG 2 relative luminance: each sRGB channel c in 0...1 is linearised as c/12.92 when
/// c ≤ 0.04045, else ((c + 0.055)/1.055)^2.4; then L = 0.2126 R + 0.7152 G + 0.0722 B.
private func linear(_ channel: Double) -> Double {
  let c = channel / 255
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
}

private func relativeLuminance(_ color: Color) -> Double? {
  guard let (r, g, b) = rgb(color) else { return nil }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 to 21.
private func contrastRatio(_ x: Color, _ y: Color) -> Double? {
  guard let lx = relativeLuminance(x), let ly = relativeLuminance(y) else { return nil }
  return (max(lx, ly) + 0.05) / (min(lx, ly) + 0.05)
}

private enum Vision {
  case protanopia, deuteranopia

  /// Machado, Oliveira & Fernandes (2009) full-severity matrices, applied to linear sRGB.
  var matrix: [[Double]] {
    switch self {
    case .protanopia:
      return [
        [0.152_286, 1.052_583, -0.204_868], [0.114_503, 0.786_281, 0.099_216],
        [-0.003_882, -0.048_116, 1.051_998],
      ]
    case .deuteranopia:
      return [
        [0.367_322, 0.860_646, -0.227_968], [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
      ]
    }
  }
}

/// CIELAB (D65) of `color` as seen with `vision`.
private func lab(_ color: Color, _ vision: Vision) -> [Double]? {
  guard let (r, g, b) = rgb(color) else { return nil }
  let lin = [linear(r), linear(g), linear(b)]
  let seen = vision.matrix.map { row in
    min(max(zip(row, lin).map(*).reduce(0, +), 0), 1)
  }
  let x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.950_47
  let y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
  let z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.088_83
  func f(_ t: Double) -> Double {
    t > pow(6.0 / 29, 3) ? cbrt(t) : t / (3 * pow(6.0 / 29, 2)) + 4.0 / 29
  }
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
}

/// CIE76 ΔE*ab: the Euclidean distance in CIELAB.
private func deltaE76(_ x: Color, _ y: Color, _ vision: Vision) -> Double? {
  guard let p = lab(x, vision), let q = lab(y, vision) else { return nil }
  return zip(p, q).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
}

// MARK: - Shipped theme files

@Suite struct ShippedThemeTests {
  @Test(arguments: shippedThemes)
  func parsesWithEveryKeySet(name: String) throws {
    let theme = try shippedTheme(name)
    #expect(theme.name == name)
    #expect(Set(theme.colors.keys) == Set(Theme.Key.allCases))
    for key in Theme.Key.allCases {
      #expect(theme.colors[key] != .terminalDefault, "\(name): \(key.rawValue) is transparent")
    }
  }

  @Test(arguments: shippedThemes)
  func startsWithACommentHeader(name: String) throws {
    let text = try String(contentsOfFile: themesFolder + "/" + name + ".theme", encoding: .utf8)
    let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }
    #expect(header.count >= 3, "\(name).theme needs a header saying what it is for")
    #expect(header.first?.hasPrefix("# Rampart ") == true)
  }

  @Test func libraryListsTheShippedThemes() {
    #expect(ThemeLibrary(searchPaths: [themesFolder]).availableNames() == shippedThemes)
  }

  @Test func defaultFileHasTheBuiltInColours() throws {
    let theme = try ThemeLibrary(searchPaths: [themesFolder]).load("default")
    #expect(theme.colors == Theme.fallback.colors)
    #expect(Theme.Key.allCases.allSatisfy { Theme.fallback.colors[$0] != nil })
  }

  /// WCAG 2 AA for body text is 4.5:1.
  @Test(arguments: shippedThemes)
  func textAndSelectionReachAAContrast(name: String) throws {
    let theme = try shippedTheme(name)
    let text = try #require(contrastRatio(theme[.mainForeground], theme[.mainBackground]))
    let selection = try #require(
      contrastRatio(theme[.selectedForeground], theme[.selectedBackground]))
    #expect(text >= 4.5, "\(name): main_fg on main_bg is \(text):1")
    #expect(selection >= 4.5, "\(name): selected_fg on selected_bg is \(selection):1")
  }

  /// Title, highlight and status colours are read as text too, so they are held to 4.5:1
  /// against the background as well.
  @Test(arguments: shippedThemes)
  func statusColoursStandOutFromTheBackground(name: String) throws {
    let theme = try shippedTheme(name)
    for key: Theme.Key in [.title, .highlight, .ok, .warn, .danger] {
      let ratio = try #require(contrastRatio(theme[key], theme[.mainBackground]))
      #expect(ratio >= 4.5, "\(name): \(key.rawValue) on main_bg is \(ratio):1")
    }
  }

  @Test func measuredContrastRatios() throws {
    func ratio(_ name: String, _ fg: Theme.Key, _ bg: Theme.Key) throws -> Double {
      let theme = try shippedTheme(name)
      let r = try #require(contrastRatio(theme[fg], theme[bg]))
      return (r * 100).rounded() / 100
    }
    #expect(try ratio("default", .mainForeground, .mainBackground) == 10.96)
    #expect(try ratio("default", .selectedForeground, .selectedBackground) == 9.08)
    #expect(try ratio("light", .mainForeground, .mainBackground) == 14.04)
    #expect(try ratio("high-contrast", .mainForeground, .mainBackground) == 21)
    #expect(try ratio("high-contrast", .selectedForeground, .selectedBackground) == 19.56)
    #expect(try ratio("colorblind", .selectedForeground, .selectedBackground) == 5.19)
    #expect(try ratio("tty", .mainForeground, .mainBackground) == 16.67)
  }

  /// Under simulated protanopia and deuteranopia, ok and danger stay far apart (ΔE76 ≥ 30),
  /// and no two status colours come closer than 15; the default theme's ok/danger pair falls
  /// to about 16 for deuteranopes, which is why the colour-blind theme exists.
  @Test func colorblindThemeKeepsStatusColoursApart() throws {
    let theme = try shippedTheme("colorblind")
    #expect(theme[.ok] == .rgb(0x00, 0x9E, 0x73))
    #expect(theme[.danger] == .rgb(0xD5, 0x5E, 0x00))
    #expect(theme[.warn] == .rgb(0xE6, 0x9F, 0x00))
    #expect(theme[.series1] == .rgb(0x56, 0xB4, 0xE9))
    #expect(theme[.series3] == .rgb(0xCC, 0x79, 0xA7))
    for vision in [Vision.protanopia, .deuteranopia] {
      let okDanger = try #require(deltaE76(theme[.ok], theme[.danger], vision))
      #expect(okDanger >= 30, "\(vision): ok/danger ΔE \(okDanger)")
      for (x, y) in [(Theme.Key.ok, Theme.Key.warn), (.warn, .danger)] {
        let d = try #require(deltaE76(theme[x], theme[y], vision))
        #expect(d >= 15, "\(vision): \(x.rawValue)/\(y.rawValue) ΔE \(d)")
      }
    }
    let fallbackDeutan = try #require(
      deltaE76(Theme.fallback[.ok], Theme.fallback[.danger], .deuteranopia))
    #expect(fallbackDeutan < 20)
  }

  @Test func ttyThemeUsesOnlyPaletteColours() throws {
    let theme = try shippedTheme("tty")
    for key in Theme.Key.allCases {
      let index = try #require(ColorMapping.index(for: theme[key], depth: .indexed16))
      #expect(ColorMapping.standardPalette[index] == theme[key], "\(key.rawValue)")
    }
    // Backgrounds only from 0–7, which every 8/16-colour terminal (and the Linux console) has.
    for key: Theme.Key in [.mainBackground, .selectedBackground] {
      let index = try #require(ColorMapping.index(for: theme[key], depth: .indexed16))
      #expect(index < 8)
    }
  }

  @Test func highContrastUsesItsFewColours() throws {
    let theme = try shippedTheme("high-contrast")
    let allowed: Set<Color> = [
      .rgb(0, 0, 0), .rgb(255, 255, 255), .rgb(255, 255, 0), .rgb(0, 255, 255),
      .rgb(0xC0, 0xC0, 0xC0), .rgb(255, 0, 255),
    ]
    #expect(Set(theme.colors.values).isSubset(of: allowed))
  }

  /// On a 16-colour terminal the three status colours of every shipped theme stay three
  /// different palette entries.
  @Test(arguments: shippedThemes)
  func statusColoursStayDistinctInSixteenColours(name: String) throws {
    let theme = try shippedTheme(name)
    let indices = [Theme.Key.ok, .warn, .danger].map {
      ColorMapping.index(for: theme[$0], depth: .indexed16)
    }
    #expect(Set(indices).count == 3, "\(name): \(indices)")
  }
}

extension ShippedThemeTests {
  /// What the light theme's header warns about: below 256 colours its dark ochre warn has no
  /// close palette entry.
  @Test func lightThemeWarnBelow256Colours() throws {
    let warn = try shippedTheme("light")[.warn]
    #expect(ColorMapping.index(for: warn, depth: .indexed256) == 94)
    #expect(ColorMapping.index(for: warn, depth: .indexed16) == 8)
    #expect(ColorMapping.index(for: warn, depth: .indexed8) == 1)
  }
}

// MARK: - Parser

private let knownKeys =
  "main_bg, main_fg, title, hi_fg, selected_bg, selected_fg, inactive_fg, div_line, ok, warn, "
  + "danger, graph_start, graph_mid, graph_end, meter_start, meter_mid, meter_end, series_1, "
  + "series_2, series_3"

private let expectedForms = "(expected \"#RRGGBB\", \"#BW\", \"R G B\" or \"\")"

private let refusals: [(String, String)] = [
  ("theme[ok]=\"#00\"\nok = \"#00\"", "bad.theme:2: malformed line, expected theme[key]=\"value\""),
  ("theme[ok]=#00ff00", "bad.theme:1: malformed line, expected theme[key]=\"value\""),
  ("theme[ok]=\"#00ff00", "bad.theme:1: malformed line, expected theme[key]=\"value\""),
  ("theme[ok]\"#00ff00\"", "bad.theme:1: malformed line, expected theme[key]=\"value\""),
  ("theme[ok=\"#00ff00\"", "bad.theme:1: malformed line, expected theme[key]=\"value\""),
  ("\n\ntheme[ok]=\"#00\" x", "bad.theme:3: malformed line, expected theme[key]=\"value\""),
  ("Theme[ok]=\"#00\"", "bad.theme:1: malformed line, expected theme[key]=\"value\""),
  (
    "# btop key\ntheme[cpu_box]=\"#556d59\"",
    "bad.theme:2: unknown key \"cpu_box\" (known keys: \(knownKeys))"
  ),
  (
    "theme[ main_bg ]=\"#000000\"",
    "bad.theme:1: unknown key \" main_bg \" (known keys: \(knownKeys))"
  ),
  ("theme[ok]=\"#12345\"", "bad.theme:1: invalid colour value \"#12345\" for ok \(expectedForms)"),
  (
    "theme[ok]=\"#GG0000\"", "bad.theme:1: invalid colour value \"#GG0000\" for ok \(expectedForms)"
  ),
  ("theme[ok]=\"#fff\"", "bad.theme:1: invalid colour value \"#fff\" for ok \(expectedForms)"),
  (
    "theme[ok]=\"256 0 0\"", "bad.theme:1: invalid colour value \"256 0 0\" for ok \(expectedForms)"
  ),
  ("theme[ok]=\"1 2\"", "bad.theme:1: invalid colour value \"1 2\" for ok \(expectedForms)"),
  ("theme[ok]=\"red\"", "bad.theme:1: invalid colour value \"red\" for ok \(expectedForms)"),
  (
    "theme[warn]=\"#00\"\ntheme[ok]=\"#00\"\n\ntheme[ok]=\"#ff\"",
    "bad.theme:4: duplicate key \"ok\" (first set on line 2)"
  ),
]

@Suite struct ThemeParserTests {
  @Test func acceptsEveryValueFormAndLayout() throws {
    let text = """
      # comment
         # indented comment

      theme[main_bg]="#16191f"
        theme[main_fg] =   "#CC"  # a grey, with a trailing comment
      theme[title]\t=\t"255 128 0"
      theme[hi_fg]=""
      theme[ok]="  #00ff00  "\r
      """
    let theme = try Theme.parse(text, name: "t", source: "t.theme")
    #expect(theme.name == "t")
    #expect(theme.colors.count == 5)
    #expect(theme[.mainBackground] == .rgb(0x16, 0x19, 0x1F))
    #expect(theme[.mainForeground] == .rgb(0xCC, 0xCC, 0xCC))
    #expect(theme[.title] == .rgb(255, 128, 0))
    #expect(theme[.highlight] == .terminalDefault)
    #expect(theme[.ok] == .rgb(0, 255, 0))
  }

  @Test func acceptsEmptyTextAndAByteOrderMark() throws {
    #expect(try Theme.parse("", name: "e", source: "e").colors.isEmpty)
    let bom = try Theme.parse("\u{FEFF}theme[ok]=\"#00\"\n", name: "b", source: "b")
    #expect(bom[.ok] == .rgb(0, 0, 0))
  }

  @Test func missingKeysFallBackToTheBuiltInTheme() throws {
    let theme = try Theme.parse(
      "theme[main_bg]=\"#FAFAFA\"\ntheme[danger]=\"\"\n", name: "partial", source: "p")
    #expect(theme.colors.count == 2)
    #expect(theme[.mainBackground] == .rgb(0xFA, 0xFA, 0xFA))
    #expect(theme[.danger] == .terminalDefault)  // set to "" is not missing
    for key in Theme.Key.allCases where key != .mainBackground && key != .danger {
      #expect(theme[key] == Theme.fallback[key])
    }
  }

  @Test(arguments: refusals)
  func refusesMalformedFiles(text: String, message: String) {
    do {
      let theme = try Theme.parse(text, name: "bad", source: "bad.theme")
      Issue.record("accepted \(text.debugDescription) as \(theme)")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func errorsCarryTheirFacts() {
    #expect(throws: ThemeError.duplicateKey(source: "x", line: 2, key: "ok", firstLine: 1)) {
      try Theme.parse("theme[ok]=\"#00\"\ntheme[ok]=\"#00\"", name: "x", source: "x")
    }
    #expect(throws: ThemeError.invalidColor(source: "x", line: 1, key: "title", value: "#1")) {
      try Theme.parse("theme[title]=\"#1\"", name: "x", source: "x")
    }
  }
}

// MARK: - Library

@Suite struct ThemeLibraryTests {
  @Test func findsNamesInSearchOrderAndPaths() throws {
    let first = try temporaryFolder()
    let second = try temporaryFolder()
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    try write("theme[ok]=\"#01\"\n", to: first + "/mine.theme")
    try write("theme[ok]=\"#02\"\n", to: second + "/mine.theme")
    try write("theme[ok]=\"#03\"\n", to: second + "/other.theme")
    try write("not a theme", to: second + "/notes.txt")
    try FileManager.default.createDirectory(
      atPath: second + "/folder.theme", withIntermediateDirectories: false)
    let library = ThemeLibrary(searchPaths: ["/nonexistent/rampart", first, second])

    #expect(try library.load("mine")[.ok] == .rgb(1, 1, 1))  // first folder wins
    #expect(try library.load("mine").name == "mine")
    #expect(try library.load("other")[.ok] == .rgb(3, 3, 3))
    #expect(library.path(forName: "mine") == first + "/mine.theme")
    #expect(try library.load(second + "/mine.theme")[.ok] == .rgb(2, 2, 2))  // a path
    #expect(library.availableNames() == ["default", "mine", "other"])
    #expect(throws: ThemeError.notFound(name: "folder", searchPaths: library.searchPaths)) {
      try library.load("folder")
    }
  }

  @Test func defaultAlwaysLoadsButOtherNamesMustExist() throws {
    let library = ThemeLibrary(searchPaths: ["/nonexistent/a", "/nonexistent/b"])
    #expect(try library.load("default") == Theme.fallback)
    #expect(library.availableNames() == ["default"])
    do {
      _ = try library.load("solarized")
      Issue.record("loaded a theme that does not exist")
    } catch {
      #expect(
        error.description
          == "no theme named \"solarized\" (looked for solarized.theme in: /nonexistent/a, "
          + "/nonexistent/b)")
    }
  }

  @Test func pathsAreRecognisedAndRefusedWhenMissing() throws {
    #expect(ThemeLibrary.isPath("./x"))
    #expect(ThemeLibrary.isPath("x.theme"))
    #expect(ThemeLibrary.isPath("/a/b"))
    #expect(!ThemeLibrary.isPath("high-contrast"))
    let library = ThemeLibrary(searchPaths: [themesFolder])
    #expect(throws: ThemeError.fileNotFound(path: "/nonexistent/x.theme")) {
      try library.load("/nonexistent/x.theme")
    }
    #expect(
      ThemeError.fileNotFound(path: "/n/x.theme").description == "/n/x.theme: no such theme file")
    // A path given as "name.theme" is not searched for by name.
    #expect(throws: ThemeError.fileNotFound(path: "no-such-file.theme")) {
      try library.load("no-such-file.theme")
    }
  }

  @Test func malformedFileReportsItsPathAndLine() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try write("# broken\ntheme[ok]=\"#00\"\ntheme[okay]=\"#00\"\n", to: folder + "/broken.theme")
    try Data([0x74, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: folder + "/binary.theme"))
    let library = ThemeLibrary(searchPaths: [folder])
    do {
      _ = try library.load("broken")
      Issue.record("loaded a broken theme")
    } catch {
      #expect(error.description.hasPrefix(folder + "/broken.theme:3: unknown key \"okay\""))
    }
    let notText = ThemeError.unreadable(path: folder + "/binary.theme", reason: "not UTF-8 text")
    #expect(throws: notText) { try library.load("binary") }
    // A symbolic link to a theme is followed; a device or folder named *.theme is refused.
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/linked.theme", withDestinationPath: themesFolder + "/tty.theme")
    #expect(try library.load("linked")[.mainBackground] == .rgb(0, 0, 0))
    #expect(throws: ThemeError.unreadable(path: "/dev/zero", reason: "not a regular file")) {
      try ThemeLibrary.loadFile(atPath: "/dev/zero")
    }
    #expect(throws: ThemeError.unreadable(path: folder, reason: "not a regular file")) {
      try ThemeLibrary.loadFile(atPath: folder)
    }
    try write(String(repeating: "# padding\n", count: 30_000), to: folder + "/huge.theme")
    #expect(
      throws: ThemeError.unreadable(path: folder + "/huge.theme", reason: "larger than 256 KiB")
    ) {
      try library.load("huge")
    }
  }

  @Test func defaultSearchPaths() {
    func paths(_ exe: String, cwd: String = "/home/u", env: [String: String] = [:]) -> [String] {
      ThemeLibrary.defaultSearchPaths(environment: env, executablePath: exe, currentDirectory: cwd)
    }
    #expect(paths("/repo/.build/release/rampart") == ["/home/u/themes", "/repo/themes"])
    let triple = "/repo/.build/x86_64-unknown-linux-gnu/debug/rampart"
    #expect(paths(triple) == ["/home/u/themes", "/repo/themes"])
    // Started from the repository root: one entry, not two.
    #expect(paths("/repo/.build/release/rampart", cwd: "/repo") == ["/repo/themes"])
    #expect(paths(".build/release/rampart", cwd: "/repo/") == ["/repo/themes"])
    #expect(
      paths("../.build/debug/rampart", cwd: "/repo/Sources")
        == ["/repo/Sources/themes", "/repo/themes"])
    let installed = paths("/usr/local/bin/rampart")
    #expect(installed == ["/home/u/themes", "/usr/local/share/rampart/themes"])
    #expect(paths("rampart") == ["/home/u/themes"])
    let env = ["RAMPART_THEMES": "/etc/rampart/themes:custom::~/t", "HOME": "/home/u"]
    #expect(
      paths("rampart", env: env)
        == ["/etc/rampart/themes", "/home/u/custom", "/home/u/t", "/home/u/themes"])
    #expect(paths("rampart", env: ["RAMPART_THEMES": ""]) == ["/home/u/themes"])
  }
}

// MARK: - Colour depth and mapping

@Suite struct ColorMappingTests {
  private func index(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ depth: ColorDepth) -> Int? {
    ColorMapping.index(for: .rgb(r, g, b), depth: depth)
  }

  @Test func primariesAndExtremes() {
    #expect(index(255, 0, 0, .indexed256) == 196)
    #expect(index(255, 0, 0, .indexed16) == 9)
    #expect(index(255, 0, 0, .indexed8) == 1)
    #expect(index(0, 255, 0, .indexed256) == 46)
    #expect(index(0, 255, 0, .indexed16) == 10)
    #expect(index(0, 255, 0, .indexed8) == 2)
    #expect(index(0, 0, 255, .indexed256) == 21)
    #expect(index(0, 0, 255, .indexed16) == 4)
    #expect(index(0, 0, 255, .indexed8) == 4)
    // Black and white are cube corners: exact matches.
    #expect(index(0, 0, 0, .indexed256) == 16)
    #expect(index(255, 255, 255, .indexed256) == 231)
    #expect(index(255, 255, 255, .indexed16) == 15)
    #expect(index(255, 255, 255, .indexed8) == 7)
    #expect(index(0x12, 0x34, 0x56, .trueColor) == 0x12_3456)
  }

  @Test func terminalDefaultAndMonochromeHaveNoColourNumber() {
    for depth in ColorDepth.allCases {
      #expect(ColorMapping.index(for: .terminalDefault, depth: depth) == nil)
    }
    #expect(index(255, 0, 0, .monochrome) == nil)
  }

  @Test func greysUseTheGreyRampIn256AndNeutralEntriesBelow() {
    for v in 0...255 {
      let grey = UInt8(v)
      // A grey lands within half the widest gap of the grey levels (238 to 255) of itself.
      let shown = xterm256(index(grey, grey, grey, .indexed256) ?? -1)
      #expect(shown.allSatisfy { abs($0 - v) <= 9 }, "grey \(v) → \(shown)")
      #expect([0, 7, 8, 15].contains(index(grey, grey, grey, .indexed16)))
      #expect([0, 7].contains(index(grey, grey, grey, .indexed8)))
    }
    // A near-grey goes to the nearest grey step.
    #expect(index(100, 104, 98, .indexed256) == 241)
    // Measured switch points: 16 colours 0 | 73 → 8 | 171 → 7 | 242 → 15; 8 colours 113 → 7.
    #expect(index(72, 72, 72, .indexed16) == 0)
    #expect(index(73, 73, 73, .indexed16) == 8)
    #expect(index(170, 170, 170, .indexed16) == 8)
    #expect(index(171, 171, 171, .indexed16) == 7)
    #expect(index(241, 241, 241, .indexed16) == 7)
    #expect(index(242, 242, 242, .indexed16) == 15)
    #expect(index(112, 112, 112, .indexed8) == 0)
    #expect(index(113, 113, 113, .indexed8) == 7)
  }

  @Test func cubeUsesXtermsRealLevels() {
    // Exact cube colours map to themselves; the dark default background stays near-black.
    #expect(index(0x5F, 0x87, 0xAF, .indexed256) == 67)
    #expect(index(0x16, 0x19, 0x1F, .indexed256) == 234)
    #expect(index(0x2C, 0x4A, 0x6E, .indexed256) == 239)
    #expect(index(0xFF, 0xC8, 0x57, .indexed256) == 221)
    for i in 16...255 {
      let c = xterm256(i)
      #expect(index(UInt8(c[0]), UInt8(c[1]), UInt8(c[2]), .indexed256) == i)
    }
  }

  /// xterm's own 256-colour table (entries 16–255), written out from its definition.
  func xterm256(_ i: Int) -> [Int] {
    if i >= 232 { return Array(repeating: 8 + 10 * (i - 232), count: 3) }
    let levels = [0, 95, 135, 175, 215, 255]
    let n = i - 16
    return [levels[n / 36], levels[(n / 6) % 6], levels[n % 6]]
  }

  @Test func paletteEntriesMapToThemselves() {
    for (i, color) in ColorMapping.standardPalette.enumerated() {
      #expect(ColorMapping.index(for: color, depth: .indexed16) == i)
      if i < 8 { #expect(ColorMapping.index(for: color, depth: .indexed8) == i) }
    }
  }

  /// Where the built-in theme's colours land: status keeps its hue (green, yellow, red) and
  /// the muted blues become cyan and blue rather than grey.
  @Test func builtInThemeInSixteenAndEightColours() {
    let theme = Theme.fallback
    func at(_ key: Theme.Key, _ depth: ColorDepth) -> Int? {
      ColorMapping.index(for: theme[key], depth: depth)
    }
    let keys: [Theme.Key] = [
      .mainBackground, .mainForeground, .highlight, .selectedBackground, .inactive, .ok, .warn,
      .danger,
    ]
    #expect(keys.map { at($0, .indexed16) } == [0, 7, 6, 4, 8, 2, 3, 9])
    #expect(keys.map { at($0, .indexed8) } == [0, 7, 6, 4, 0, 2, 3, 1])
  }

  @Test func ciede2000MatchesSharmasTestData() {
    // Pairs from Sharma, Wu & Dalal (2005), Table 1, with their published ΔE00.
    let pairs: [(CIELab, CIELab, Double)] = [
      (CIELab(l: 50, a: 2.6772, b: -79.7751), CIELab(l: 50, a: 0, b: -82.7485), 2.0425),
      (CIELab(l: 50, a: 0, b: 0), CIELab(l: 50, a: -1, b: 2), 2.3669),
      (CIELab(l: 50, a: 2.5, b: 0), CIELab(l: 50, a: 0, b: -2.5), 4.3065),
      (
        CIELab(l: 60.2574, a: -34.0099, b: 36.2677), CIELab(l: 60.4626, a: -34.1751, b: 39.4387),
        1.2644
      ),
      (
        CIELab(l: 22.7233, a: 20.0904, b: -46.6940), CIELab(l: 23.0331, a: 14.9730, b: -42.5619),
        2.0373
      ),
    ]
    for (p, q, expected) in pairs {
      #expect(abs(p.deltaE2000(to: q) - expected) < 0.0001)
      #expect(abs(q.deltaE2000(to: p) - expected) < 0.0001)
    }
  }

  @Test func detectsDepth() {
    #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .monochrome)
    #expect(ColorDepth.detect(colors: 1 << 24, environment: ["NO_COLOR": "yes"]) == .monochrome)
    #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .indexed256)
    #expect(ColorDepth.detect(colors: 256, environment: ["TERM": "dumb"]) == .monochrome)
    // COLORTERM is only a hint: ncurses with a -256color entry still paints 256 colours.
    let truecolor = ["COLORTERM": "truecolor"]
    #expect(ColorDepth.detect(colors: 256, environment: truecolor) == .indexed256)
    #expect(ColorDepth.detect(colors: 0x100_0000, environment: truecolor) == .trueColor)
    #expect(ColorDepth.detect(colors: 0x100_0000, environment: [:]) == .trueColor)
    #expect(ColorDepth.advertisesTrueColor(environment: truecolor))
    #expect(ColorDepth.advertisesTrueColor(environment: ["COLORTERM": "24bit"]))
    #expect(!ColorDepth.advertisesTrueColor(environment: ["COLORTERM": "yes"]))
    #expect(ColorDepth.detect(colors: 88, environment: [:]) == .indexed16)
    #expect(ColorDepth.detect(colors: 16, environment: [:]) == .indexed16)
    #expect(ColorDepth.detect(colors: 8, environment: [:]) == .indexed8)
    #expect(ColorDepth.detect(colors: 2, environment: [:]) == .monochrome)
    #expect(ColorDepth.detect(colors: -1, environment: [:]) == .monochrome)
  }
}
