import ConfigFile
import Testing

@Suite struct AccessorTests {
  let root: ConfigTable

  init() throws {
    root = try parse(
      """
      name = "tour"
      count = 3
      ratio = 0.25
      whole = 2
      on = true
      tags = ["a", "b"]
      mixed = ["a", 2]
      sizes = [64, 128]
      rates = [1, 0.5]
      monitor = "enforse"
      mode = "observe"
      [limits]
      max = 10
      [[job]]
      at = 0
      [[job]]
      env = "cartpole"
      stpes = 10
      """)
  }

  @Test func typedReads() throws {
    #expect(try root.string("name") == "tour")
    #expect(try root.integer("count") == 3)
    #expect(try root.double("ratio") == 0.25)
    #expect(try root.double("whole") == 2)
    #expect(try root.bool("on"))
    #expect(try root.stringArray("tags") == ["a", "b"])
    #expect(try root.integerArray("sizes") == [64, 128])
    #expect(try root.doubleArray("rates") == [1, 0.5])
    #expect(try root.table("limits").integer("max") == 10)
    #expect(try root.tables("job").count == 2)
    #expect(try root.value("name").line == 1)
  }

  @Test func optionalReadsAreNilOnlyWhenMissing() throws {
    #expect(try root.optionalString("absent") == nil)
    #expect(try root.optionalInteger("absent") == nil)
    #expect(try root.optionalDouble("absent") == nil)
    #expect(try root.optionalBool("absent") == nil)
    #expect(try root.optionalStringArray("absent") == nil)
    #expect(try root.optionalIntegerArray("absent") == nil)
    #expect(try root.optionalDoubleArray("absent") == nil)
    #expect(try root.optionalTable("absent") == nil)
    #expect(try root.optionalTables("absent") == nil)
    #expect(try root.optionalOneOf("absent", ["x"]) == nil)
    #expect(try root.optionalInteger("absent", in: 1...2) == nil)
    #expect(try root.optionalDouble("absent", in: 0...) == nil)
    #expect(try root.optionalString("name") == "tour")
    #expect(try root.optionalDouble("whole") == 2)
    #expect(
      failure { () throws(ConfigError) in try root.optionalInteger("name") }
        == "test.toml:1: \"name\" must be an integer, found a string")
  }

  @Test func missingKeysAreReportedAtTheTable() throws {
    #expect(
      failure { () throws(ConfigError) in try root.string("env") }
        == "test.toml:1: missing key \"env\" at the top level")
    let jobs = try root.tables("job")
    #expect(
      failure { () throws(ConfigError) in try jobs[0].string("env") }
        == "test.toml:14: missing key \"env\" in [[job]] #1")
    #expect(
      failure { () throws(ConfigError) in try root.table("limits").integer("min") }
        == "test.toml:12: missing key \"min\" in [limits]")
  }

  @Test(arguments: [
    ("string", "count", "\"count\" must be a string, found an integer"),
    ("integer", "ratio", "\"ratio\" must be an integer, found a float"),
    ("double", "name", "\"name\" must be a number, found a string"),
    ("bool", "count", "\"count\" must be a boolean, found an integer"),
    ("stringArray", "name", "\"name\" must be an array of strings, found a string"),
    ("stringArray", "mixed", "element 2 of \"mixed\" must be a string, found an integer"),
    ("integerArray", "rates", "element 2 of \"rates\" must be an integer, found a float"),
    ("table", "tags", "\"tags\" must be a table, found an array"),
    ("table", "job", "\"job\" must be a table, found an array"),
    ("tables", "limits", "\"limits\" must be an array of tables, found a table"),
    ("tables", "tags", "element 1 of \"tags\" must be a table, found a string"),
  ])
  func wrongTypesAreReportedAtTheValue(accessor: String, key: String, message: String) throws {
    let line = try #require(root[key]?.line)
    let error = failure { () throws(ConfigError) in
      switch accessor {
      case "integer": _ = try root.integer(key)
      case "double": _ = try root.double(key)
      case "bool": _ = try root.bool(key)
      case "stringArray": _ = try root.stringArray(key)
      case "integerArray": _ = try root.integerArray(key)
      case "table": _ = try root.table(key)
      case "tables": _ = try root.tables(key)
      default: _ = try root.string(key)
      }
    }
    #expect(error == "test.toml:\(line): \(message)")
  }

  @Test func ranges() throws {
    #expect(try root.integer("count", in: 1...5) == 3)
    #expect(try root.integer("count", in: 3...) == 3)
    #expect(try root.double("ratio", in: 0...1) == 0.25)
    #expect(try root.double("whole", in: 0.5...) == 2)
    #expect(
      failure { () throws(ConfigError) in try root.integer("count", in: 5...10) }
        == "test.toml:2: \"count\" must be between 5 and 10 (found 3)")
    #expect(
      failure { () throws(ConfigError) in try root.integer("count", in: 4...) }
        == "test.toml:2: \"count\" must be at least 4 (found 3)")
    #expect(
      failure { () throws(ConfigError) in try root.optionalInteger("count", in: 4...) }
        == "test.toml:2: \"count\" must be at least 4 (found 3)")
    #expect(
      failure { () throws(ConfigError) in try root.double("ratio", in: 0.5...1) }
        == "test.toml:3: \"ratio\" must be between 0.5 and 1.0 (found 0.25)")
    #expect(
      failure { () throws(ConfigError) in try root.integer("ratio", in: 0...1) }
        == "test.toml:3: \"ratio\" must be an integer, found a float")
  }

  enum Mode: String, CaseIterable { case enforce, observe, off }

  @Test func choices() throws {
    #expect(try root.oneOf("mode", ["enforce", "observe", "off"]) == "observe")
    #expect(try root.oneOf("mode", as: Mode.self) == .observe)
    #expect(try root.optionalOneOf("mode", as: Mode.self) == .observe)
    #expect(
      failure { () throws(ConfigError) in try root.oneOf("monitor", ["enforce", "observe", "off"]) }
        == "test.toml:10: \"monitor\" must be one of enforce, observe, off (found \"enforse\")")
    #expect(
      failure { () throws(ConfigError) in try root.oneOf("monitor", as: Mode.self) }
        == "test.toml:10: \"monitor\" must be one of enforce, observe, off (found \"enforse\")")
    #expect(
      failure { () throws(ConfigError) in try root.oneOf("count", as: Mode.self) }
        == "test.toml:2: \"count\" must be a string, found an integer")
  }

  @Test func unknownKeys() throws {
    let jobs = try root.tables("job")
    try jobs[0].rejectUnknownKeys(allowed: ["at", "env", "steps"])
    #expect(
      failure { () throws(ConfigError) in
        try jobs[1].rejectUnknownKeys(allowed: ["steps", "env", "at"])
      }
        == "test.toml:18: unknown key \"stpes\" in [[job]] #2 (known: at, env, steps)")
    #expect(
      failure { () throws(ConfigError) in try root.table("limits").rejectUnknownKeys(allowed: []) }
        == "test.toml:13: unknown key \"max\" in [limits] (known: none)")
    #expect(
      failure { () throws(ConfigError) in try root.rejectUnknownKeys(allowed: ["name", "odd key"]) }
        == "test.toml:2: unknown key \"count\" at the top level (known: name, \"odd key\")")
  }

  @Test func callersCanRefuseWithTheDocumentsName() throws {
    let value = try root.value("count")
    #expect(
      root.error("count must be odd", at: value).description == "test.toml:2: count must be odd")
    #expect(root.error("whole file", line: 0).description == "test.toml: whole file")
  }
}
