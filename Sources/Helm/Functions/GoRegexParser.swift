/// Parses RE2 syntax into `GoRegex.Node`s, reporting errors in Go's words.
struct GoRegexParser {
  let chars: [Unicode.Scalar]
  var i = 0
  private(set) var groupCount = 0
  private(set) var groupNames: [String?] = [nil]
  var foldCase = false
  var multiLine = false
  var dotAll = false
  var ungreedy = false

  init(_ pattern: String) { chars = Array(pattern.unicodeScalars) }

  func error(_ code: String, _ fragment: String) -> FunctionError {
    FunctionError("error parsing regexp: \(code): `\(fragment)`")
  }

  mutating func parse() throws(FunctionError) -> GoRegex.Node {
    let node = try parseAlternation()
    if i < chars.count { throw error("unexpected )", String(String.UnicodeScalarView(chars))) }
    return node
  }

  mutating func parseAlternation() throws(FunctionError) -> GoRegex.Node {
    var options = [try parseConcat()]
    while i < chars.count && chars[i] == "|" {
      i += 1
      options.append(try parseConcat())
    }
    return options.count == 1 ? options[0] : .alt(options)
  }

  mutating func parseConcat() throws(FunctionError) -> GoRegex.Node {
    var items: [GoRegex.Node] = []
    while i < chars.count && chars[i] != "|" && chars[i] != ")" {
      let start = i
      guard var atom = try parseAtom() else { continue }
      atom = try parseQuantifiers(atom, start: start)
      items.append(atom)
    }
    if items.isEmpty { return .empty }
    return items.count == 1 ? items[0] : .concat(items)
  }

  mutating func parseQuantifiers(_ atom: GoRegex.Node, start: Int) throws(FunctionError)
    -> GoRegex.Node
  {
    var node = atom
    var quantified = false
    while i < chars.count {
      var min = 0
      var max: Int? = nil
      let opStart = i
      switch chars[i] {
      case "*": i += 1
      case "+":
        min = 1
        i += 1
      case "?":
        max = 1
        i += 1
      case "{":
        guard let (lo, hi, end) = parseBraces(at: i) else { return node }
        min = lo
        max = hi
        i = end
        if lo > 1000 || (hi ?? 0) > 1000 {
          throw error("invalid repeat count", String(String.UnicodeScalarView(chars[opStart..<i])))
        }
      default:
        return node
      }
      if quantified {
        throw error("invalid nested repetition operator", String(String.UnicodeScalarView(chars[start..<i])))
      }
      var greedy = true
      if i < chars.count && chars[i] == "?" {
        greedy = false
        i += 1
      }
      if ungreedy { greedy.toggle() }
      node = .repeatNode(node, min: min, max: max, greedy: greedy)
      quantified = true
    }
    return node
  }

  func parseBraces(at start: Int) -> (Int, Int?, Int)? {
    var j = start + 1
    func number() -> Int? {
      let s = j
      while j < chars.count, chars[j].properties.numericType != nil, chars[j].isASCII { j += 1 }
      return j > s ? Int(String(String.UnicodeScalarView(chars[s..<j]))) : nil
    }
    guard let lo = number() else { return nil }
    var hi: Int? = lo
    if j < chars.count && chars[j] == "," {
      j += 1
      hi = number()
    }
    guard j < chars.count && chars[j] == "}" else { return nil }
    return (lo, hi, j + 1)
  }

  mutating func parseAtom() throws(FunctionError) -> GoRegex.Node? {
    let c = chars[i]
    switch c {
    case "*", "+", "?":
      throw error("missing argument to repetition operator", String(c))
    case "(":
      return try parseGroup()
    case "[":
      return .set(try parseClass())
    case ".":
      i += 1
      return .any(dotAll: dotAll)
    case "^":
      i += 1
      return multiLine ? .lineStart(multi: true) : .textStart
    case "$":
      i += 1
      return multiLine ? .lineEnd(multi: true) : .textEnd
    case "\\":
      return try parseEscape()
    default:
      i += 1
      return .char(c, fold: foldCase)
    }
  }

