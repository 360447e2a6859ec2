import Testing

@testable import Helm

/// Decodes JSON test data the way Helm sees values: every number is a float64. Data that
/// is not JSON fails the case that uses it (an issue recorded), not the whole run.
func value(json: String) -> Value {
  guard !json.isEmpty else { return .null }
  do {
    return try JSONCodec.decode(json)
  } catch {
    Issue.record("test data is not JSON (\(error)): \(json.prefix(200))")
    return .null
  }
}

/// Parses `text` as template "t" (plus optional extra files) and executes it.
func render(
  _ text: String, _ data: String = "", files: [String: String] = [:], options: ExecutionOptions = .init()
) -> Result<String, TemplateError> {
  var set = TemplateSet()
  do {
    for (name, body) in files.sorted(by: { $0.key < $1.key }) { try set.parse(name: name, text: body) }
    try set.parse(name: "t", text: text)
    return .success(try set.execute(name: "t", data: value(json: data), options: options))
  } catch {
    // Every call above throws TemplateError (typed throws), so this is the only outcome.
    return .failure(error)
  }
}

/// The output, or `ERR: <go message>` for a failure.
func outcome(_ text: String, _ data: String = "", options: ExecutionOptions = .init()) -> String {
  switch render(text, data, options: options) {
  case .success(let output): return output
  case .failure(let error): return "ERR: " + error.goMessage
  }
}
