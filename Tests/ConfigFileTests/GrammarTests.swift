import ConfigFile
import Testing

@Suite struct LayoutTests {
  @Test func commentsBlankLinesAndCRLF() throws {
    let root = try parse("# heading\r\n\r\na = 1 # after a value\r\nb = \"x\"\t# tab first\r\n#end")
    #expect(root.keys == ["a", "b"])
    #expect(root["a"]?.integerValue == 1)
    #expect(root["b"]?.stringValue == "x")
    #expect(root["b"]?.line == 4)
  }

  @Test func emptyDocument() throws {
    #expect(try parse("").isEmpty)
    #expect(try parse("\n# only a comment\n\n").isEmpty)
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let root = try ConfigDocument(parsing: [0xEF, 0xBB, 0xBF] + Array("a = 1".utf8), source: "x")
      .root
    #expect(root["a"]?.integerValue == 1)
  }

  @Test func keysKeepInsertionOrder() throws {
    let root = try parse("zeta = 1\nalpha = 2\nmid = 3\n[b]\n[a]")
    #expect(root.keys == ["zeta", "alpha", "mid", "b", "a"])
    #expect(root.count == 5)
  }
}

@Suite struct KeyTests {
  @Test func bareKeys() throws {
    let root = try parse("key_1-x = 1\n1234 = 2\nA-Z = 3")
    #expect(root.keys == ["key_1-x", "1234", "A-Z"])
  }

  @Test func quotedKeys() throws {
    let root = try parse("\"a b\" = 1\n'c.d' = 2\n\"\" = 3\n\"\\u00e9t\\u00e9\" = 4")
    #expect(root.keys == ["a b", "c.d", "", "été"])
  }

  @Test func dottedKeysCreateTables() throws {
    let root = try parse("a.b.c = 1\na.b.d = 2\na . \"x y\" = 3\nsite.\"google.com\" = true")
    let a = try root.table("a")
    #expect(a.keys == ["b", "x y"])
    #expect(try a.table("b").integer("d") == 2)
    #expect(try a.integer("x y") == 3)
    #expect(try root.table("site").bool("google.com"))
  }

  @Test func numericLookingDottedKey() throws {
    let root = try parse("3.14 = \"pi\"")
    #expect(try root.table("3").string("14") == "pi")
  }
}

@Suite struct TableTests {
  @Test func headers() throws {
    let root = try parse(
      """
      top = 0
      [server]
      port = 80
      [server.limits]
      rate = 5
      [ "quoted key" . inner ]
      x = 1
      """)
    #expect(root.keys == ["top", "server", "quoted key"])
    #expect(try root.table("server").integer("port") == 80)
    #expect(try root.table("server").table("limits").integer("rate") == 5)
    #expect(try root.table("quoted key").table("inner").integer("x") == 1)
  }

  @Test func superTableAfterSubTable() throws {
    let root = try parse("[a.b.c]\nz = 1\n[a]\ny = 2")
    let a = try root.table("a")
    #expect(a.keys == ["b", "y"])
    #expect(a.line == 3)
  }

  @Test func subTableOfDottedKeyTable() throws {
    let root = try parse("[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true")
    let apple = try root.table("fruit").table("apple")
    #expect(try apple.string("color") == "red")
    #expect(try apple.table("texture").bool("smooth"))
  }

  @Test func arraysOfTables() throws {
    let root = try parse(
      """
      [[job]]
      name = "a"
      [job.hp]
      lr = 0.1
      [[job.step]]
      n = 1
      [[job.step]]
      n = 2
      [[job]]
      name = "b"
      [[other]]
      """)
    let jobs = try root.tables("job")
    #expect(jobs.count == 2)
    #expect(try jobs[0].string("name") == "a")
    #expect(try jobs[0].table("hp").double("lr") == 0.1)
    #expect(
      try jobs[0].tables("step").map { j throws(ConfigError) in try j.integer("n") } == [1, 2])
    #expect(try jobs[1].string("name") == "b")
    #expect(jobs[1]["hp"] == nil)
    #expect(try root.tables("other").map(\.isEmpty) == [true])
  }

  @Test func pathsDescribeTablesForMessages() throws {
    let root = try parse(
      """
      [server.limits]
      [[job]]
      [[job]]
      hp = { lr = 1 }
      [[job.step]]
      [job.step.x]
      ["odd key"]
      """)
    #expect(root.path.description == "the top level")
    #expect(try root.table("server").table("limits").path.description == "[server.limits]")
    let second = try root.tables("job")[1]
    #expect(second.path.description == "[[job]] #2")
    #expect(try second.table("hp").path.description == "[job.hp] of [[job]] #2")
    let step = try second.tables("step")[0]
    #expect(step.path.description == "[[job.step]] #1 of [[job]] #2")
    #expect(try step.table("x").path.description == "[job.step.x] of [[job.step]] #1 of [[job]] #2")
    #expect(try root.table("odd key").path.description == "[\"odd key\"]")
  }
}

