import ConfigFile
import Foundation
import Testing

@Suite struct ScenarioTests {
  static let demo = """
    # Rampart demo
    name = "tour"
    [[job]]
    at = 0
    env = "cartpole"
    steps = 2_000_000
    hp = { lr = 1e-3, hidden = [64, 64] }
    [[job]]
    at = 5.5
    env = "frozenlake"
    """

  @Test func readsTheDemoScenario() throws {
    let document = try ConfigDocument(parsing: Self.demo, source: "demo.toml")
    #expect(document.source == "demo.toml")
    #expect(document["name"]?.stringValue == "tour")
    let root = document.root
    try root.rejectUnknownKeys(allowed: ["name", "job"])
    let jobs = try root.tables("job")
    #expect(jobs.map(\.line) == [3, 8])

    let first = jobs[0]
    try first.rejectUnknownKeys(allowed: ["at", "env", "steps", "hp"])
    #expect(try first.double("at") == 0)
    #expect(try first.oneOf("env", ["cartpole", "frozenlake"]) == "cartpole")
    #expect(try first.integer("steps", in: 1...) == 2_000_000)
    let hp = try first.table("hp")
    #expect(hp.line == 7)
    #expect(hp.path.description == "[job.hp] of [[job]] #1")
    #expect(try hp.double("lr") == 1e-3)
    #expect(try hp.integerArray("hidden") == [64, 64])

    let second = jobs[1]
    #expect(try second.double("at") == 5.5)
    #expect(try second.string("env") == "frozenlake")
    #expect(try second.optionalInteger("steps") == nil)
    #expect(
      failure { () throws(ConfigError) in try second.integer("steps") }
        == "demo.toml:8: missing key \"steps\" in [[job]] #2")
    #expect(
      failure { () throws(ConfigError) in try second.integer("at") }
        == "demo.toml:9: \"at\" must be an integer, found a float")
  }

  @Test func typoInTheScenarioIsPinnedToItsLine() throws {
    let text = Self.demo.replacingOccurrences(of: "steps =", with: "stpes =")
    let job = try ConfigDocument(parsing: text, source: "demo.toml").root.tables("job")[0]
    #expect(
      failure { () throws(ConfigError) in
        try job.rejectUnknownKeys(allowed: ["at", "env", "steps", "hp"])
      }
        == "demo.toml:6: unknown key \"stpes\" in [[job]] #1 (known: at, env, hp, steps)")
  }

  @Test func documentsAreValues() throws {
    let a = try ConfigDocument(parsing: Self.demo, source: "demo.toml")
    let b = try ConfigDocument(parsing: Self.demo + "\n# trailing comment\n", source: "demo.toml")
    #expect(a.root == b.root)
  }

  @Test func readsFiles() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ConfigFileTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let good = directory.appendingPathComponent("demo.toml").path
    try Data(Self.demo.utf8).write(to: URL(fileURLWithPath: good))
    let document = try ConfigDocument(contentsOfFile: good)
    #expect(document.source == good)
    #expect(try document.root.string("name") == "tour")
    #expect(
      failure { () throws(ConfigError) in try document.root.integer("name") }
        == "\(good):2: \"name\" must be an integer, found a string")

    let bad = directory.appendingPathComponent("bad.toml").path
    try Data([0x61, 0x3D, 0x31, 0x0A, 0x62, 0x3D, 0xFE]).write(to: URL(fileURLWithPath: bad))
    #expect(
      throws: ConfigError(source: bad, line: 2, message: "invalid UTF-8")
    ) { try ConfigDocument(contentsOfFile: bad) }

    let missing = directory.appendingPathComponent("missing.toml").path
    #expect(
      throws: ConfigError(source: missing, line: 0, message: "no such file")
    ) { try ConfigDocument(contentsOfFile: missing) }
    #expect(
      throws: ConfigError(source: directory.path, line: 0, message: "is a directory, not a file")
    ) { try ConfigDocument(contentsOfFile: directory.path) }
  }
}
