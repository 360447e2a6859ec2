import Testing

@testable import Helm

@Suite("values.schema.json validation")
struct SchemaValidationTests {
  static let schema = """
    {"type":"object","required":["a","zz"],
     "properties":{"a":{"type":"integer","minimum":2},"b":{"type":"array","items":{"type":"string"}},
     "c":{"enum":["x","y"]},"d":{"type":"string","pattern":"^[a-z]+$"},"e":{"$ref":"#/definitions/e"},
     "f":{"type":"object","additionalProperties":false,"properties":{"g":{"type":"boolean"}}}},
     "definitions":{"e":{"type":"number","maximum":5}}}
    """

  func chart() throws -> Chart {
    var chart = Chart(metadata: ChartMetadata(apiVersion: "v2", name: "probe", version: "0.1.0"))
    chart.schema = try HelmYAML.decode(Self.schema, file: "values.schema.json")
    return chart
  }

  @Test("reports every violation with its path")
  func reportsViolations() throws {
    let values = try HelmYAML.decode(
      #"{"a":1.5,"b":[1,"x"],"c":"z","d":"A1","e":9,"f":{"h":1,"g":"no"}}"#, file: "v")
    let map = try Self.map(values)
    let error = #expect(throws: HelmError.self) { try SchemaValidation.validate(try chart(), values: map) }
    let message = error?.message ?? ""
    #expect(
      message.hasPrefix(
        "values don't meet the specifications of the schema(s) in the following chart(s):\nprobe:\n"))
    for line in [
      "- at '': missing property 'zz'", "- at '/a': got number, want integer",
      "- at '/b/0': got number, want string",
      "- at '/c': value must be one of 'x', 'y'", "- at '/d': 'A1' does not match pattern '^[a-z]+$'",
      "- at '/e': maximum: got 9, want 5", "- at '/f': additional properties 'h' not allowed",
      "- at '/f/g': got string, want boolean",
    ] {
      #expect(message.contains(line), "missing \(line)")
    }
  }

  @Test("accepts values that meet the schema")
  func accepts() throws {
    let values = try HelmYAML.decode(
      #"{"a":3,"zz":1,"b":["x"],"c":"y","d":"ab","e":5,"f":{"g":true}}"#, file: "v")
    let map = try Self.map(values)
    let chart = try chart()
    #expect(throws: Never.self) { try SchemaValidation.validate(chart, values: map) }
  }

  /// The values as a map; a test whose values do not decode to one fails here.
  static func map(_ values: Value) throws -> [String: Value] {
    guard case .map(let map) = values else {
      Issue.record("values decoded to \(values), not a map")
      throw CancellationError()
    }
    return map
  }
}
