import YAML

/// YAML input as Helm reads it (`sigs.k8s.io/yaml.Unmarshal`): go-yaml v2 resolution, then a
/// JSON round trip, so every number becomes a float64 and map keys become strings.
public enum GoYAMLDecoder {
  /// A YAML document that could not be read, worded as Helm reports it.
  public struct DecodeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The first document of `text` as a value (`.null` for an empty stream).
  public static func decode(_ text: String) throws(DecodeError) -> Value {
    let result = YAMLParser.parseCollectingErrors(text, file: "yaml")
    // go-yaml v2 tolerates duplicate keys; the YAML module keeps the first, which only
    // differs from Helm (last wins) for documents that are already ambiguous.
    if let fatal = result.errors.first(where: { $0.code != .duplicateKey }) {
      // go-yaml names the line only when the problem is past the first one.
      let line = fatal.mark.line > 1 ? "line \(fatal.mark.line): " : ""
      throw DecodeError(message: "error converting YAML to JSON: yaml: \(line)\(fatal.message)")
    }
    guard let document = result.documents.first else { return .null }
    return try convert(document)
  }

  static func convert(_ node: YAMLNode) throws(DecodeError) -> Value {
    switch node.content {
    case .scalar(let scalar):
      let plain = scalar.style == .plain && (node.tag == nil || node.tag == "!")
      if node.tag == "tag:yaml.org,2002:str" || (!plain && !isTypedTag(node.tag)) {
        return .string(scalar.text)
      }
      switch GoYAMLResolver.resolve(scalar.text) {
      case .null: return .null
      case .bool(let b): return .bool(b)
      case .int(let i): return .float(Double(i))
      case .uint(let u): return .float(Double(u))
      case .float(let d):
        guard d.isFinite else {
          throw DecodeError(
            message:
              "error converting YAML to JSON: json: unsupported value: \(GoFloat.format(d, verb: "g", precision: nil))"
          )
        }
        return .float(d)
      case .string, .timestamp, .merge: return .string(scalar.text)
      }
    case .sequence(let items):
      var out: [Value] = []
      out.reserveCapacity(items.count)
      for item in items { out.append(try convert(item)) }
      return .list(out)
    case .mapping(let pairs):
      var map: [String: Value] = [:]
      map.reserveCapacity(pairs.count)
      for pair in pairs { map[try key(pair.key)] = try convert(pair.value) }
      return .map(map)
    @unknown default:
      return .null
    }
  }

  private static func isTypedTag(_ tag: String?) -> Bool {
    guard let tag else { return false }
    return tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float"
      || tag == "tag:yaml.org,2002:bool"
      || tag == "tag:yaml.org,2002:null"
  }

  /// Non-string keys the way sigs.k8s.io/yaml turns them into JSON object keys.
  private static func key(_ node: YAMLNode) throws(DecodeError) -> String {
    switch try convert(node) {
    case .string(let s): return s
    case .bool(let b): return b ? "true" : "false"
    case .float(let d):
      if case .scalar(let scalar) = node.content, case .int(let i) = GoYAMLResolver.resolve(scalar.text) {
        return String(i)
      }
      return GoFloat.format(d, verb: "g", precision: nil)
    case .null: return "null"
    default:
      throw DecodeError(
        message: "error converting YAML to JSON: yaml: invalid map key: \(node.kindDescription)")
    }
  }
}

extension Value {
  /// Decodes a YAML document the way Helm decodes values.yaml, Chart.yaml and `fromYaml`
  /// input (go-yaml v2 rules through JSON: numbers are float64, `yes`/`on` are booleans,
  /// keys are strings). Returns `.null` for an empty document.
  public static func fromYAMLDocument(_ text: String) throws -> Value {
    try GoYAMLDecoder.decode(text)
  }

  /// The value as Helm's `toYaml` prints it (without the trailing newline).
  public var helmYAML: String {
    var text = GoYAMLEmitter.encode(self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
