/// Conversions Sprig applies to `interface{}` arguments (its `strval`, `strslice`, and the
/// `cast` package's `ToInt64`/`ToFloat64`).
enum Sprig {
  /// `strval`: strings as is, everything else through `fmt.Sprintf("%v")`.
  static func string(_ v: Value) -> String {
    if case .string(let s) = v { return s }
    return v.goString
  }

  /// `strslice`: a list's non-nil elements as strings; nil is empty; a scalar is one element.
  static func strings(_ v: Value) -> [String] {
    switch v {
    case .list(let items):
      return items.compactMap { item in
        if case .null = item { return nil }
        return string(item)
      }
    case .null: return []
    default: return [string(v)]
    }
  }

  /// `cast.ToInt64`: numbers truncate, bools are 0/1, strings parse (base prefixes allowed,
  /// a zero decimal part tolerated), anything else is 0.
  static func int64(_ v: Value) -> Int64 {
    switch v {
    case .int(let i): return i
    case .float(let d):
      // Go's conversion of NaN, infinities and out-of-range floats yields MinInt64 on amd64.
      guard d.isFinite, d < 9.223_372_036_854_775_807e18, d >= -9.223_372_036_854_775_808e18 else {
        return Int64.min
      }
      return Int64(d)
    case .bool(let b): return b ? 1 : 0
    case .string(let s): return parseInt(s) ?? 0
    default: return 0
    }
  }

  /// `strconv.ParseInt(trimZeroDecimal(s), 0, 0)`.
  static func parseInt(_ text: String) -> Int64? {
    var s = text
    // cast's trimZeroDecimal: "2.0" and "2.00" parse as 2, "2." and "2.5" do not.
    if let dot = s.lastIndex(of: "."), s.index(after: dot) != s.endIndex,
      s[s.index(after: dot)...].allSatisfy({ $0 == "0" })
    {
      s = String(s[..<dot])
    }
    var negative = false
    var body = Substring(s)
    if body.hasPrefix("+") {
      body = body.dropFirst()
    } else if body.hasPrefix("-") {
      negative = true
      body = body.dropFirst()
    }
    guard !body.isEmpty else { return nil }
    let lower = body.lowercased()
    var magnitude: Int64?
    if lower.hasPrefix("0x") {
      magnitude = Int64(lower.dropFirst(2).replacingOccurrences("_", with: ""), radix: 16)
    } else if lower.hasPrefix("0b") {
      magnitude = Int64(lower.dropFirst(2).replacingOccurrences("_", with: ""), radix: 2)
    } else if lower.hasPrefix("0o") {
      magnitude = Int64(lower.dropFirst(2).replacingOccurrences("_", with: ""), radix: 8)
    } else if lower.hasPrefix("0") && lower.count > 1 {
      magnitude = Int64(lower.dropFirst(), radix: 8)
    } else {
      guard lower.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
      magnitude = Int64(lower)
    }
    guard let magnitude else { return nil }
    return negative ? -magnitude : magnitude
  }

  /// `cast.ToFloat64`: numbers, bools as 0/1, parsable strings; otherwise 0.
  static func float64(_ v: Value) -> Double {
    switch v {
    case .int(let i): return Double(i)
    case .float(let d): return d
    case .bool(let b): return b ? 1 : 0
    case .string(let s): return Double(s.trimmingSpaces) ?? 0
    default: return 0
    }
  }

  /// Sprig's `empty`: Go's zero value test.
  static func isEmpty(_ v: Value) -> Bool { !v.isTruthy }
}

extension String {
  /// Trimmed of ASCII/Unicode white space at both ends (`strings.TrimSpace`).
  var trimmingSpaces: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}

extension Substring {
  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    String(self).replacingOccurrences(target, with: replacement)
  }
}
