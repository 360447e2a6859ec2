/// Go's template comparison functions (`eq`, `lt` and the ones built from them).
enum GoCompare {
  enum Kind { case bool, int, float, string, other, invalid }

  static func kind(_ v: Value) -> Kind {
    switch v {
    case .bool: return .bool
    case .int: return .int
    case .float: return .float
    case .string: return .string
    case .null: return .invalid
    default: return .other
    }
  }

  /// `eq a b`: basic kinds must match (int and float64 do not mix); nil equals only nil.
  static func equal(_ a: Value, _ b: Value) throws -> Bool {
    let ka = kind(a)
    let kb = kind(b)
    if ka != kb {
      if ka == .invalid || kb == .invalid { return false }
      throw FunctionError("incompatible types for comparison: \(a.goTypeName) and \(b.goTypeName)")
    }
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.null, .null): return true
    default:
      throw FunctionError(
        "non-comparable types \(a.goString): \(a.goTypeName), \(b.goTypeName): \(b.goString)")
    }
  }

  /// `lt a b` for ints, floats and strings of the same kind.
  static func less(_ a: Value, _ b: Value) throws -> Bool {
    let ka = kind(a)
    let kb = kind(b)
    if ka == .invalid || ka == .other || kb == .invalid || kb == .other {
      throw FunctionError("invalid type for comparison")
    }
    if ka != kb {
      throw FunctionError("incompatible types for comparison: \(a.goTypeName) and \(b.goTypeName)")
    }
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y
    case (.float(let x), .float(let y)): return x < y
    case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
    default: throw FunctionError("invalid type for comparison")
    }
  }
}

/// Go's `html`, `js` and `urlquery` escapers.
enum GoEscape {
  static func html(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "'": out += "&#39;"
      case "\"": out += "&#34;"
      case "\0": out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func js(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\"": out += "\\\""
      case "<": out += "\\u003C"
      case ">": out += "\\u003E"
      case "&": out += "\\u0026"
      case "=": out += "\\u003D"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += "\\u" + GoQuote.hex(scalar.value, width: 4).uppercased()
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// `url.QueryEscape`: unreserved bytes kept, space as `+`, the rest `%XX`.
  static func queryEscape(_ s: String, spaceAsPlus: Bool = true) -> String {
    var out = ""
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      case UInt8(ascii: " ") where spaceAsPlus:
        out += "+"
      default:
        out += "%" + GoQuote.hex(UInt32(byte), width: 2).uppercased()
      }
    }
    return out
  }
}
