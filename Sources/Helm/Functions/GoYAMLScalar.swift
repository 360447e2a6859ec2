/// How go-yaml v2 writes one string: plain, single-quoted, double-quoted or a literal block,
/// following its resolver (what would read back as another type gets quoted) and libyaml's
/// scalar analysis (indicators, leading/trailing spaces, special characters).
enum GoYAMLScalar {
  static func render(_ s: String, isKey: Bool, indent: Int) -> String {
    let canUsePlain = GoYAMLResolver.resolvesToString(s) && !GoYAMLResolver.isBase60Float(s)
    enum Style { case plain, single, double, literal }
    var style: Style = s.contains("\n") ? .literal : (canUsePlain ? .plain : .double)
    let a = Analysis(s)
    if style == .plain {
      if !a.blockPlainAllowed { style = .single }
      if s.isEmpty && isKey { style = .single }
    }
    if style == .single && !a.singleQuotedAllowed { style = .double }
    if style == .literal && (!a.blockAllowed || isKey) { style = .double }
    switch style {
    case .plain: return s
    case .single: return "'" + s.replacingOccurrences("'", with: "''") + "'"
    case .double: return doubleQuoted(s)
    case .literal: return literal(s, indent: indent + 2)
    }
  }

  static func isPrintable(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
      || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
  }

  static func isBreak(_ c: Unicode.Scalar) -> Bool {
    c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
  }

  /// libyaml's `yaml_emitter_analyze_scalar` for block context.
  struct Analysis {
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    init(_ s: String) {
      let c = Array(s.unicodeScalars)
      if c.isEmpty {
        blockAllowed = false
        return
      }
      var blockIndicators = false
      if c.count >= 3
        && ((c[0] == "-" && c[1] == "-" && c[2] == "-") || (c[0] == "." && c[1] == "." && c[2] == "."))
      {
        blockIndicators = true
      }
      var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
      var breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false
      var lineBreaks = false, special = false
      var precededByWhitespace = true
      for i in 0..<c.count {
        let ch = c[i]
        let followedByWhitespace =
          i + 1 >= c.count || c[i + 1] == " " || c[i + 1] == "\t" || isBreak(c[i + 1])
        if i == 0 {
          switch ch {
          case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
            blockIndicators = true
          case "?", ":":
            if followedByWhitespace { blockIndicators = true }
          case "-":
            if followedByWhitespace { blockIndicators = true }
          default: break
          }
        } else {
          switch ch {
          case ":":
            if followedByWhitespace { blockIndicators = true }
          case "#":
            if precededByWhitespace { blockIndicators = true }
          default: break
          }
        }
        if !isPrintable(ch) { special = true }
        if ch == " " {
          if i == 0 { leadingSpace = true }
          if i + 1 == c.count { trailingSpace = true }
          if previousBreak { breakSpace = true }
          previousSpace = true
          previousBreak = false
        } else if isBreak(ch) {
          lineBreaks = true
          if i == 0 { leadingBreak = true }
          if i + 1 == c.count { trailingBreak = true }
          if previousSpace { spaceBreak = true }
          previousSpace = false
          previousBreak = true
        } else {
          previousSpace = false
          previousBreak = false
        }
        precededByWhitespace = ch == " " || ch == "\t" || isBreak(ch) || ch == "\0"
      }
      if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
      if trailingSpace { blockAllowed = false }
      if breakSpace {
        blockPlainAllowed = false
        singleQuotedAllowed = false
      }
      if spaceBreak || special {
        blockPlainAllowed = false
        singleQuotedAllowed = false
        blockAllowed = false
      }
      if lineBreaks { blockPlainAllowed = false }
      if blockIndicators { blockPlainAllowed = false }
    }
  }

  static func doubleQuoted(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      if !isPrintable(ch) || ch == "\u{FEFF}" || isBreak(ch) || ch == "\"" || ch == "\\" {
        switch ch.value {
        case 0x00: out += "\\0"
        case 0x07: out += "\\a"
        case 0x08: out += "\\b"
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0B: out += "\\v"
        case 0x0C: out += "\\f"
        case 0x0D: out += "\\r"
        case 0x1B: out += "\\e"
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x85: out += "\\N"
        case 0xA0: out += "\\_"
        case 0x2028: out += "\\L"
        case 0x2029: out += "\\P"
        default:
          let v = ch.value
          if v <= 0xFF {
            out += "\\x" + GoQuote.hex(v, width: 2).uppercased()
          } else if v <= 0xFFFF {
            out += "\\u" + GoQuote.hex(v, width: 4).uppercased()
          } else {
            out += "\\U" + GoQuote.hex(v, width: 8).uppercased()
          }
        }
      } else {
        out.unicodeScalars.append(ch)
      }
    }
    out += "\""
    return out
  }

  /// `|`, `|-` or `|+` (with an indentation indicator when the text starts with a space or
  /// newline) and the lines indented by `indent`, without the final newline.
  static func literal(_ s: String, indent: Int) -> String {
    var header = "|"
    if let first = s.unicodeScalars.first, first == " " || isBreak(first) { header += "2" }
    let scalars = Array(s.unicodeScalars)
    if !isBreak(scalars[scalars.count - 1]) {
      header += "-"
    } else if scalars.count == 1 || isBreak(scalars[scalars.count - 2]) {
      header += "+"
    }
    var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
    if s.hasSuffix("\n") { lines.removeLast() }
    let pad = String(repeating: " ", count: indent)
    var out = header
    for line in lines {
      out += "\n"
      if !line.isEmpty { out += pad + line }
    }
    return out
  }
}
