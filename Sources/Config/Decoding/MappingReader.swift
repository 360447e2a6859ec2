import YAML

/// Reads one mapping of the stack file: typed values by key, unknown keys reported with a
/// suggestion, every value's position recorded in the source map. Problems are collected,
/// never thrown, so one run reports all of them; a bad value reads as nil (the default).
struct MappingReader {
  let context: DecodeContext
  let node: YAMLNode
  /// Path of this mapping (`jobs[0].driver`), "" for the document root.
  let path: String
  /// How messages name this mapping (`job "pi"`, `cluster`).
  let name: String
  private let values: [String: YAMLPair]

  /// A reader for `node`, or nil when it is absent, null, or not a mapping (reported).
  /// Keys not in `keys` are reported as unknown.
  static func open(
    _ node: YAMLNode?, path: String, name: String, keys: [String], context: DecodeContext
  ) -> MappingReader? {
    guard let node, !node.isNull else { return nil }
    guard let pairs = node.mapping else {
      context.error(
        .wrongType, "\(name) must be a mapping, not \(node.kindDescription)", at: node.mark,
        hint:
          "write its keys indented below it: \(keys.prefix(3).map { "\($0): ..." }.joined(separator: ", "))")
      return nil
    }
    var values: [String: YAMLPair] = [:]
    for pair in pairs {
      guard let key = pair.key.scalar?.text else {
        context.error(.wrongType, "keys in \(name) must be strings", at: pair.key.mark)
        continue
      }
      // `x-` keys at the top level hold YAML anchors for reuse (as in Compose files).
      if path.isEmpty, key.hasPrefix("x-") { continue }
      guard keys.contains(key) else {
        var message = "unknown key \"\(key)\" in \(name)"
        var hint = "the keys of \(name) are: " + keys.joined(separator: ", ")
        if let suggestion = EditDistance.suggestion(for: key, among: keys) {
          message += "; did you mean \"\(suggestion)\"?"
          hint = "rename it to \"\(suggestion)\""
        }
        context.error(.unknownKey, message, at: pair.key.mark, hint: hint)
        continue
      }
      values[key] = pair
    }
    context.sourceMap.record(path, node.mark)
    return MappingReader(context: context, node: node, path: path, name: name, values: values)
  }

  private init(context: DecodeContext, node: YAMLNode, path: String, name: String, values: [String: YAMLPair])
  {
    self.context = context
    self.node = node
    self.path = path
    self.name = name
    self.values = values
  }

  func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The value node for `key` (nil when absent or null), its position recorded.
  func value(_ key: String) -> YAMLNode? {
    guard let pair = values[key], !pair.value.isNull else { return nil }
    context.sourceMap.record(childPath(key), pair.value.mark)
    return pair.value
  }

  /// The position of `key` itself (for "missing" and conflict messages).
  func keyMark(_ key: String) -> Mark? { values[key]?.key.mark }

  func has(_ key: String) -> Bool { value(key) != nil }

  /// A string; any scalar is accepted as its source text (`1.30` is "1.30").
  func string(_ key: String) -> String? {
    guard let node = value(key) else { return nil }
    return scalarText(node, key: key)
  }

  /// A string that must be present; reports a missing value at the mapping.
  func requiredString(_ key: String, example: String) -> String? {
    if let value = string(key) { return value }
    if values[key] == nil || values[key]?.value.isNull == true {
      context.error(
        .missingValue, "missing required key \"\(key)\" in \(name)", at: values[key]?.key.mark ?? node.mark,
        hint: "add \(key): \(example)")
    }
    return nil
  }

  func scalarText(_ node: YAMLNode, key: String) -> String? {
    guard node.scalar != nil else {
      context.error(
        .wrongType, "\"\(key)\" in \(name) must be a string, not \(node.kindDescription)", at: node.mark,
        hint: "write a single value on the same line as the key")
      return nil
    }
    return context.resolvedText(node)
  }

