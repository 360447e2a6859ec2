/// Go's `fmt.Sprintf`, `fmt.Sprint` and `fmt.Sprintln` over template values.
enum GoFormatter {
  /// `fmt.Sprint`: spaces between operands when neither side is a string.
  static func sprint(_ args: [Value]) -> String {
    var out = ""
    var previousIsString = false
    for (i, arg) in args.enumerated() {
      let isString: Bool
      if case .string = arg { isString = true } else { isString = false }
      if i > 0 && !isString && !previousIsString { out += " " }
      arg.appendGoString(to: &out)
      previousIsString = isString
    }
    return out
  }

  /// `fmt.Sprintln`: always spaces between operands, newline at the end.
  static func sprintln(_ args: [Value]) -> String {
    var out = ""
    for (i, arg) in args.enumerated() {
      if i > 0 { out += " " }
      arg.appendGoString(to: &out)
    }
    out += "\n"
    return out
  }

  struct Spec {
    var minus = false, plus = false, sharp = false, space = false, zero = false
    var width: Int? = nil
    var precision: Int? = nil
  }

  /// `fmt.Sprintf` with the verbs, flags, width and precision Go supports for these types.
  static func sprintf(_ format: String, _ args: [Value]) -> String {
    let f = Array(format.unicodeScalars)
    var out = ""
    var argIndex = 0
    var i = 0
    while i < f.count {
      let c = f[i]
      if c != "%" {
        out.unicodeScalars.append(c)
        i += 1
        continue
      }
      i += 1
      var spec = Spec()
      flags: while i < f.count {
        switch f[i] {
        case "-": spec.minus = true
        case "+": spec.plus = true
        case "#": spec.sharp = true
        case " ": spec.space = true
        case "0": spec.zero = !spec.minus
        default: break flags
        }
        i += 1
      }
      func number() -> Int? {
        if i < f.count && f[i] == "*" {
          i += 1
          if argIndex < args.count, case .int(let n) = args[argIndex] {
            argIndex += 1
            return Int(n)
          }
          argIndex += 1
          return nil
        }
        var n: Int? = nil
        while i < f.count, f[i].value >= 48, f[i].value <= 57 {
          n = (n ?? 0) * 10 + Int(f[i].value - 48)
          i += 1
        }
        return n
      }
      spec.width = number()
      if let w = spec.width, w < 0 {
        spec.minus = true
        spec.width = -w
      }
      if i < f.count && f[i] == "." {
        i += 1
        spec.precision = number() ?? 0
      }
      guard i < f.count else {
        out += "%!(NOVERB)"
        break
      }
      let verb = Character(f[i])
      i += 1
      if verb == "%" {
        out += "%"
        continue
      }
      guard argIndex < args.count else {
        out += "%!\(verb)(MISSING)"
        continue
      }
      let arg = args[argIndex]
      argIndex += 1
      out += Self.format(arg, verb: verb, spec: spec)
    }
    if argIndex < args.count {
      out += "%!(EXTRA "
      out += args[argIndex...].map { arg in
        if case .null = arg { return "<nil>" }
        return "\(arg.goTypeName)=\(arg.goString)"
      }.joined(separator: ", ")
      out += ")"
    }
    return out
  }

  static func badVerb(_ verb: Character, _ arg: Value) -> String {
    if case .null = arg { return "%!\(verb)(<nil>)" }
    return "%!\(verb)(\(arg.goTypeName)=\(arg.goString))"
  }

  static func pad(_ body: String, _ spec: Spec, numeric: Bool) -> String {
    guard let width = spec.width else { return body }
    let count = body.unicodeScalars.count
    guard count < width else { return body }
    let padding = width - count
    if spec.minus { return body + String(repeating: " ", count: padding) }
    if spec.zero {
      if numeric, let first = body.first, first == "-" || first == "+" || first == " " {
        return String(first) + String(repeating: "0", count: padding) + body.dropFirst()
      }
      return String(repeating: "0", count: padding) + body
    }
    return String(repeating: " ", count: padding) + body
  }

