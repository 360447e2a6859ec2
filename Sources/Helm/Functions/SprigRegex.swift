/// Sprig's regular expression functions over `GoRegex` (RE2 syntax, leftmost-first).
enum SprigRegex {
  /// Compiles, wording failures as Sprig's panicking (`regexp.MustCompile`) or `must*`
  /// (`regexp.Compile`) variants report them.
  static func compile(_ pattern: String, must: Bool) throws -> GoRegex {
    do {
      return try GoRegex(pattern)
    } catch {
      if must { throw error }
      throw FunctionError("regexp: Compile(\(GoQuote.quote(pattern))): \(error.message)")
    }
  }

  static func string(_ text: [Unicode.Scalar], _ range: Range<Int>) -> String {
    String(String.UnicodeScalarView(text[range]))
  }

  static let all: [String: TemplateFunction] = {
    var table: [String: TemplateFunction] = [
      "regexQuoteMeta": TemplateFunction(arity: 1) { call in
        var out = ""
        for c in try call.string(0).unicodeScalars {
          if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out += "\\" }
          out.unicodeScalars.append(c)
        }
        return .string(out)
      }
    ]
    for must in [false, true] {
      func name(_ base: String) -> String {
        must ? "must" + base.prefix(1).uppercased() + base.dropFirst() : base
      }
      table[name("regexMatch")] = TemplateFunction(arity: 2) { call in
        let re = try compile(try call.string(0), must: must)
        return .bool(try re.match(Array(try call.string(1).unicodeScalars), from: 0) != nil)
      }
      table[name("regexFind")] = TemplateFunction(arity: 2) { call in
        let re = try compile(try call.string(0), must: must)
        let text = Array(try call.string(1).unicodeScalars)
        guard let m = try re.match(text, from: 0), let s = m[0], let e = m[1] else { return .string("") }
        return .string(string(text, s..<e))
      }
      table[name("regexFindAll")] = TemplateFunction(arity: 3) { call in
        let re = try compile(try call.string(0), must: must)
        let text = Array(try call.string(1).unicodeScalars)
        let limit = try call.int(2)
        let found: [Value] = try re.allMatches(text, limit: limit).compactMap { m in
          guard let s = m[0], let e = m[1] else { return nil }
          return .string(string(text, s..<e))
        }
        return .list(found)
      }
      table[name("regexReplaceAll")] = TemplateFunction(arity: 3) { call in
        let re = try compile(try call.string(0), must: must)
        let replacement = try call.string(2)
        return .string(
          try replaceAll(re, Array(try call.string(1).unicodeScalars)) { text, m in
            expand(replacement, re: re, text: text, match: m)
          })
      }
      table[name("regexReplaceAllLiteral")] = TemplateFunction(arity: 3) { call in
        let re = try compile(try call.string(0), must: must)
        let replacement = try call.string(2)
        return .string(try replaceAll(re, Array(try call.string(1).unicodeScalars)) { _, _ in replacement })
      }
      table[name("regexSplit")] = TemplateFunction(arity: 3) { call in
        let re = try compile(try call.string(0), must: must)
        let text = Array(try call.string(1).unicodeScalars)
        return .list(try split(re, text, limit: try call.int(2)).map(Value.string))
      }
    }
    return table
  }()

  /// Go's `ReplaceAllString` loop (an empty match right after a match is not replaced).
  static func replaceAll(
    _ re: GoRegex, _ text: [Unicode.Scalar], _ replacement: ([Unicode.Scalar], [Int?]) -> String
  ) throws(FunctionError) -> String {
    var out = ""
    var lastEnd = 0
    var search = 0
    while search <= text.count {
      guard let m = try re.match(text, from: search), let s = m[0], let e = m[1] else { break }
      out += string(text, lastEnd..<s)
      if e > lastEnd || s == 0 { out += replacement(text, m) }
      lastEnd = e
      search = search + 1 > e ? search + 1 : e
    }
    if lastEnd < text.count { out += string(text, lastEnd..<text.count) }
    return out
  }

  /// Go's `Regexp.Split`.
  static func split(_ re: GoRegex, _ text: [Unicode.Scalar], limit: Int) throws(FunctionError) -> [String] {
    if limit == 0 { return [] }
    if !re.pattern.isEmpty && text.isEmpty { return [""] }
    let matches = try re.allMatches(text, limit: limit)
    var parts: [String] = []
    var begin = 0
    var end = 0
    for m in matches {
      if limit > 0 && parts.count == limit - 1 { break }
      guard let s = m[0], let e = m[1] else { continue }
      end = s
      if e != 0 { parts.append(string(text, begin..<end)) }
      begin = e
    }
    if end != text.count { parts.append(string(text, begin..<text.count)) }
    return parts
  }

  /// Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`.
  static func expand(_ template: String, re: GoRegex, text: [Unicode.Scalar], match: [Int?]) -> String {
    let t = Array(template.unicodeScalars)
    var out = ""
    var i = 0
    func isNameChar(_ c: Unicode.Scalar) -> Bool {
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }
    while i < t.count {
      guard t[i] == "$", i + 1 < t.count else {
        out.unicodeScalars.append(t[i])
        i += 1
        continue
      }
      if t[i + 1] == "$" {
        out += "$"
        i += 2
        continue
      }
      var name = ""
      var j = i + 1
      if t[j] == "{" {
        j += 1
        while j < t.count && isNameChar(t[j]) {
          name.unicodeScalars.append(t[j])
          j += 1
        }
        guard j < t.count, t[j] == "}", !name.isEmpty else {
          out += "$"
          i += 1
          continue
        }
        j += 1
      } else {
        while j < t.count && isNameChar(t[j]) {
          name.unicodeScalars.append(t[j])
          j += 1
        }
        guard !name.isEmpty else {
          out += "$"
          i += 1
          continue
        }
      }
      i = j
      var group: Int? = nil
      if let number = Int(name) {
        group = number
      } else if let index = re.groupNames.firstIndex(where: { $0 == name }) {
        group = index
      }
      if let group, group <= re.groupCount, let s = match[group * 2], let e = match[group * 2 + 1] {
        out += string(text, s..<e)
      }
    }
    return out
  }
}
