/// Parses RE2 syntax into `GoRegex.Node`s, reporting errors in Go's words.
struct GoRegexParser {
  private let chars: [Unicode.Scalar]
  private var i = 0
  private(set) var groupCount = 0
  private(set) var groupNames: [String?] = [nil]
  private var foldCase = false
  private var multiLine = false
  private var dotAll = false
  private var ungreedy = false

  init(_ pattern: String) { chars = Array(pattern.unicodeScalars) }

  private func error(_ code: String, _ fragment: String) -> FunctionError {
    FunctionError("error parsing regexp: \(code): `\(fragment)`")
  }

  mutating func parse() throws(FunctionError) -> GoRegex.Node {
    let node = try parseAlternation()
    if i < chars.count { throw error("unexpected )", String(String.UnicodeScalarView(chars))) }
    return node
  }

  private mutating func parseAlternation() throws(FunctionError) -> GoRegex.Node {
    var options = [try parseConcat()]
    while i < chars.count && chars[i] == "|" {
      i += 1
      options.append(try parseConcat())
    }
    return options.count == 1 ? options[0] : .alt(options)
  }

  private mutating func parseConcat() throws(FunctionError) -> GoRegex.Node {
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

  private mutating func parseQuantifiers(_ atom: GoRegex.Node, start: Int) throws(FunctionError)
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

  private func parseBraces(at start: Int) -> (Int, Int?, Int)? {
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

  private mutating func parseAtom() throws(FunctionError) -> GoRegex.Node? {
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

  private mutating func parseGroup() throws(FunctionError) -> GoRegex.Node? {
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

  private static let digit: [ClosedRange<UInt32>] = [48...57]
  private static let word: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]
  private static let space: [ClosedRange<UInt32>] = [9...10, 12...13, 32...32]

  private static func posix(_ name: String) -> [ClosedRange<UInt32>]? {
    switch name {
    case "alpha": return [65...90, 97...122]
    case "digit": return digit
    case "alnum": return [48...57, 65...90, 97...122]
    case "upper": return [65...90]
    case "lower": return [97...122]
    case "space": return [9...13, 32...32]
    case "xdigit": return [48...57, 65...70, 97...102]
    case "punct": return [33...47, 58...64, 91...96, 123...126]
    case "word": return word
    case "blank": return [9...9, 32...32]
    case "cntrl": return [0...31, 127...127]
    case "print": return [32...126]
    case "graph": return [33...126]
    case "ascii": return [0...127]
    default: return nil
    }
  }

  private static func invert(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
    var out: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
      next = max(next, r.upperBound + 1)
    }
    if next <= 0x10FFFF { out.append(next...0x10FFFF) }
    return out
  }

  private mutating func parseEscape() throws(FunctionError) -> GoRegex.Node {
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
    default:
      return .char(try escapedLiteral(c), fold: foldCase)
    }
  }

  private mutating func escapedLiteral(_ c: Unicode.Scalar) throws(FunctionError) -> Unicode.Scalar {
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

  private mutating func parseClass() throws(FunctionError) -> GoRegex.CharSet {
    let start = i
    i += 1
    var set = GoRegex.CharSet(fold: foldCase)
    if i < chars.count && chars[i] == "^" {
      set.negated = true
      i += 1
    }
    var first = true
    while i < chars.count && (chars[i] != "]" || first) {
      first = false
      if chars[i] == "[" && i + 1 < chars.count && chars[i + 1] == ":" {
        var j = i + 2
        var name = ""
        var negate = false
        if j < chars.count && chars[j] == "^" {
          negate = true
          j += 1
        }
        while j < chars.count && chars[j] != ":" {
          name.unicodeScalars.append(chars[j])
          j += 1
        }
        if j + 1 < chars.count, chars[j + 1] == "]", let ranges = Self.posix(name) {
          set.ranges += negate ? Self.invert(ranges) : ranges
          i = j + 2
          continue
        }
      }
      var low: UInt32
      if chars[i] == "\\" {
        i += 1
        guard i < chars.count else { break }
        let e = chars[i]
        i += 1
        switch e {
        case "d": set.ranges += Self.digit; continue
        case "D": set.ranges += Self.invert(Self.digit); continue
        case "w": set.ranges += Self.word; continue
        case "W": set.ranges += Self.invert(Self.word); continue
        case "s": set.ranges += Self.space; continue
        case "S": set.ranges += Self.invert(Self.space); continue
        default: low = try escapedLiteral(e).value
        }
      } else {
        low = chars[i].value
        i += 1
      }
      var high = low
      if i + 1 < chars.count && chars[i] == "-" && chars[i + 1] != "]" {
        i += 1
        if chars[i] == "\\" {
          i += 1
          guard i < chars.count else { break }
          let e = chars[i]
          i += 1
          high = try escapedLiteral(e).value
        } else {
          high = chars[i].value
          i += 1
        }
        if high < low {
          throw error("invalid character class range", String(String.UnicodeScalarView(chars[start..<i])))
        }
      }
      set.ranges.append(low...high)
    }
    guard i < chars.count else {
      throw error("missing closing ]", String(String.UnicodeScalarView(chars[start...])))
    }
    i += 1
    return set
  }
}
