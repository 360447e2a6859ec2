/// Writes node trees as block-style YAML with keys in the order they are held.
///
/// Sequences inside mappings are not indented (`key:\n- item`), as kubectl and go-yaml
/// print them. Strings that would read back as another type (`"1.30"`, `"true"`, `"null"`,
/// `"yes"`) or that contain YAML syntax are quoted; multi-line strings become literal blocks.
/// Plain-style scalars (numbers, booleans built with `.int`, `.bool`...) are written as is.
public enum YAMLEmitter {
  /// One document, ending with a newline.
  public static func emit(_ node: YAMLNode) -> String {
    var output = ""
    switch node.content {
    case .scalar:
      output += scalarText(node, indent: 0)
    case .sequence(let items) where items.isEmpty:
      output += "[]"
    case .mapping(let pairs) where pairs.isEmpty:
      output += "{}"
    case .sequence(let items):
      writeSequence(items, indent: 0, inline: false, into: &output)
      return output
    case .mapping(let pairs):
      writeMapping(pairs, indent: 0, inline: false, into: &output)
      return output
    }
    return output + "\n"
  }

  /// Several documents separated by `---`.
  public static func emit(documents: [YAMLNode]) -> String {
    documents.map(emit).joined(separator: "---\n")
  }

  private static func writeMapping(_ pairs: [YAMLPair], indent: Int, inline: Bool, into output: inout String)
  {
    for (index, pair) in pairs.enumerated() {
      if !(inline && index == 0) { output += String(repeating: " ", count: indent) }
      output += keyText(pair.key)
      output += ":"
      switch pair.value.content {
      case .scalar:
        output += " " + scalarText(pair.value, indent: indent + 2) + "\n"
      case .mapping(let inner) where inner.isEmpty:
        output += " {}\n"
      case .sequence(let inner) where inner.isEmpty:
        output += " []\n"
      case .mapping(let inner):
        output += "\n"
        writeMapping(inner, indent: indent + 2, inline: false, into: &output)
      case .sequence(let inner):
        output += "\n"
        writeSequence(inner, indent: indent, inline: false, into: &output)
      }
    }
  }

  private static func writeSequence(_ items: [YAMLNode], indent: Int, inline: Bool, into output: inout String)
  {
    for (index, item) in items.enumerated() {
      if !(inline && index == 0) { output += String(repeating: " ", count: indent) }
      output += "- "
      switch item.content {
      case .scalar:
        output += scalarText(item, indent: indent + 2) + "\n"
      case .mapping(let inner) where inner.isEmpty:
        output += "{}\n"
      case .sequence(let inner) where inner.isEmpty:
        output += "[]\n"
      case .mapping(let inner):
        writeMapping(inner, indent: indent + 2, inline: true, into: &output)
      case .sequence(let inner):
        writeSequence(inner, indent: indent + 2, inline: true, into: &output)
      }
    }
  }

  private static func keyText(_ key: YAMLNode) -> String {
    guard let scalar = key.scalar else { return doubleQuoted(YAMLJSONWriter.string(key)) }
    if scalar.style == .plain, isPlainSafe(scalar.text) { return scalar.text }
    if isPlainSafe(scalar.text), !YAMLScalarResolver.needsQuotingAsString(scalar.text) { return scalar.text }
    return quoted(scalar.text)
  }

  /// The text of a scalar value; block scalars continue on lines indented by `indent`.
  static func scalarText(_ node: YAMLNode, indent: Int) -> String {
    guard let scalar = node.scalar else { return "" }
    let text = scalar.text
    if scalar.style == .plain, node.tag == nil {
      if case .string = node.resolvedScalar {
        if isPlainSafe(text), !YAMLScalarResolver.needsQuotingAsString(text) { return text }
        return quoted(text)
      }
      return text.isEmpty ? "null" : text
    }
    if isPlainSafe(text), !YAMLScalarResolver.needsQuotingAsString(text) { return text }
    if text.contains("\n"), let block = literalBlock(text, indent: indent) { return block }
    return quoted(text)
  }

  private static func literalBlock(_ text: String, indent: Int) -> String? {
    guard let first = text.unicodeScalars.first, first != " ", first != "\t", first != "\n" else {
      return nil
    }
    guard text.unicodeScalars.allSatisfy({ $0 == "\n" || !isControl($0) }) else { return nil }
    var body = Substring(text)
    let header: String
    if text.hasSuffix("\n\n") {
      header = "|+"
      body = body.dropLast()
    } else if text.hasSuffix("\n") {
      header = "|"
      body = body.dropLast()
    } else {
      header = "|-"
    }
    let padding = String(repeating: " ", count: indent)
    var result = header
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      result += "\n"
      if !line.isEmpty { result += padding + line }
    }
    return result
  }

  /// Single quotes when nothing needs escaping, double quotes with escapes otherwise.
  private static func quoted(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy({ !isControl($0) && $0 != "\n" }) {
      return "'" + text.replacingOccurrences("'", with: "''") + "'"
    }
    return doubleQuoted(text)
  }

  private static func doubleQuoted(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\t": output += "\\t"
      case "\r": output += "\\r"
      case _ where isControl(scalar):
        let hex = String(scalar.value, radix: 16)
        output += "\\x" + (hex.count < 2 ? "0" : "") + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF
      || (scalar.value >= 0x80 && scalar.value < 0xA0)
  }

  /// True when the text can be written without quotes and reads back as the same text.
  static func isPlainSafe(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first, let last = scalars.last else { return false }
    if first == " " || last == " " || last == ":" { return false }
    if text.hasPrefix("---") || text.hasPrefix("...") { return false }
    switch first {
    case "-", "?", ":":
      if scalars.count == 1 || scalars[1] == " " { return false }
    case ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
      return false
    default: break
    }
    var previous: Unicode.Scalar = " "
    for scalar in scalars {
      if isControl(scalar) || scalar == "\n" || scalar == "\t" { return false }
      if scalar == " " && previous == ":" { return false }
      if scalar == "#" && previous == " " { return false }
      previous = scalar
    }
    return true
  }
}

extension String {
  /// `replacingOccurrences` without Foundation.
  fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
