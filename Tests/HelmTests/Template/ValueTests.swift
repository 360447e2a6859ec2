import Testing

@testable import Helm

@Test("values hold Go's kinds: numbers from charts are float64, from functions int64")
func valueKinds() {
  let values: [Value] = [.float(2), .int(2), .string("2"), .null]
  var kinds: [String] = []
  for value in values {
    switch value {
    case .float: kinds.append("float64")
    case .int: kinds.append("int64")
    case .string: kinds.append("string")
    case .null: kinds.append("nil")
    default: kinds.append("other")
    }
  }
  #expect(kinds == ["float64", "int64", "string", "nil"])
}
