import Testing

@testable import YAML

@Suite("YAML 1.2 core schema")
struct YAMLScalarResolverTests {
  @Test(
    "resolves plain scalars",
    arguments: [
      ("", YAMLScalarValue.null), ("~", .null), ("null", .null), ("NULL", .null),
      ("true", .bool(true)), ("False", .bool(false)),
      ("12", .int(12)), ("-3", .int(-3)), ("+4", .int(4)), ("0x1F", .int(31)), ("0o17", .int(15)),
      ("1.30", .float(1.3)), (".5", .float(0.5)), ("1e3", .float(1000)), ("-.inf", .float(-.infinity)),
      ("yes", .string("yes")), ("1.2.3", .string("1.2.3")), ("512m", .string("512m")),
      ("0x", .string("0x")), ("-", .string("-")), (".", .string(".")), ("1e", .string("1e")),
    ])
  func resolves(text: String, expected: YAMLScalarValue) {
    #expect(YAMLScalarResolver.resolve(plain: text) == expected)
  }

  @Test("quoted scalars are always strings")
  func quoted() throws {
    let doc = try #require(try YAMLParser.parse("a: '12'\nb: \"true\"\n", file: "s").first)
    #expect(doc["a"]?.resolvedScalar == .string("12"))
    #expect(doc["b"]?.resolvedScalar == .string("true"))
  }
}
