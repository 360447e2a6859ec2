import Testing

@testable import Helm

/// One function case: template, JSON data, expected output (or `ERR: ` + Go message).
struct FunctionCase: CustomTestStringConvertible, Sendable {
  var template: String
  var data: String
  var expected: String
  var testDescription: String { template }
  init(_ template: String, _ data: String, _ expected: String) {
    self.template = template
    self.data = data
    self.expected = expected
  }
  init(_ template: String, _ expected: String) { self.init(template, "", expected) }
}

/// Deterministic options: a fixed clock (2024-03-05T06:07:08Z) and a seeded random source.
func fixedOptions() -> ExecutionOptions {
  var options = ExecutionOptions()
  options.clock = FixedTemplateClock(seconds: 1_709_618_828)
  options.random = SeededRandomSource(seed: 42)
  return options
}
