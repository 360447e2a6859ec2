/// Writes a node tree as JSON: plain scalars typed by the core schema, everything else a
/// string, mapping keys as strings.
public enum YAMLJSONWriter {
  /// The JSON text of a node; `pretty` indents with two spaces and ends with a newline.
  public static func string(_ node: YAMLNode, pretty: Bool = false) -> String {
    var output = ""
    write(node, into: &output, indent: pretty ? 0 : nil)
    if pretty { output += "\n" }
    return output
  }

  private static func write(_ node: YAMLNode, into output: inout String, indent: Int?) {
    switch node.content {
    case .scalar(let scalar):
      switch node.resolvedScalar {
      case .null: output += "null"
      case .bool(let value): output += value ? "true" : "false"
      case .int(let value): output += String(value)
      case .float(let value) where value.isFinite: output += String(value)
      default: writeString(scalar.text, into: &output)
      }
    case .sequence(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += "," }
        newline(into: &output, indent: indent.map { $0 + 2 })
        write(item, into: &output, indent: indent.map { $0 + 2 })
      }
      newline(into: &output, indent: indent)
      output += "]"
    case .mapping(let pairs):
      guard !pairs.isEmpty else {
        output += "{}"
        return
      }
      output += "{"
      for (index, pair) in pairs.enumerated() {
        if index > 0 { output += "," }
        newline(into: &output, indent: indent.map { $0 + 2 })
        writeString(pair.key.scalar?.text ?? string(pair.key), into: &output)
        output += indent == nil ? ":" : ": "
        write(pair.value, into: &output, indent: indent.map { $0 + 2 })
      }
      newline(into: &output, indent: indent)
      output += "}"
    }
  }

  private static func newline(into output: inout String, indent: Int?) {
    guard let indent else { return }
    output += "\n"
    output += String(repeating: " ", count: indent)
  }

  /// A JSON string literal with the escapes RFC 8259 requires.
  public static func writeString(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
