import Testing

@testable import YAML

@Suite("YAMLEmitter and JSON")
struct YAMLEmitterTests {
  @Test("writes block style in key order, sequences unindented under keys")
  func blockStyle() {
    let node = YAMLNode.mapping([
      ("name", .string("pi")),
      ("version", .string("1.30")),
      ("count", .int(2)),
      ("enabled", .bool(true)),
      ("args", .sequence([.string("a"), .string("yes"), .mapping([("k", .string("v")), ("n", .null)])])),
      ("empty", .mapping([])),
      ("none", .sequence([])),
      ("nested", .mapping([("deep", .mapping([("x", .string("a: b"))]))])),
    ])
    let expected = """
      name: pi
      version: '1.30'
      count: 2
      enabled: true
      args:
      - a
      - 'yes'
      - k: v
        'n': null
      empty: {}
      none: []
      nested:
        deep:
          x: 'a: b'

      """
    #expect(YAMLEmitter.emit(node) == expected)
  }

  @Test(
    "quotes strings that would read as another type or as syntax",
    arguments: [
      ("true", "'true'"), ("null", "'null'"), ("", "''"), ("012", "'012'"), ("1e3", "'1e3'"),
      ("-x", "-x"), ("- x", "'- x'"), ("#c", "'#c'"), ("a #b", "'a #b'"), ("it's", "it's"),
      ("*ref", "'*ref'"), ("tab\there", "\"tab\\there\""), ("${aws.accountId}", "${aws.accountId}"),
      ("s3a://bucket/path", "s3a://bucket/path"), ("key:", "'key:'"),
    ])
  func quoting(text: String, expected: String) {
    #expect(YAMLEmitter.emit(.string(text)) == expected + "\n")
  }

  @Test("writes multi-line strings as literal blocks")
  func literal() throws {
    let node = YAMLNode.mapping([("script", .string("line1\nline2\n")), ("x", .string("a\nb"))])
    let text = YAMLEmitter.emit(node)
    #expect(text == "script: |\n  line1\n  line2\nx: |-\n  a\n  b\n")
    let back = try #require(try YAMLParser.parse(text, file: "s").first)
    #expect(back["script"]?.scalar?.text == "line1\nline2\n")
    #expect(back["x"]?.scalar?.text == "a\nb")
  }

  @Test("round-trips a parsed document")
  func roundTrip() throws {
    let text = "a:\n- b: 1\n  c:\n  - - x\n    - y\nd: 'true'\ne: ~\n"
    let doc = try #require(try YAMLParser.parse(text, file: "s").first)
    let emitted = YAMLEmitter.emit(doc)
    let again = try #require(try YAMLParser.parse(emitted, file: "s").first)
    #expect(YAMLJSONWriter.string(again) == YAMLJSONWriter.string(doc))
    #expect(YAMLJSONWriter.string(doc) == #"{"a":[{"b":1,"c":[["x","y"]]}],"d":"true","e":null}"#)
  }

  @Test("pretty JSON escapes strings and indents")
  func prettyJSON() {
    let node = YAMLNode.mapping([("s", .string("q\"\n\u{1}")), ("l", .sequence([.int(1), .float(1.5)]))])
    #expect(
      YAMLJSONWriter.string(node, pretty: true) == """
        {
          "s": "q\\"\\n\\u0001",
          "l": [
            1,
            1.5
          ]
        }

        """)
  }

  @Test(
    "any string survives emit and parse unchanged",
    arguments: [
      "", " lead", "trail ", "a: b", "- x", "#x", "x #y", "'q'", "\"d\"", "multi\nline", "tab\t", "\u{7}bell",
      "yes", "No", "~", "null", "0x1F", "1e3", ".5", "+1", "-", "?", ":", "@at", "`b`", "%p", "!t", "&a",
      "*a",
      "|", ">", "[a]", "{a}", "a,b", "---", "...", "日本語", "emoji 🎉", "trailing\n", "two\n\n", " lead\nline",
      "back\\slash", "a\r\nb", "x:", "key: value # not a comment",
    ])
  func stringRoundTrip(text: String) throws {
    let emitted = YAMLEmitter.emit(.mapping([("k", .string(text)), ("list", .sequence([.string(text)]))]))
    let parsed = try #require(try YAMLParser.parse(emitted, file: "s").first, "\(emitted)")
    #expect(parsed["k"]?.resolvedScalar == .string(text), "\(emitted)")
    #expect(parsed["list"]?.sequence?.first?.resolvedScalar == .string(text), "\(emitted)")
  }
}
