/// The one place chart files (Chart.yaml, values.yaml, values.schema.json, index.yaml, -f
/// files) are decoded into template values, through the template library's decoder, which
/// reads YAML as Helm does (go-yaml v2 resolution through JSON: numbers are float64, map
/// keys strings). Errors are worded as Helm's loader words them.
enum HelmYAML {
  static func decode(_ text: String, file: String, emptyAsMap: Bool = false) throws(HelmError) -> Value {
    let value: Value
    do {
      value = try GoYAMLDecoder.decode(text)
    } catch {
      throw HelmError(
        .invalidChart, "cannot load \(file): \(error.message)", remedy: "fix the YAML syntax in \(file)")
    }
    if emptyAsMap, case .null = value { return .map([:]) }
    return value
  }
}

extension Value {
  /// The value at `key` when this is a map, else nil.
  subscript(key: String) -> Value? {
    if case .map(let map) = self { return map[key] }
    return nil
  }
}