  static func format(_ arg: Value, verb: Character, spec: Spec) -> String {
    if verb == "T" { return pad(arg.goTypeName, spec, numeric: false) }
    switch arg {
    case .list(let items):
      if verb == "q" || verb == "s" || verb == "d" || verb == "v" || verb == "x" || verb == "f" || verb == "g"
      {
        let inner = items.map {
          format($0, verb: verb, spec: Spec(plus: spec.plus, precision: spec.precision))
        }
        return pad("[" + inner.joined(separator: " ") + "]", spec, numeric: false)
      }
      return badVerb(verb, arg)
    case .map(let map):
      let inner = map.keys.sorted().map { key in
        format(.string(key), verb: verb, spec: Spec()) + ":" + format(map[key]!, verb: verb, spec: Spec())
      }
      return pad("map[" + inner.joined(separator: " ") + "]", spec, numeric: false)
    case .null:
      if verb == "v" { return pad("<nil>", spec, numeric: false) }
      return badVerb(verb, arg)
    case .bool(let b):
      if verb == "v" || verb == "t" { return pad(b ? "true" : "false", spec, numeric: false) }
      return badVerb(verb, arg)
    case .int(let n):
      return formatInt(n, verb: verb, spec: spec) ?? badVerb(verb, arg)
    case .float(let d):
      return formatFloat(d, verb: verb, spec: spec) ?? badVerb(verb, arg)
    case .string(let s):
      return formatString(s, verb: verb, spec: spec) ?? badVerb(verb, arg)
    case .object(let object):
      if verb == "v" || verb == "s" { return pad(object.goDescription, spec, numeric: false) }
      return badVerb(verb, arg)
    }
  }

  static func formatInt(_ n: Int64, verb: Character, spec: Spec) -> String? {
    var digits: String
    var prefix = ""
    switch verb {
    case "d", "v": digits = String(n.magnitude)
    case "x": digits = String(n.magnitude, radix: 16); if spec.sharp { prefix = "0x" }
    case "X": digits = String(n.magnitude, radix: 16, uppercase: true); if spec.sharp { prefix = "0X" }
    case "o": digits = String(n.magnitude, radix: 8); if spec.sharp { prefix = "0" }
    case "O": digits = String(n.magnitude, radix: 8); prefix = "0o"
    case "b": digits = String(n.magnitude, radix: 2)
    case "c":
      return pad(
        Unicode.Scalar(UInt32(truncatingIfNeeded: n)).map { String(Character($0)) } ?? "\u{FFFD}", spec,
        numeric: false)
    case "q":
      let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: n)) ?? "\u{FFFD}"
      let quoted = GoQuote.quote(String(Character(scalar)))
      return pad(
        "'" + String(quoted.dropFirst().dropLast()).replacingOccurrences("\\\"", with: "\"") + "'", spec,
        numeric: false)
    case "U":
      let hex = String(n, radix: 16, uppercase: true)
      return pad("U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex, spec, numeric: false)
    case "e", "E", "f", "F", "g", "G", "s", "t": return nil
    default: return nil
    }
    if let precision = spec.precision, digits.count < precision {
      digits = String(repeating: "0", count: precision - digits.count) + digits
    }
    var sign = ""
    if n < 0 { sign = "-" } else if spec.plus { sign = "+" } else if spec.space { sign = " " }
    var zeroSpec = spec
    if spec.precision != nil { zeroSpec.zero = false }
    if zeroSpec.zero, !spec.minus, let width = spec.width {
      let bodyCount = sign.count + prefix.count + digits.count
      if bodyCount < width { digits = String(repeating: "0", count: width - bodyCount) + digits }
      return sign + prefix + digits
    }
    return pad(sign + prefix + digits, zeroSpec, numeric: true)
  }

  static func formatFloat(_ d: Double, verb: Character, spec: Spec) -> String? {
    var body: String
    switch verb {
    case "v", "g", "G": body = GoFloat.format(d, verb: verb == "G" ? "G" : "g", precision: spec.precision)
    case "e", "E": body = GoFloat.format(d, verb: verb, precision: spec.precision ?? 6)
    case "f", "F": body = GoFloat.format(d, verb: "f", precision: spec.precision ?? 6)
    default: return nil
    }
    if spec.plus && !body.hasPrefix("-") && !body.hasPrefix("+") {
      body = "+" + body
    } else if spec.space && !body.hasPrefix("-") {
      body = " " + body
    }
    if !spec.plus && body.hasPrefix("+") && d.isInfinite { body.removeFirst() }
    if d.isInfinite || d.isNaN {
      var s = spec
      s.zero = false
      return pad(body, s, numeric: true)
    }
    return pad(body, spec, numeric: true)
  }

  static func formatString(_ s: String, verb: Character, spec: Spec) -> String? {
    var text = s
    switch verb {
    case "s", "v":
      if let precision = spec.precision { text = String(s.unicodeScalars.prefix(precision)) }
    case "q":
      if let precision = spec.precision { text = String(s.unicodeScalars.prefix(precision)) }
      if spec.sharp && !text.contains("`") {
        text = "`" + text + "`"
      } else {
        text = GoQuote.quote(text, asciiOnly: spec.plus)
      }
    case "x", "X":
      var hex = ""
      for (i, byte) in s.utf8.enumerated() {
        if spec.space && i > 0 { hex += " " }
        let digits = String(byte, radix: 16, uppercase: verb == "X")
        hex += (digits.count == 1 ? "0" : "") + digits
      }
      text = hex
    default:
      return nil
    }
    return pad(text, spec, numeric: false)
  }
}
