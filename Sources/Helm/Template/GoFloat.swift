#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `strconv.FormatFloat` and `fmt` float printing for the verbs templates use.
enum GoFloat {
  /// The shortest decimal digits that round-trip `value` (no sign) and the position of the
  /// decimal point relative to them: `1500` is ("15", 4), `0.05` is ("5", -1).
  static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
    let text = Array(abs(value).description.utf8)
    var mantissa: [UInt8] = []
    var point = -1
    var exponent = 0
    var index = 0
    while index < text.count {
      let c = text[index]
      if c == UInt8(ascii: ".") {
        point = mantissa.count
      } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        exponent = Int(String(decoding: text[(index + 1)...], as: UTF8.self)) ?? 0
        break
      } else {
        mantissa.append(c)
      }
      index += 1
    }
    if point < 0 { point = mantissa.count }
    // Drop leading zeros (moving the point) and trailing zeros.
    var start = 0
    while start < mantissa.count - 1 && mantissa[start] == UInt8(ascii: "0") {
      start += 1
      point -= 1
    }
    var digits = Array(mantissa[start...])
    while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
    if digits == [UInt8(ascii: "0")] { return (digits, 1) }
    return (digits, point + exponent)
  }

  /// Formats like Go's `strconv.FormatFloat(value, fmt, -1, 64)` for `e`, `f` and `g`
  /// (shortest representation), or with a fixed precision when one is given.
  static func format(_ value: Double, verb: Character, precision: Int?) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if let precision { return formatC(value, verb: verb, precision: precision) }
    let (digits, point) = shortestDigits(value)
    let negative = value.sign == .minus
    var out = negative ? "-" : ""
    let upper = verb.isUppercase
    switch verb.lowercased() {
    case "e":
      appendExponent(digits: digits, point: point, upper: upper, to: &out)
    case "f":
      appendFixed(digits: digits, point: point, to: &out)
    default:
      // Go's %v and %g use %e when the exponent is < -4 or >= the precision, which is
      // taken as 6 for the shortest form (so float64 1000000 prints 1e+06).
      let exp = point - 1
      if exp < -4 || exp >= 6 {
        appendExponent(digits: digits, point: point, upper: upper, to: &out)
      } else {
        appendFixed(digits: digits, point: point, to: &out)
      }
    }
    return out
  }

  /// Go's `encoding/json` float64 text: `%f` shortest unless the exponent is < -6 or >= 21.
  static func json(_ value: Double) -> String {
    let (digits, point) = shortestDigits(value)
    let exp = point - 1
    var out = value.sign == .minus && value != 0 ? "-" : ""
    if value != 0 && (exp < -6 || exp >= 21) {
      appendExponent(digits: digits, point: point, upper: false, to: &out)
      // encoding/json rewrites e-07 as e-7.
      if let range = out.firstRange(of: "e-0") { out.replaceSubrange(range, with: "e-") }
    } else {
      appendFixed(digits: digits, point: point, to: &out)
    }
    return out
  }

  private static func appendExponent(digits: [UInt8], point: Int, upper: Bool, to out: inout String) {
    out.append(Character(UnicodeScalar(digits[0])))
    if digits.count > 1 {
      out += "."
      out += String(decoding: digits[1...], as: UTF8.self)
    }
    var exp = point - 1
    if digits == [UInt8(ascii: "0")] { exp = 0 }
    out += upper ? "E" : "e"
    out += exp < 0 ? "-" : "+"
    exp = abs(exp)
    if exp < 10 { out += "0" }
    out += String(exp)
  }

  private static func appendFixed(digits: [UInt8], point: Int, to out: inout String) {
    if point <= 0 {
      out += "0."
      out += String(repeating: "0", count: -point)
      out += String(decoding: digits, as: UTF8.self)
    } else if point >= digits.count {
      out += String(decoding: digits, as: UTF8.self)
      out += String(repeating: "0", count: point - digits.count)
    } else {
      out += String(decoding: digits[..<point], as: UTF8.self)
      out += "."
      out += String(decoding: digits[point...], as: UTF8.self)
    }
  }

  /// Fixed precision through the C library, whose `%e`/`%f`/`%g` agree with Go's for a
  /// given precision (two-digit minimum exponent, round half to even on the binary value).
  private static func formatC(_ value: Double, verb: Character, precision: Int) -> String {
    let format = "%.*" + String(verb)
    var buffer = [CChar](repeating: 0, count: 512)
    let count = withVaList([Int32(min(precision, 400)), value]) { args in
      buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 512, format, args) }
    }
    let length = max(0, min(Int(count), 511))
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