  mutating func parseGroup() throws(FunctionError) -> GoRegex.Node? {
    let start = i
    i += 1
    var index: Int? = nil
    if i < chars.count && chars[i] == "?" {
      i += 1
      if i < chars.count && chars[i] == "P" || (i < chars.count && chars[i] == "<") {
        if chars[i] == "P" { i += 1 }
        guard i < chars.count, chars[i] == "<" else { throw error("invalid named capture", "(?P") }
        i += 1
        var name = ""
        while i < chars.count && chars[i] != ">" {
          name.unicodeScalars.append(chars[i])
          i += 1
        }
        guard i < chars.count else {
          throw error("invalid named capture", String(String.UnicodeScalarView(chars[start...])))
        }
        i += 1
        groupCount += 1
        groupNames.append(name)
        index = groupCount
      } else {
        // Flags: (?i) (?-s) (?i:...)
        var enable = true
        var flags: [(Unicode.Scalar, Bool)] = []
        while i < chars.count && chars[i] != ")" && chars[i] != ":" {
          switch chars[i] {
          case "-": enable = false
          case "i", "m", "s", "U": flags.append((chars[i], enable))
          default:
            throw error(
              "invalid or unsupported Perl syntax", String(String.UnicodeScalarView(chars[start...i])))
          }
          i += 1
        }
        guard i < chars.count else {
          throw error("missing closing )", String(String.UnicodeScalarView(chars[start...])))
        }
        let saved = (foldCase, multiLine, dotAll, ungreedy)
        for (flag, on) in flags {
          switch flag {
          case "i": foldCase = on
          case "m": multiLine = on
          case "s": dotAll = on
          default: ungreedy = on
          }
        }
        if chars[i] == ")" {
          i += 1
          return nil
        }
        i += 1
        let inner = try parseAlternation()
        guard i < chars.count, chars[i] == ")" else {
          throw error("missing closing )", String(String.UnicodeScalarView(chars[start...])))
        }
        i += 1
        (foldCase, multiLine, dotAll, ungreedy) = saved
        return .group(nil, inner)
      }
    } else {
      groupCount += 1
      groupNames.append(nil)
      index = groupCount
    }
    let saved = (foldCase, multiLine, dotAll, ungreedy)
    let inner = try parseAlternation()
    (foldCase, multiLine, dotAll, ungreedy) = saved
    guard i < chars.count, chars[i] == ")" else {
      throw error("missing closing )", String(String.UnicodeScalarView(chars[start...])))
    }
    i += 1
    return .group(index, inner)
  }

  mutating func parseEscape() throws(FunctionError) -> GoRegex.Node {
    i += 1
    guard i < chars.count else { throw error("trailing backslash at end of expression", "") }
    let c = chars[i]
    i += 1
    switch c {
    case "d": return .set(GoRegex.CharSet(ranges: Self.digit))
    case "D": return .set(GoRegex.CharSet(ranges: Self.digit, negated: true))
    case "w": return .set(GoRegex.CharSet(ranges: Self.word))
    case "W": return .set(GoRegex.CharSet(ranges: Self.word, negated: true))
    case "s": return .set(GoRegex.CharSet(ranges: Self.space))
    case "S": return .set(GoRegex.CharSet(ranges: Self.space, negated: true))
    case "b": return .wordBoundary(true)
    case "B": return .wordBoundary(false)
    case "A": return .textStart
    case "z": return .textEnd
    case "p", "P":
      var set = GoRegex.CharSet(fold: foldCase)
      set.categories = [(try unicodeClassName(), c == "P")]
      return .set(set)
    default:
      return .char(try escapedLiteral(c), fold: foldCase)
    }
  }

  /// The name after `\p`: one letter (`\pL`) or braced (`\p{Lu}`); general categories only.
  mutating func unicodeClassName() throws(FunctionError) -> String {
    guard i < chars.count else { throw error("invalid character class range", "\\p") }
    var name = ""
    if chars[i] == "{" {
      i += 1
      while i < chars.count && chars[i] != "}" {
        name.unicodeScalars.append(chars[i])
        i += 1
      }
      i += 1
    } else {
      name.unicodeScalars.append(chars[i])
      i += 1
    }
    let known = [
      "L", "Lu", "Ll", "Lt", "Lm", "Lo", "N", "Nd", "Nl", "No", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf",
      "Co", "Cs", "M", "Mn", "Mc", "Me", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk",
      "So",
    ]
    guard known.contains(name) else { throw error("invalid character class range", "\\p{\(name)}") }
    return name
  }

  mutating func escapedLiteral(_ c: Unicode.Scalar) throws(FunctionError) -> Unicode.Scalar {
    switch c {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "f": return "\u{0C}"
    case "v": return "\u{0B}"
    case "a": return "\u{07}"
    case "x":
      var hex = ""
      if i < chars.count && chars[i] == "{" {
        i += 1
        while i < chars.count && chars[i] != "}" {
          hex.unicodeScalars.append(chars[i])
          i += 1
        }
        i += 1
      } else {
        for _ in 0..<2 where i < chars.count {
          hex.unicodeScalars.append(chars[i])
          i += 1
        }
      }
      guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
        throw error("invalid escape sequence", "\\x" + hex)
      }
      return scalar
    default:
      if c.properties.isAlphabetic || (c >= "0" && c <= "9") {
        throw error("invalid escape sequence", "\\" + String(c))
      }
      return c
    }
  }

}