@Suite struct StringTests {
  @Test func basicEscapes() throws {
    let root = try parse(#"s = "q\" b\\ n\n t\t r\r b\b f\f u\u00E9 U\U0001F600""#)
    #expect(try root.string("s") == "q\" b\\ n\n t\t r\r b\u{8} f\u{C} u\u{E9} U\u{1F600}")
  }

  @Test func literalStringsKeepBackslashes() throws {
    let root = try parse(#"path = 'C:\Users\n' "#)
    #expect(try root.string("path") == #"C:\Users\n"#)
  }

  @Test func nonASCIIAndTabs() throws {
    #expect(try parse("s = \"héllo\twörld ✓\"").string("s") == "héllo\twörld ✓")
  }

  @Test func multilineBasic() throws {
    let root = try parse(
      "a = \"\"\"\nfirst\n  second\"\"\"\nb = \"\"\"one \\\n    two \\   \r\n\n   three\"\"\"\nc = \"\"\"\"quoted\"\"\"\"\"\nd = \"\"\"x\r\ny\\tz\"\"\""
    )
    #expect(try root.string("a") == "first\n  second")
    #expect(try root.string("b") == "one two three")
    #expect(try root.string("c") == "\"quoted\"\"")
    #expect(try root.string("d") == "x\ny\tz")
  }

  @Test func multilineLiteral() throws {
    let root = try parse("a = '''\nraw \\n ''\n'''\nb = '''x'''''")
    #expect(try root.string("a") == "raw \\n ''\n")
    #expect(try root.string("b") == "x''")
  }

  @Test func emptyStrings() throws {
    let root = try parse("a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''")
    #expect(root.keys.map { root[$0]?.stringValue } == ["", "", "", ""])
  }
}

@Suite struct NumberTests {
  @Test(arguments: [
    ("42", 42), ("+17", 17), ("-5", -5), ("0", 0), ("-0", 0), ("1_000_000", 1_000_000),
    ("0xDEAD_beef", 0xDEAD_BEEF), ("0o755", 0o755), ("0b1101", 0b1101), ("0x0", 0),
    ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
  ])
  func integers(text: String, value: Int) throws {
    #expect(try parse("n = \(text)").integer("n") == value)
  }

  @Test(arguments: [
    ("1.5", 1.5), ("-2e-3", -0.002), ("1_000.5", 1_000.5), ("6.626e-34", 6.626e-34),
    ("1E6", 1e6), ("3e+2", 300), ("-0.0", 0), ("0.1", 0.1), ("1e0_1", 1e1), ("+1.0", 1),
  ])
  func floats(text: String, value: Double) throws {
    let number = try parse("x = \(text)")["x"]
    guard case .float(let parsed)? = number?.kind else {
      Issue.record("\(text) did not parse as a float: \(String(describing: number))")
      return
    }
    #expect(parsed == value)
  }

  @Test func booleans() throws {
    let root = try parse("yes = true\nno = false")
    #expect(try root.bool("yes") && !root.bool("no"))
  }
}

@Suite struct ArrayAndInlineTableTests {
  @Test func arrays() throws {
    let root = try parse(
      """
      empty = []
      ints = [1, 2, 3]
      nested = [[1, 2], ["a"], []]
      mixed = [1, "two", 3.0, true, { k = 1 }]
      spread = [  # comment after the bracket
        "a",  # comment after an element

        "b",
        # comment on its own line
      ]
      """)
    #expect(try root.integerArray("empty") == [])
    #expect(try root.integerArray("ints") == [1, 2, 3])
    let nested = root["nested"]?.arrayValue ?? []
    #expect(nested.map { $0.arrayValue?.count } == [2, 1, 0])
    #expect(
      root["mixed"]?.arrayValue?.map(\.typeDescription) == [
        "an integer", "a string", "a float", "a boolean", "a table",
      ])
    #expect(try root.stringArray("spread") == ["a", "b"])
  }

  @Test func inlineTables() throws {
    let root = try parse(
      """
      empty = {}
      point = { x = 1, y = -2 }
      deep = { a.b = "dotted", list = [1,
        2], inner = { z = true } }
      """)
    #expect(try root.table("empty").isEmpty)
    #expect(try root.table("point").keys == ["x", "y"])
    let deep = try root.table("deep")
    #expect(try deep.table("a").string("b") == "dotted")
    #expect(try deep.integerArray("list") == [1, 2])
    #expect(try deep.table("inner").bool("z"))
  }

  @Test func inlineArrayOfTablesReadsAsTables() throws {
    let root = try parse("points = [{ x = 1 }, { x = 2 }]")
    let points = try root.tables("points")
    #expect(try points.map { p throws(ConfigError) in try p.integer("x") } == [1, 2])
    #expect(points[1].path.description == "[[points]] #2")
  }
}
