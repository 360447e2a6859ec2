/// Word-case conversions behind Sprig's `snakecase`, `kebabcase`, `camelcase`, `swapcase`
/// (huandu/xstrings and goutils), checked against Helm's output.
enum CaseStyle {
  private enum Kind { case lower, upper, digit, connector }

  private static func kind(_ c: Character) -> Kind {
    if isConnector(c) { return .connector }
    if c.isUppercase { return .upper }
    if c.isNumber { return .digit }
    return .lower
  }

  static func isConnector(_ c: Character) -> Bool { c == "_" || c == "-" || c.isWhitespace }

  /// Splits at connectors, lower→upper, the end of an acronym (`HTTPServer` → `HTTP Server`),
  /// lower→digit and digit→upper; a word that starts with a digit keeps following
  /// lower-case letters and digits (`a1b2` → `a`, `1b2`). Leading and trailing connector
  /// runs are counted, not dropped.
  static func words(_ s: String) -> (leading: Int, words: [String], trailing: Int) {
    let chars = Array(s)
    var start = 0
    while start < chars.count && isConnector(chars[start]) { start += 1 }
    var end = chars.count
    while end > start && isConnector(chars[end - 1]) { end -= 1 }
    var words: [String] = []
    var current = ""
    var currentStartsWithDigit = false
    for i in start..<end {
      let c = chars[i]
      let k = kind(c)
      if k == .connector {
        if !current.isEmpty { words.append(current) }
        current = ""
        continue
      }
      if let last = current.last {
        let lk = kind(last)
        let next = i + 1 < end ? kind(chars[i + 1]) : .connector
        let boundary =
          (lk == .lower && k == .upper) || (lk == .upper && k == .upper && next == .lower)
          || (lk == .digit && k == .upper) || (lk == .lower && k == .digit && !currentStartsWithDigit)
        if boundary {
          words.append(current)
          current = ""
        }
      }
      if current.isEmpty { currentStartsWithDigit = k == .digit }
      current.append(c)
    }
    if !current.isEmpty { words.append(current) }
    return (start, words, chars.count - end)
  }

  static func snake(_ s: String, separator: String) -> String {
    let (leading, parts, trailing) = words(s)
    if parts.isEmpty { return String(repeating: separator, count: leading) }
    return String(repeating: separator, count: leading)
      + parts.map { $0.lowercased() }.joined(separator: separator)
      + String(repeating: separator, count: trailing)
  }

  /// `ToCamelCase`: connectors dropped and the next letter upper-cased; an upper-case letter
  /// right after another one is lowered (`HTTPServer` → `Httpserver`); leading and trailing
  /// connectors stay.
  static func camel(_ s: String) -> String {
    let chars = Array(s)
    var out = ""
    var i = 0
    while i < chars.count && isConnector(chars[i]) {
      out.append(chars[i])
      i += 1
    }
    var end = chars.count
    while end > i && isConnector(chars[end - 1]) { end -= 1 }
    var upperNext = true
    var previous: Character? = nil
    var j = i
    while j < end {
      let c = chars[j]
      if isConnector(c) {
        if let p = previous, isConnector(p) { out.append(c) }
        upperNext = true
      } else if upperNext {
        out += c.uppercased()
        upperNext = false
      } else if c.isUppercase, let p = previous, p.isUppercase {
        out += c.lowercased()
      } else {
        out.append(c)
      }
      previous = c
      j += 1
    }
    out += String(chars[end...])
    return out
  }

  /// goutils `SwapCase`.
  static func swap(_ s: String) -> String {
    var out = ""
    for c in s {
      if c.isUppercase {
        out += c.lowercased()
      } else if c.isLowercase {
        out += c.uppercased()
      } else {
        out.append(c)
      }
    }
    return out
  }
}
