/// go-yaml v2's resolution of plain scalars (YAML 1.1 flavoured): `yes`/`no`/`on`/`off` are
/// booleans, `~` and the empty string null, Go-syntax integers (`0x1F`, `017`, `1_000`),
/// floats, and timestamps (which decode to strings but must be quoted when written).
enum GoYAMLResolver {
  enum Resolved {
    case null, bool(Bool), int(Int64), uint(UInt64), float(Double), string, timestamp, merge
  }

  static func resolve(_ s: String) -> Resolved {
    switch s {
    case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
    case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
    case "", "~", "null", "Null", "NULL": return .null
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case "<<": return .merge
    default: break
    }
    guard let first = s.unicodeScalars.first else { return .null }
    switch first {
    case ".":
      if let d = goParseFloat(s) { return .float(d) }
    case "+", "-", "0"..."9":
      if isTimestamp(s) { return .timestamp }
      let plain = s.replacingOccurrences("_", with: "")
      if let i = Sprig.parseInt(plain), !plain.contains(".") { return .int(i) }
      if let u = parseUInt(plain) { return .uint(u) }
      if isYAMLStyleFloat(plain), let d = Double(plain) { return .float(d) }
      if plain.hasPrefix("0b"), let i = Int64(plain.dropFirst(2), radix: 2) { return .int(i) }
      if plain.hasPrefix("-0b"), let i = Int64(plain.dropFirst(3), radix: 2) { return .int(-i) }
    default: break
    }
    return .string
  }

  static func resolvesToString(_ s: String) -> Bool {
    if case .string = resolve(s) { return true }
    return false
  }

  private static func parseUInt(_ s: String) -> UInt64? {
    guard !s.hasPrefix("-") else { return nil }
    let body = s.hasPrefix("+") ? String(s.dropFirst()) : s
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }),
      !(body.hasPrefix("0") && body.count > 1)
    else { return nil }
    return UInt64(body)
  }

  /// `strconv.ParseFloat` for texts starting with `.`.
  private static func goParseFloat(_ s: String) -> Double? {
    guard s.count > 1,
      s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" })
    else { return nil }
    return Double("0" + s)
  }

  /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
  static func isYAMLStyleFloat(_ s: String) -> Bool {
    var c = Array(s.utf8)[...]
    if let f = c.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { c = c.dropFirst() }
    func digits(_ c: inout ArraySlice<UInt8>) -> Int {
      var n = 0
      while let f = c.first, f >= 48 && f <= 57 {
        c = c.dropFirst()
        n += 1
      }
      return n
    }
    if c.first == UInt8(ascii: ".") {
      c = c.dropFirst()
      if digits(&c) == 0 { return false }
    } else {
      if digits(&c) == 0 { return false }
      if c.first == UInt8(ascii: ".") {
        c = c.dropFirst()
        _ = digits(&c)
      }
    }
    if let f = c.first, f == UInt8(ascii: "e") || f == UInt8(ascii: "E") {
      c = c.dropFirst()
      if let g = c.first, g == UInt8(ascii: "-") || g == UInt8(ascii: "+") { c = c.dropFirst() }
      if digits(&c) == 0 { return false }
    }
    return c.isEmpty
  }

  /// go-yaml's `parseTimestamp`: `2006-1-2`, optionally with a `T`/`t`/space time part.
  static func isTimestamp(_ s: String) -> Bool {
    let c = Array(s.utf8)
    guard c.count >= 8, c[0...3].allSatisfy({ $0 >= 48 && $0 <= 57 }), c[4] == UInt8(ascii: "-") else {
      return false
    }
    var i = 5
    func number(_ maxDigits: Int) -> Bool {
      let start = i
      while i < c.count, c[i] >= 48, c[i] <= 57, i - start < maxDigits { i += 1 }
      return i > start
    }
    guard number(2), i < c.count, c[i] == UInt8(ascii: "-"),
      ({
        i += 1; return true
      })(), number(2)
    else {
      return false
    }
    if i == c.count { return true }
    guard c[i] == UInt8(ascii: "T") || c[i] == UInt8(ascii: "t") || c[i] == UInt8(ascii: " ") else {
      return false
    }
    i += 1
    guard number(2), i < c.count, c[i] == UInt8(ascii: ":") else { return false }
    i += 1
    guard number(2), i < c.count, c[i] == UInt8(ascii: ":") else { return false }
    i += 1
    guard number(2) else { return false }
    if i < c.count && c[i] == UInt8(ascii: ".") {
      i += 1
      guard number(9) else { return false }
    }
    if i == c.count { return true }
    if c[i] == UInt8(ascii: "Z") { return i + 1 == c.count }
    guard c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-") else { return false }
    i += 1
    guard number(2), i < c.count, c[i] == UInt8(ascii: ":") else { return false }
    i += 1
    return number(2) && i == c.count
  }

  /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`: YAML 1.1 sexagesimal numbers.
  static func isBase60Float(_ s: String) -> Bool {
    var c = Array(s.utf8)[...]
    if let f = c.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { c = c.dropFirst() }
    guard let f = c.first, f >= 48 && f <= 57 else { return false }
    c = c.dropFirst()
    while let f = c.first, (f >= 48 && f <= 57) || f == UInt8(ascii: "_") { c = c.dropFirst() }
    var groups = 0
    while c.first == UInt8(ascii: ":") {
      c = c.dropFirst()
      var n = 0
      while let f = c.first, f >= 48 && f <= 57, n < 2 {
        c = c.dropFirst()
        n += 1
      }
      if n == 0 { return false }
      groups += 1
    }
    guard groups > 0 else { return false }
    if c.first == UInt8(ascii: ".") {
      c = c.dropFirst()
      while let f = c.first, (f >= 48 && f <= 57) || f == UInt8(ascii: "_") { c = c.dropFirst() }
    }
    return c.isEmpty
  }
}
