import Testing

@testable import Helm

@Suite("--set parsing as Helm's strvals")
struct SetValueParserTests {
  func parse(_ text: String, _ mode: SetValueParser.Mode = .typed) throws -> [String: Value] {
    var values: [String: Value] = [:]
    try SetValueParser.apply(
      text, to: &values, mode: mode, decodeJSON: { try HelmYAML.decode($0, file: "json") })
    return values
  }

  static let cases: [(String, String)] = [
    ("a=b", #"{"a":"b"}"#),
    ("a=1,b=true,c=null,d=0,e=01,f=1.5", #"{"a":1,"b":true,"c":null,"d":0,"e":"01","f":"1.5"}"#),
    ("a.b.c=x", #"{"a":{"b":{"c":"x"}}}"#),
    ("a[0].c=x,a[1]=y", #"{"a":[{"c":"x"},"y"]}"#),
    ("a={x,y,z}", #"{"a":["x","y","z"]}"#),
    (#"a=x\,y,b\.c=d"#, #"{"a":"x,y","b.c":"d"}"#),
    ("a=", #"{"a":""}"#),
    ("a[2]=z", #"{"a":[null,null,"z"]}"#),
    ("a[0][1]=q", #"{"a":[[null,"q"]]}"#),
    ("name=value with spaces", #"{"name":"value with spaces"}"#),
  ]

  @Test("parses typed --set values", arguments: cases)
  func typed(input: String, expected: String) throws {
    #expect(JSONCodec.encode(.map(try parse(input))) == expected)
  }

  @Test("--set-string keeps strings")
  func strings() throws {
    #expect(JSONCodec.encode(.map(try parse("a=1,b=true", .string))) == #"{"a":"1","b":"true"}"#)
  }

  @Test("--set-json reads JSON values")
  func json() throws {
    let values = try parse(#"a={"b":[1,"x"]},c=[1,2]"#, .json)
    #expect(JSONCodec.encode(.map(values)) == #"{"a":{"b":[1,"x"]},"c":[1,2]}"#)
  }

  @Test("reports Helm's errors", arguments: ["a", "a.b", "a,b=c", "a[x]=1", "a[-1]=1"])
  func errors(input: String) {
    #expect(throws: HelmError.self) { try parse(input) }
  }

  @Test("a key without a value says so")
  func noValue() {
    let error = #expect(throws: HelmError.self) { try parse("a") }
    #expect(error?.message == "failed parsing --set data: key \"a\" has no value")
  }
}
