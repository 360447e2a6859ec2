/// Sprig's string functions.
enum SprigStrings {
  static let all: [String: TemplateFunction] = [
    "trim": TemplateFunction(arity: 1) { .string(try $0.string(0).trimmingSpaces) },
    "trimAll": TemplateFunction(arity: 2) { call in .string(trim(try call.string(1), set: try call.string(0)))
    },
    "trimall": TemplateFunction(arity: 2) { call in .string(trim(try call.string(1), set: try call.string(0)))
    },
    "trimSuffix": TemplateFunction(arity: 2) { call in
      let (suffix, s) = (try call.string(0), try call.string(1))
      return .string(!suffix.isEmpty && s.hasSuffix(suffix) ? String(s.dropLast(suffix.count)) : s)
    },
    "trimPrefix": TemplateFunction(arity: 2) { call in
      let (prefix, s) = (try call.string(0), try call.string(1))
      return .string(!prefix.isEmpty && s.hasPrefix(prefix) ? String(s.dropFirst(prefix.count)) : s)
    },
    "upper": TemplateFunction(arity: 1) { .string(try $0.string(0).uppercased()) },
    "lower": TemplateFunction(arity: 1) { .string(try $0.string(0).lowercased()) },
    "title": TemplateFunction(arity: 1) { .string(title(try $0.string(0))) },
    "untitle": TemplateFunction(arity: 1) { .string(untitle(try $0.string(0))) },
    "repeat": TemplateFunction(arity: 2) { call in
      let count = try call.int(0)
      if count < 0 { throw FunctionError("strings: negative Repeat count") }
      return .string(String(repeating: try call.string(1), count: count))
    },
    "substr": TemplateFunction(arity: 3) { call in
      .string(substring(try call.string(2), start: try call.int(0), end: try call.int(1)))
    },
    "nospace": TemplateFunction(arity: 1) { call in
      .string(
        String(
          String.UnicodeScalarView(try call.string(0).unicodeScalars.filter { !$0.properties.isWhitespace })))
    },
    "trunc": TemplateFunction(arity: 2) { call in .string(truncate(try call.string(1), try call.int(0))) },
    "abbrev": TemplateFunction(arity: 2) { call in
      .string(abbreviate(try call.string(1), width: try call.int(0)))
    },
    "abbrevboth": TemplateFunction(arity: 3) { call in
      .string(abbreviateBoth(try call.string(2), offset: try call.int(0), width: try call.int(1)))
    },
    "initials": TemplateFunction(arity: 1) { call in
      .string(String(try call.string(0).split(whereSeparator: { $0.isWhitespace }).compactMap(\.first)))
    },
    "wrap": TemplateFunction(arity: 2) { call in
      .string(wrap(try call.string(1), width: try call.int(0), newline: "\n"))
    },
    "wrapWith": TemplateFunction(arity: 3) { call in
      .string(wrap(try call.string(2), width: try call.int(0), newline: try call.string(1)))
    },
    "contains": TemplateFunction(arity: 2) { call in
      let (needle, haystack) = (try call.string(0), try call.string(1))
      return .bool(needle.isEmpty || haystack.firstRange(of: needle) != nil)
    },
    "hasPrefix": TemplateFunction(arity: 2) { call in .bool(try call.string(1).hasPrefix(try call.string(0)))
    },
    "hasSuffix": TemplateFunction(arity: 2) { call in .bool(try call.string(1).hasSuffix(try call.string(0)))
    },
    "quote": TemplateFunction(variadic: 0) { call in
      .string(
        call.arguments.compactMap { arg in
          if case .null = arg { return nil }
          return GoQuote.quote(Sprig.string(arg))
        }.joined(separator: " "))
    },
    "squote": TemplateFunction(variadic: 0) { call in
      .string(
        call.arguments.compactMap { arg in
          if case .null = arg { return nil }
          return "'" + Sprig.string(arg) + "'"
        }.joined(separator: " "))
    },
    "cat": TemplateFunction(variadic: 0) { call in
      .string(
        call.arguments.compactMap { arg in
          if case .null = arg { return nil }
          return arg.goString
        }.joined(separator: " "))
    },
    "indent": TemplateFunction(arity: 2) { call in .string(indent(try call.string(1), by: try call.int(0))) },
    "nindent": TemplateFunction(arity: 2) { call in
      .string("\n" + indent(try call.string(1), by: try call.int(0)))
    },
    "replace": TemplateFunction(arity: 3) { call in
      .string(replaceAll(try call.string(2), try call.string(0), with: try call.string(1)))
    },
    "plural": TemplateFunction(arity: 3) { call in
      let (one, many, count) = (try call.string(0), try call.string(1), try call.int(2))
      return .string(count == 1 ? one : many)
    },
    "snakecase": TemplateFunction(arity: 1) { .string(CaseStyle.snake(try $0.string(0), separator: "_")) },
    "kebabcase": TemplateFunction(arity: 1) { .string(CaseStyle.snake(try $0.string(0), separator: "-")) },
    "camelcase": TemplateFunction(arity: 1) { .string(CaseStyle.camel(try $0.string(0))) },
    "swapcase": TemplateFunction(arity: 1) { .string(CaseStyle.swap(try $0.string(0))) },
    "toString": TemplateFunction(arity: 1) { .string(Sprig.string($0[0])) },
    "toStrings": TemplateFunction(arity: 1) { .list(Sprig.strings($0[0]).map(Value.string)) },
    "split": TemplateFunction(arity: 2) { call in
      let parts = splitGo(try call.string(1), separator: try call.string(0), limit: -1)
      return .map(
        Dictionary(uniqueKeysWithValues: parts.enumerated().map { ("_\($0.offset)", .string($0.element)) }))
    },
    "splitn": TemplateFunction(arity: 3) { call in
      let parts = splitGo(try call.string(2), separator: try call.string(0), limit: try call.int(1))
      return .map(
        Dictionary(uniqueKeysWithValues: parts.enumerated().map { ("_\($0.offset)", .string($0.element)) }))
    },
    "splitList": TemplateFunction(arity: 2) { call in
      .list(splitGo(try call.string(1), separator: try call.string(0), limit: -1).map(Value.string))
    },
    "join": TemplateFunction(arity: 2) { call in
      .string(Sprig.strings(call[1]).joined(separator: try call.string(0)))
    },
    "sortAlpha": TemplateFunction(arity: 1) { call in
      .list(
        Sprig.strings(call[0]).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map(
          Value.string))
    },
  ]