  /// Decimal digits with an optional sign: an integer as written, whatever its size.
  static func isIntegerLiteral(_ text: String) -> Bool {
    let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// An integer written plain (`3`), within `range`.
  func int(_ key: String, in range: ClosedRange<Int>? = nil) -> Int? {
    guard let node = value(key) else { return nil }
    let example = range.map { $0.contains(1) ? 1 : $0.lowerBound } ?? 1
    guard case .int(let number) = node.resolvedScalar else {
      if let text = node.scalar?.text, node.scalar?.style == .plain, Self.isIntegerLiteral(text) {
        // Written as an integer, but too large for one (the core schema then reads a float).
        let bounds = range.map { "outside \($0.lowerBound)...\($0.upperBound)" } ?? "too large"
        context.error(
          .invalidValue, "\"\(key)\" in \(name) is \(text), \(bounds)", at: node.mark,
          hint: range.map { "use a value from \($0.lowerBound) to \($0.upperBound)" }
            ?? "use a value below \(Int.max)")
        return nil
      }
      let quoted = node.scalar.map { $0.style != .plain } ?? false
      context.error(
        .wrongType, "\"\(key)\" in \(name) must be an integer, not \(node.kindDescription)", at: node.mark,
        hint: quoted
          ? "remove the quotes" : "write a whole number, for example \(key): \(example)")
      return nil
    }
    if let range, !range.contains(number) {
      context.error(
        .invalidValue,
        "\"\(key)\" in \(name) is \(number), outside \(range.lowerBound)...\(range.upperBound)",
        at: node.mark, hint: "use a value from \(range.lowerBound) to \(range.upperBound)")
      return nil
    }
    return number
  }

  /// `true` or `false`.
  func bool(_ key: String) -> Bool? {
    guard let node = value(key) else { return nil }
    guard case .bool(let flag) = node.resolvedScalar else {
      context.error(
        .wrongType, "\"\(key)\" in \(name) must be true or false, not \(node.kindDescription)", at: node.mark,
        hint: ["yes", "no", "on", "off"].contains(node.scalar?.text.lowercased() ?? "")
          ? "YAML 1.2 reads \(node.scalar?.text ?? "") as a string; write \(key): true or \(key): false"
          : "write \(key): true or \(key): false")
      return nil
    }
    return flag
  }

  /// One of a fixed set of words, with a suggestion for near misses.
  func choice(_ key: String, of choices: [String]) -> String? {
    guard let text = string(key), let node = value(key) else { return nil }
    guard choices.contains(text) else {
      var message = "\"\(key)\" in \(name) is \"\(text)\", not one of \(choices.joined(separator: ", "))"
      if let suggestion = EditDistance.suggestion(for: text, among: choices) {
        message += "; did you mean \"\(suggestion)\"?"
      }
      context.error(
        .invalidValue, message, at: node.mark, hint: "use one of: \(choices.joined(separator: ", "))")
      return nil
    }
    return text
  }

  /// A sequence of strings; a single string is accepted as a list of one.
  func stringList(_ key: String) -> [String]? {
    guard let node = value(key) else { return nil }
    if node.scalar != nil { return scalarText(node, key: key).map { [$0] } }
    guard let items = node.sequence else {
      context.error(
        .wrongType, "\"\(key)\" in \(name) must be a list, not \(node.kindDescription)", at: node.mark,
        hint: "write one \"- value\" per line below the key")
      return nil
    }
    var result: [String] = []
    for (index, item) in items.enumerated() {
      context.sourceMap.record("\(childPath(key))[\(index)]", item.mark)
      if let text = scalarText(item, key: "\(key)[\(index)]") { result.append(text) }
    }
    return result
  }

  /// A mapping of strings to strings (labels, sparkConf), in file order.
  func stringMap(_ key: String) -> [KeyValue]? {
    guard let node = value(key) else { return nil }
    guard let pairs = node.mapping else {
      context.error(
        .wrongType, "\"\(key)\" in \(name) must be a mapping, not \(node.kindDescription)", at: node.mark,
        hint: "write \"name: value\" pairs indented below the key")
      return nil
    }
    var result: [KeyValue] = []
    for pair in pairs {
      guard let entryKey = pair.key.scalar?.text else { continue }
      context.sourceMap.record("\(childPath(key)).\(entryKey)", pair.value.mark)
      context.sourceMap.recordKey("\(childPath(key)).\(entryKey)", pair.key.mark)
      if pair.value.isNull {
        result.append(KeyValue(entryKey, ""))
      } else if let text = scalarText(pair.value, key: "\(key).\(entryKey)") {
        result.append(KeyValue(entryKey, text))
      }
    }
    return result
  }

  /// A nested mapping's reader.
  func mapping(_ key: String, name: String? = nil, keys: [String]) -> MappingReader? {
    MappingReader.open(value(key), path: childPath(key), name: name ?? key, keys: keys, context: context)
  }

  /// The items of a sequence, each with its path (`jobs[2]`).
  func list(_ key: String) -> [(node: YAMLNode, path: String)]? {
    guard let node = value(key) else { return nil }
    guard let items = node.sequence else {
      context.error(
        .wrongType, "\"\(key)\" in \(name) must be a list, not \(node.kindDescription)", at: node.mark,
        hint: "write one \"- name: ...\" entry per item below the key")
      return nil
    }
    return items.enumerated().map { (node: $1, path: "\(childPath(key))[\($0)]") }
  }
}
