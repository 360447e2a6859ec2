import YAML

/// The one place chart files (Chart.yaml, values.yaml, values.schema.json, index.yaml) are
/// decoded into template values. Helm reads YAML through JSON (sigs.k8s.io/yaml), so numbers
/// are float64 and map keys strings.
enum HelmYAML {
  static func decode(_ text: String, file: String, emptyAsMap: Bool = false) throws(HelmError) -> Value {
    let documents: [YAMLNode]
    do {
      documents = try YAMLParser.parse(text, file: file)
    } catch {
      throw HelmError(
        .invalidChart, "cannot load \(file): \(error.message)", hint: error.hint, cause: "\(error)")
    }
    guard let document = documents.first else { return emptyAsMap ? .map([:]) : .null }
    let value = convert(document)
    if emptyAsMap, case .null = value { return .map([:]) }
    return value
  }

  static func convert(_ node: YAMLNode) -> Value {
    switch node.content {
    case .scalar:
      switch node.resolvedScalar ?? .null {
      case .null: return .null
      case .bool(let flag): return .bool(flag)
      case .int(let number): return .float(Double(number))
      case .float(let number): return .float(number)
      case .string(let text): return .string(text)
      }
    case .sequence(let items): return .list(items.map(convert))
    case .mapping(let pairs):
      var map: [String: Value] = [:]
      for pair in pairs { map[pair.key.scalar?.text ?? YAMLEmitter.emit(pair.key)] = convert(pair.value) }
      return .map(map)
    }
  }
}

extension Value {
  /// The value at `key` when this is a map, else nil.
  subscript(key: String) -> Value? {
    if case .map(let map) = self { return map[key] }
    return nil
  }
}