  /// `strings.Trim(s, cutset)`.
  static func trim(_ s: String, set: String) -> String {
    let cut = Set(set.unicodeScalars)
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !cut.contains($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !cut.contains($0) })!
    return String(scalars[first...last])
  }

  /// `strings.Title`: upper-cases the first letter of each word.
  static func title(_ s: String) -> String {
    var out = ""
    var previousIsSeparator = true
    for scalar in s.unicodeScalars {
      if previousIsSeparator {
        out += String(scalar).uppercased()
      } else {
        out.unicodeScalars.append(scalar)
      }
      previousIsSeparator = isSeparator(scalar)
    }
    return out
  }

  static func untitle(_ s: String) -> String {
    var out = ""
    var previousIsSpace = true
    for scalar in s.unicodeScalars {
      if previousIsSpace && !scalar.properties.isWhitespace {
        out += String(scalar).lowercased()
      } else {
        out.unicodeScalars.append(scalar)
      }
      previousIsSpace = scalar.properties.isWhitespace
    }
    return out
  }

  /// Go's `isSeparator` from `strings.Title`.
  static func isSeparator(_ r: Unicode.Scalar) -> Bool {
    if r.value <= 0x7F {
      switch r {
      case "0"..."9", "a"..."z", "A"..."Z", "_": return false
      default: return true
      }
    }
    if r.properties.isAlphabetic || r.properties.numericType != nil { return false }
    return r.properties.isWhitespace
  }

  /// Sprig's `substr` over bytes: negative start means 0, negative or too large end means len.
  static func substring(_ s: String, start: Int, end: Int) -> String {
    let bytes = Array(s.utf8)
    if start < 0 { return String(decoding: bytes[..<min(max(end, 0), bytes.count)], as: UTF8.self) }
    if end < 0 || end > bytes.count {
      return String(decoding: bytes[min(start, bytes.count)...], as: UTF8.self)
    }
    guard start <= end else { return "" }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Sprig's `trunc` (bytes): positive keeps the head, negative keeps the tail.
  static func truncate(_ s: String, _ c: Int) -> String {
    let bytes = Array(s.utf8)
    if c < 0 && bytes.count + c > 0 { return String(decoding: bytes[(bytes.count + c)...], as: UTF8.self) }
    if c >= 0 && bytes.count > c { return String(decoding: bytes[..<c], as: UTF8.self) }
    return s
  }

  static func abbreviate(_ s: String, width: Int) -> String {
    abbreviateBoth(s, offset: 0, width: width)
  }

  /// goutils `AbbreviateFull` as Sprig uses it.
  static func abbreviateBoth(_ s: String, offset: Int, width: Int) -> String {
    let chars = Array(s)
    let marker = "..."
    guard width >= 4 else { return s }
    if chars.count <= width { return s }
    var offset = min(offset, chars.count)
    if chars.count - offset < width - 3 { offset = chars.count - (width - 3) }
    if offset <= 4 { return String(chars[0..<(width - 3)]) + marker }
    guard width >= 7 else { return s }
    if offset + width - 3 < chars.count {
      return marker + abbreviateBoth(String(chars[offset...]), offset: 0, width: width - 3)
    }
    return marker + String(chars[(chars.count - (width - 3))...])
  }

  /// goutils `Wrap`: breaks on spaces so lines are at most `width` long; long words stay whole.
  static func wrap(_ s: String, width: Int, newline: String) -> String {
    let width = max(width, 1)
    var lines: [String] = []
    for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
        if line.isEmpty {
          line = String(word)
        } else if line.count + 1 + word.count <= width {
          line += " " + word
        } else {
          lines.append(line)
          line = String(word)
        }
      }
      lines.append(line)
    }
    return lines.joined(separator: newline)
  }

  static func indent(_ s: String, by spaces: Int) -> String {
    let pad = String(repeating: " ", count: max(0, spaces))
    return pad + replaceAll(s, "\n", with: "\n" + pad)
  }

  /// `strings.Replace(s, old, new, -1)`, including Go's behaviour for an empty `old`.
  static func replaceAll(_ s: String, _ old: String, with new: String) -> String {
    if old.isEmpty {
      var out = new
      for ch in s {
        out.append(ch)
        out += new
      }
      return out
    }
    return s.replacingOccurrences(old, with: new)
  }

  /// `strings.SplitN` (limit -1 for all); an empty separator splits into characters.
  static func splitGo(_ s: String, separator: String, limit: Int) -> [String] {
    if limit == 0 { return [] }
    if separator.isEmpty {
      var parts = s.map(String.init)
      if limit > 0 && parts.count > limit {
        parts = Array(parts[..<(limit - 1)]) + [parts[(limit - 1)...].joined()]
      }
      return parts
    }
    return s.components(separatedBy: separator, maxSplits: limit < 0 ? Int.max : limit - 1)
  }
}
