/// Word-case conversions behind Sprig's `snakecase`, `kebabcase`, `camelcase`, `swapcase`
/// (huandu/xstrings and goutils).
enum CaseStyle {
  private enum Kind { case lower, upper, digit, other }

  private static func kind(_ c: Character) -> Kind {
    if c.isLowercase { return .lower }
    if c.isUppercase { return .upper }
    if c.isNumber { return .digit }
    if c.isLetter { return .lower }
    return .other
  }

  /// Splits into words at separators, lower→upper changes, the end of an acronym
  /// (`HTTPServer` → `HTTP Server`) and letter/digit boundaries after a lower-case run.
  static func words(_ s: String) -> [String] {
    let chars = Array(s)
    var words: [String] = []
    var current = ""
    for (i, c) in chars.enumerated() {
      let k = kind(c)
      if k == .other {
        if !current.isEmpty { words.append(current) }
        current = ""
        continue
      }
      if let last = current.last {
        let lk = kind(last)
        let next = i + 1 < chars.count ? kind(chars[i + 1]) : .other
        let boundary =
          (lk == .lower && k == .upper) || (lk == .upper && k == .upper && next == .lower)
          || (lk == .digit && k == .upper)
        if boundary {
          words.append(current)
          current = ""
        }
      }
      current.append(c)
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  static func snake(_ s: String, separator: String) -> String {
    words(s).map { $0.lowercased() }.joined(separator: separator)
  }

  /// `ToCamelCase`: `_`-separated parts with their first letter upper-cased.
  static func camel(_ s: String) -> String {
    var out = ""
    var upperNext = true
    for c in s {
      if c == "_" || c == " " || c == "-" {
        if upperNext && (out.isEmpty || out.last == "_") { out.append("_") }
        upperNext = true
        continue
      }
      if upperNext {
        out += c.uppercased()
        upperNext = false
      } else {
        out.append(c)
      }
    }
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
