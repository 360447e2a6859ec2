/// Go's `strconv.Quote` and `strconv.Unquote` for template string literals and `%q`.
enum GoQuote {
  /// `strconv.Quote`: double-quoted with Go escapes; printable Unicode kept as is.
  static func quote(_ s: String, asciiOnly: Bool = false) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\u{07}": out += "\\a"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\u{0B}": out += "\\v"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + hex(scalar.value, width: 2)
        } else if scalar.value >= 0x80 && (asciiOnly || !isPrintable(scalar)) {
          if scalar.value > 0xFFFF {
            out += "\\U" + hex(scalar.value, width: 8)
          } else {
            out += "\\u" + hex(scalar.value, width: 4)
          }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
    return out
  }

  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
      return false
    case .spaceSeparator:
      return scalar == " "
    default:
      return true
    }
  }

  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// `strconv.Unquote` for `"..."`, `` `...` `` and `'x'` literals; nil when malformed.
  static func unquote(_ literal: String) -> String? {
    let bytes = Array(literal.utf8)
    guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { return nil }
    let body = bytes[1..<(bytes.count - 1)]
    if quote == UInt8(ascii: "`") { return String(decoding: body.filter { $0 != 13 }, as: UTF8.self) }
    var out: [UInt8] = []
    var i = body.startIndex
    while i < body.endIndex {
      let c = body[i]
      if c != UInt8(ascii: "\\") {
        if c == quote { return nil }
        out.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < body.endIndex else { return nil }
      let e = body[i]
      i += 1
      switch e {
      case UInt8(ascii: "n"): out.append(10)
      case UInt8(ascii: "t"): out.append(9)
      case UInt8(ascii: "r"): out.append(13)
      case UInt8(ascii: "a"): out.append(7)
      case UInt8(ascii: "b"): out.append(8)
      case UInt8(ascii: "f"): out.append(12)
      case UInt8(ascii: "v"): out.append(11)
      case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let width = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
        guard i + width <= body.endIndex,
          let value = UInt32(String(decoding: body[i..<(i + width)], as: UTF8.self), radix: 16)
        else { return nil }
        i += width
        if e == UInt8(ascii: "x") {
          out.append(UInt8(value))
        } else {
          guard let scalar = Unicode.Scalar(value) else { return nil }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
      case 48...55:
        guard i + 2 <= body.endIndex,
          let value = UInt8(String(decoding: body[(i - 1)..<(i + 2)], as: UTF8.self), radix: 8)
        else { return nil }
        i += 2
        out.append(value)
      default: return nil
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
