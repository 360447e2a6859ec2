import Testing

@testable import Engine

@Suite("diff")
struct DiffTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var desired: Attributes?
    var live: Attributes?
    var action: ChangeAction
    var fields: [String] = []
    var reason: String? = nil
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(label: "absent and unwanted", desired: nil, live: nil, action: .noop),
    Case(
      label: "new", desired: ["name": "a", "size": 2], live: nil, action: .create, fields: ["name", "size"]),
    Case(
      label: "gone from the stack file", desired: nil, live: ["name": "a"], action: .delete, fields: ["name"]),
    Case(
      label: "identical", desired: ["name": "a", "cidrs": ["1.2.3.4/32"]],
      live: ["name": "a", "cidrs": ["1.2.3.4/32"]], action: .noop),
    Case(
      label: "live-only attributes are ignored", desired: ["name": "a"], live: ["name": "a", "arn": "arn:x"],
      action: .noop),
    Case(
      label: "null equals absent", desired: ["name": "a", "note": .null], live: ["name": "a"], action: .noop),
    Case(
      label: "mutable field changed", desired: ["name": "a", "cidrs": ["1.2.3.4/32", "5.6.7.8/32"]],
      live: ["name": "a", "cidrs": ["1.2.3.4/32"]], action: .update, fields: ["cidrs"]),
    Case(
      label: "immutable field changed", desired: ["name": "b", "subnets": ["s1"]],
      live: ["name": "a", "subnets": ["s1"]],
      action: .replace, fields: ["name"], reason: "name cannot change in place"),
    Case(
      label: "two immutable fields", desired: ["name": "b", "subnets": ["s2"]],
      live: ["name": "a", "subnets": ["s1"]],
      action: .replace, fields: ["name", "subnets"], reason: "name, subnets cannot change in place"),
    Case(
      label: "unknown value is a change", desired: ["name": "a", "issuer": .unknown],
      live: ["name": "a", "issuer": "x"],
      action: .update, fields: ["issuer"]),
    Case(
      label: "sensitive compares by content", desired: ["name": "a", "token": .sensitive("s")],
      live: ["name": "a", "token": .sensitive("s")], action: .noop),
    Case(
      label: "nested map change", desired: ["tags": ["a": "1", "b": "2"]], live: ["tags": ["a": "1"]],
      action: .update, fields: ["tags"]),
  ]

  @Test("classifies the change", arguments: cases)
  func classify(_ example: Case) {
    let change = AttributeDiff.change(
      for: Address("t", "x"), desired: example.desired, live: example.live.map { LiveState(attributes: $0) },
      immutableFields: ["name", "subnets"], strategy: .deleteBeforeCreate)
    #expect(change.action == example.action)
    #expect(change.fieldChanges.map(\.path) == example.fields)
    #expect(change.reason == example.reason)
  }

  @Test("field changes carry before and after")
  func fieldValues() {
    let change = AttributeDiff.change(
      for: Address("t", "x"), desired: ["cidrs": ["a", "b"]], live: LiveState(attributes: ["cidrs": ["a"]]),
      immutableFields: [], strategy: .deleteBeforeCreate)
    #expect(change.fieldChanges == [FieldChange(path: "cidrs", before: ["a"], after: ["a", "b"])])
  }

  @Test("unknown never matches, even itself")
  func unknownMatches() {
    #expect(!AttributeValue.unknown.matches(.unknown))
    #expect(AttributeValue.map(["a": .null]).matches(.map([:])))
    #expect(!AttributeValue.list(["a"]).matches(.list(["a", "b"])))
  }
}

@Test("attribute values round-trip through JSON")
func jsonRoundTrip() throws {
  let value: AttributeValue = [
    "Version": "2012-10-17",
    "Statement": [["Effect": "Allow", "Action": ["s3:GetObject"], "Count": 3, "On": true]],
    "Nothing": .null,
  ]
  let text = try value.jsonText()
  #expect(
    text
      == #"{"Nothing":null,"Statement":[{"Action":["s3:GetObject"],"Count":3,"Effect":"Allow","On":true}],"Version":"2012-10-17"}"#
  )
  #expect(try AttributeValue.parseJSON(text) == value)
}
