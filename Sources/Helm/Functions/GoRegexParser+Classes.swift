/// Character classes of Go regular expressions (RE2): `[...]`, `\d \w \s`, and the POSIX
/// `[:name:]` classes, split from the parser so each file stays short.
extension GoRegexParser {
  static let digit: [ClosedRange<UInt32>] = [48...57]
  static let word: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]
  static let space: [ClosedRange<UInt32>] = [9...10, 12...13, 32...32]

  static func posix(_ name: String) -> [ClosedRange<UInt32>]? {
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

  static func invert(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
    var out: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
      next = max(next, r.upperBound + 1)
    }
    if next <= 0x10FFFF { out.append(next...0x10FFFF) }
    return out
  }

  mutating func parseClass() throws(FunctionError) -> GoRegex.CharSet {
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
        case "p", "P":
          set.categories.append((try unicodeClassName(), e == "P"))
          continue
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
