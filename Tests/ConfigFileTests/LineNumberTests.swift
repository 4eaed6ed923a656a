import ConfigFile
import Testing

@Suite struct LineNumberTests {
  @Test func valuesInNestedTables() throws {
    let root = try parse(
      """
      title = "x"

      [server]
      port = 80
      [server.limits]
      rate = 5
      """)
    #expect(root.line == 1)
    #expect(root["title"]?.line == 1)
    let server = try root.table("server")
    #expect(server.line == 3)
    #expect(root["server"]?.line == 3)
    #expect(server["port"]?.line == 4)
    #expect(try server.table("limits").line == 5)
    #expect(try server.table("limits")["rate"]?.line == 6)
  }

  @Test func implicitTablesTakeTheLineOfTheirDefinition() throws {
    let root = try parse("[a.b]\nx = 1\n\n[a]\ny = 2\n[c]\nd.e = 3")
    #expect(try root.table("a").line == 4)
    #expect(try root.table("a").table("b").line == 1)
    #expect(try root.table("c").table("d").line == 7)
  }

  @Test func arraysOfTablesRememberEachHeader() throws {
    let root = try parse(
      """
      [[job]]
      at = 0

      [[job]]
      # a comment
      at = 1
      [job.hp]
      lr = 0.5
      """)
    #expect(root["job"]?.line == 1)
    let jobs = try root.tables("job")
    #expect(jobs.map(\.line) == [1, 4])
    #expect(root["job"]?.arrayValue?.map(\.line) == [1, 4])
    #expect(jobs[1]["at"]?.line == 6)
    #expect(try jobs[1].table("hp").line == 7)
    #expect(try jobs[1].table("hp")["lr"]?.line == 8)
  }

  @Test func multilineValuesStartWhereTheyOpen() throws {
    let root = try parse(
      """
      list = [
        1,
        # skipped
        [2,
         3],
      ]
      text = \"\"\"
      one
      two\"\"\"
      after = { a = 1 }
      """)
    let list = root["list"]
    #expect(list?.line == 1)
    #expect(list?.arrayValue?.map(\.line) == [2, 4])
    #expect(list?.arrayValue?.last?.arrayValue?.map(\.line) == [4, 5])
    #expect(root["text"]?.line == 7)
    #expect(root["after"]?.line == 10)
    #expect(try root.table("after")["a"]?.line == 10)
  }

  @Test func crlfLinesCountOnce() throws {
    let root = try parse("a = 1\r\n\r\nb = '''\r\nx\r\n'''\r\nc = 3\r\n")
    #expect(root.keys.map { root[$0]?.line } == [1, 3, 6])
  }
}
