import Testing

@testable import YAML

@Suite("YAMLParser")
struct YAMLParserTests {
  @Test("keeps scalar source text, so 1.30 stays the string 1.30")
  func sourceText() throws {
    let doc = try #require(
      try YAMLParser.parse("kubernetesVersion: 1.30\ncount: 010\n", file: "s.yaml").first)
    #expect(doc["kubernetesVersion"]?.scalar?.text == "1.30")
    #expect(doc["count"]?.scalar?.text == "010")
    #expect(doc["count"]?.resolvedScalar == .int(10))
  }

  @Test("records 1-based line and column for every node")
  func positions() throws {
    let text = "a:\n  b: [1, 2]\n  c:\n    - x\n    - y: z\n"
    let doc = try #require(try YAMLParser.parse(text, file: "s.yaml").first)
    #expect(doc.mark == Mark(line: 1, column: 1))
    #expect(doc["a"]?.mark == Mark(line: 2, column: 3))
    #expect(doc["a"]?["b"]?.mark == Mark(line: 2, column: 6))
    #expect(doc["a"]?["b"]?.sequence?[1].mark == Mark(line: 2, column: 10))
    let items = try #require(doc["a"]?["c"]?.sequence)
    #expect(items[0].mark == Mark(line: 4, column: 7))
    #expect(items[1]["y"]?.mark == Mark(line: 5, column: 10))
    let keyMark = doc["a"]?.mapping?[1].key.mark
    #expect(keyMark == Mark(line: 3, column: 3))
  }

  @Test(
    "reads scalar styles and tags",
    arguments: [
      ("v: plain", YAMLScalarStyle.plain, "plain"),
      ("v: 'single ''q'''", .singleQuoted, "single 'q'"),
      ("v: \"double\\tq\"", .doubleQuoted, "double\tq"),
      ("v: |\n  line1\n  line2\n", .literal, "line1\nline2\n"),
      ("v: >-\n  folded\n  text\n", .folded, "folded text"),
    ])
  func styles(text: String, style: YAMLScalarStyle, value: String) throws {
    let node = try #require(try YAMLParser.parse(text, file: "s.yaml").first?["v"])
    #expect(node.scalar == YAMLScalar(value, style: style))
  }

  @Test("expands tags to their full form")
  func tags() throws {
    let doc = try #require(
      try YAMLParser.parse("a: !!str 12\nb: !local x\nc: !!int \"7\"\n", file: "s").first)
    #expect(doc["a"]?.tag == "tag:yaml.org,2002:str")
    #expect(doc["a"]?.resolvedScalar == .string("12"))
    #expect(doc["b"]?.tag == "!local")
    #expect(doc["c"]?.resolvedScalar == .int(7))
  }

  @Test("parses every document of a stream")
  func multiDocument() throws {
    let docs = try YAMLParser.parse("a: 1\n---\nb: 2\n---\n", file: "s.yaml")
    #expect(docs.count == 3)
    #expect(docs[1]["b"]?.mark == Mark(line: 3, column: 4))
    #expect(docs[2].isNull)
    #expect(try YAMLParser.parse("", file: "s.yaml").isEmpty)
    #expect(try YAMLParser.parse("# only a comment\n", file: "s.yaml").isEmpty)
  }

  @Test("resolves anchors and aliases")
  func aliases() throws {
    let text = "base: &b\n  cpu: 1\nother: *b\nlist: [&x hello, *x]\n"
    let doc = try #require(try YAMLParser.parse(text, file: "s.yaml").first)
    #expect(doc["other"]?["cpu"]?.scalar?.text == "1")
    #expect(doc["base"]?.anchor == "b")
    #expect(doc["list"]?.sequence?.map { $0.scalar?.text } == ["hello", "hello"])
  }

  @Test("applies << merges; explicit keys win wherever they appear")
  func merges() throws {
    let text = """
      a: &a {x: 1, y: 1}
      b: &b {y: 2, z: 2}
      one:
        y: 9
        <<: *a
      many:
        <<: [*b, *a]
        w: 0
      """
    let doc = try #require(try YAMLParser.parse(text, file: "s.yaml").first)
    let one = try #require(doc["one"]?.mapping)
    #expect(one.map { $0.key.scalar!.text } == ["y", "x"])
    #expect(doc["one"]?["y"]?.scalar?.text == "9")
    let many = try #require(doc["many"]?.mapping)
    #expect(many.map { $0.key.scalar!.text } == ["y", "z", "x", "w"])
    #expect(doc["many"]?["y"]?.scalar?.text == "2")
  }

  @Test("a merge of a scalar is an error at the value")
  func badMerge() {
    #expect {
      try YAMLParser.parse("a:\n  <<: 3\n", file: "s.yaml")
    } throws: { error in
      let error = error as! YAMLError
      return error.code == .invalidMerge && error.mark == Mark(line: 2, column: 7)
    }
  }

  @Test("duplicate keys are errors naming both positions, and every one is reported")
  func duplicateKeys() {
    let result = YAMLParser.parseCollectingErrors("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n", file: "s.yaml")
    #expect(result.errors.count == 2)
    #expect(result.errors.map(\.code) == [.duplicateKey, .duplicateKey])
    #expect(result.errors[0].description == "s.yaml:3:1: duplicate key \"a\" (first defined at 1:1)")
    #expect(result.errors[0].relatedMark == Mark(line: 1, column: 1))
    #expect(result.errors[1].mark == Mark(line: 6, column: 3))
    #expect(result.documents.first?["a"]?.scalar?.text == "1")
  }

  @Test("keys compare by value: 1 and 01 collide, 1 and \"1\" do not")
  func keyIdentity() {
    #expect(YAMLParser.parseCollectingErrors("1: a\n01: b\n", file: "s").errors.count == 1)
    #expect(YAMLParser.parseCollectingErrors("1: a\n\"1\": b\n", file: "s").errors.isEmpty)
  }

  @Test(
    "libyaml syntax errors keep their position",
    arguments: [
      ("a: b: c\n", 1, 5, "mapping values are not allowed in this context"),
      ("a:\n\tb: 1\n", 2, 1, "found character that cannot start any token"),
      ("a: [1, 2\n", 2, 1, "did not find expected ',' or ']'"),
      ("a: 1\n b: 2\nc: 3\n", 2, 3, "mapping values are not allowed"),
    ])
  func syntaxErrors(text: String, line: Int, column: Int, message: String) {
    #expect {
      try YAMLParser.parse(text, file: "bad.yaml")
    } throws: { error in
      let error = error as! YAMLError
      return error.code == .syntax && error.mark == Mark(line: line, column: column)
        && error.message.hasPrefix(message) && error.hint != nil
    }
  }

  @Test("an undefined alias is an error at the alias")
  func undefinedAlias() {
    #expect {
      try YAMLParser.parse("a: 1\nb: *nope\n", file: "s.yaml")
    } throws: { error in
      (error as! YAMLError).code == .undefinedAlias && (error as! YAMLError).mark == Mark(line: 2, column: 4)
    }
  }

  /// Ten strings, then `levels - 1` lists of ten aliases of the level below: 10^levels leaves.
  static func aliasBomb(levels: Int) -> String {
    var lines = ["l0: &l0 [" + (0..<10).map { "\"s\($0)\"" }.joined(separator: ", ") + "]"]
    for level in 1..<levels {
      lines.append(
        "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
          + "]")
    }
    return lines.joined(separator: "\n") + "\nvalues:\n  bomb: *l\(levels - 1)\n"
  }

  @Test("nested aliases that expand past the limit are refused at the alias that passes it")
  func aliasBomb() {
    // Lists l1, l2 and l3 hold aliases for 12330 nodes; each alias in l4 stands for l3's
    // 11111, so the eighth passes 100000.
    #expect {
      try YAMLParser.parse(Self.aliasBomb(levels: 10), file: "bomb.yaml")
    } throws: { error in
      let error = error as! YAMLError
      return error.code == .excessiveAliasing && error.mark == Mark(line: 5, column: 45)
        && error.message == "aliases expand to more than 100000 nodes at *l3" && error.hint != nil
    }
  }

  @Test("aliases below the limit expand to full copies of the anchored value")
  func aliasesBelowLimit() throws {
    let document = try YAMLParser.parse(Self.aliasBomb(levels: 4), file: "ok.yaml")[0]
    let bomb = try #require(document["values"]?["bomb"]?.sequence)
    #expect(bomb.count == 10)
    #expect(bomb[9].sequence?[9].sequence?[9].sequence?[9].scalar?.text == "s9")
    #expect(bomb[9].mark == document["l2"]?.mark)
  }
}
