/// Sprig's date functions over `GoTime`; the clock comes from `ExecutionOptions.clock`.
enum SprigDates {
  static func now(_ call: FunctionCall) -> GoTime {
    let t = call.options.clock.now()
    let whole = t.rounded(.down)
    return GoTime(seconds: Int64(whole), nanoseconds: Int64((t - whole) * 1e9))
  }

  /// Sprig's date argument: a time, or Unix seconds; anything else means now.
  static func time(_ v: Value, _ call: FunctionCall) -> GoTime {
    switch v {
    case .object(let t as GoTime): return t
    case .int(let seconds): return GoTime(seconds: seconds)
    default: return now(call)
    }
  }

  static func zoned(_ t: GoTime, _ zone: String) -> GoTime {
    // Only UTC is known; Go falls back to UTC for zones it cannot load as well.
    var copy = t
    copy.offset = 0
    copy.zone = "UTC"
    _ = zone
    return copy
  }

  static let all: [String: TemplateFunction] = {
    var table: [String: TemplateFunction] = [
      "now": TemplateFunction(arity: 0) { .object(now($0)) },
      "date": TemplateFunction(arity: 2) { call in
        .string(zoned(time(call[1], call), "Local").format(try call.string(0)))
      },
      "dateInZone": TemplateFunction(arity: 3) { call in
        .string(zoned(time(call[1], call), try call.string(2)).format(try call.string(0)))
      },
      "htmlDate": TemplateFunction(arity: 1) { call in
        .string(zoned(time(call[0], call), "Local").format("2006-01-02"))
      },
      "htmlDateInZone": TemplateFunction(arity: 2) { call in
        .string(zoned(time(call[0], call), try call.string(1)).format("2006-01-02"))
      },
      "unixEpoch": TemplateFunction(arity: 1) { call in
        guard case .object(let t as GoTime) = call[0] else {
          throw ArgumentTypeError(index: 0, expected: "time.Time")
        }
        return .string(String(t.seconds))
      },
      "ago": TemplateFunction(arity: 1) { call in
        let t = time(call[0], call)
        let current = now(call)
        return .string(GoDuration.string(nanoseconds: (current.seconds - t.seconds) * 1_000_000_000))
      },
      "duration": TemplateFunction(arity: 1) { call in
        let seconds: Int64
        // Sprig accepts a string or an int64; Go ints (template literals) and float64
        // values fall to its default of 0.
        if case .string(let s) = call[0] { seconds = Int64(s) ?? 0 } else { seconds = 0 }
        return .string(GoDuration.string(nanoseconds: seconds &* 1_000_000_000))
      },
      "durationRound": TemplateFunction(arity: 1) { call in
        let nanos: Int64
        switch call[0] {
        case .string(let s): nanos = GoDuration.parse(s) ?? 0
        case .int(let i): nanos = i
        case .object(let t as GoTime): nanos = (now(call).seconds - t.seconds) * 1_000_000_000
        default: nanos = 0
        }
        return .string(GoDuration.round(nanoseconds: nanos))
      },
    ]
    for name in ["dateModify", "mustDateModify"] {
      table[name] = TemplateFunction(arity: 2) { call in
        guard case .object(var t as GoTime) = call[1] else {
          throw ArgumentTypeError(index: 1, expected: "time.Time")
        }
        guard let delta = GoDuration.parse(try call.string(0)) else {
          if name == "mustDateModify" {
            throw FunctionError("time: invalid duration \(GoQuote.quote(try call.string(0)))")
          }
          return .object(t)
        }
        let total = t.nanoseconds + delta
        t.seconds += total / 1_000_000_000
        t.nanoseconds = total % 1_000_000_000
        if t.nanoseconds < 0 {
          t.nanoseconds += 1_000_000_000
          t.seconds -= 1
        }
        return .object(t)
      }
    }
    for name in ["toDate", "mustToDate"] {
      table[name] = TemplateFunction(arity: 2) { call in
        let layout = try call.string(0)
        let text = try call.string(1)
        if let t = GoTimeParser.parse(text, layout: layout) { return .object(t) }
        if name == "mustToDate" {
          throw FunctionError("parsing time \(GoQuote.quote(text)) as \(GoQuote.quote(layout)): cannot parse")
        }
        return .object(GoTime(seconds: -62_135_596_800))
      }
    }
    return table
  }()
}

/// Go's `time.Duration` text and `time.ParseDuration`.
enum GoDuration {
  static func string(nanoseconds: Int64) -> String {
    if nanoseconds == 0 { return "0s" }
    let negative = nanoseconds < 0
    let u = nanoseconds.magnitude
    var out = ""
    if u < 1_000_000_000 {
      let (unit, divisor): (String, UInt64) =
        u < 1000 ? ("ns", 1) : (u < 1_000_000 ? ("µs", 1000) : ("ms", 1_000_000))
      out = fraction(u, divisor) + unit
    } else {
      let hours = u / 3_600_000_000_000
      let minutes = u / 60_000_000_000 % 60
      let secondsPart = u % 60_000_000_000
      if hours > 0 { out += "\(hours)h" }
      if hours > 0 || minutes > 0 { out += "\(minutes)m" }
      out += fraction(secondsPart, 1_000_000_000) + "s"
    }
    return (negative ? "-" : "") + out
  }

  private static func fraction(_ value: UInt64, _ divisor: UInt64) -> String {
    let whole = value / divisor
    var rest = value % divisor
    guard rest > 0 else { return String(whole) }
    var digits = ""
    var scale = divisor / 10
    while rest > 0 && scale > 0 {
      digits += String(rest / scale)
      rest %= scale
      scale /= 10
    }
    return "\(whole).\(digits)"
  }

  static func round(nanoseconds: Int64) -> String {
    let u = nanoseconds.magnitude
    let second: UInt64 = 1_000_000_000
    let minute = 60 * second
    let hour = 60 * minute
    let day = 24 * hour
    let month = 30 * day
    let year = 365 * day
    if u > year { return "\(u / year)y" }
    if u > month { return "\(u / month)mo" }
    if u > day { return "\(u / day)d" }
    if u > hour { return "\(u / hour)h" }
    if u > minute { return "\(u / minute)m" }
    if u > second { return "\(u / second)s" }
    return "0s"
  }

  static func parse(_ text: String) -> Int64? {
    var s = Substring(text)
    var negative = false
    if s.hasPrefix("-") || s.hasPrefix("+") {
      negative = s.first == "-"
      s = s.dropFirst()
    }
    if s == "0" { return 0 }
    guard !s.isEmpty else { return nil }
    var total: Double = 0
    while !s.isEmpty {
      let number = s.prefix { $0.isNumber || $0 == "." }
      guard !number.isEmpty, let value = Double(number) else { return nil }
      s = s.dropFirst(number.count)
      let unit = s.prefix { !$0.isNumber && $0 != "." }
      s = s.dropFirst(unit.count)
      let scale: Double
      switch unit {
      case "ns": scale = 1
      case "us", "µs", "μs": scale = 1e3
      case "ms": scale = 1e6
      case "s": scale = 1e9
      case "m": scale = 60e9
      case "h": scale = 3600e9
      default: return nil
      }
      total += value * scale
    }
    return Int64(negative ? -total : total)
  }
}

/// A subset of Go's `time.Parse`: numeric layout elements and literal text.
enum GoTimeParser {
  static func parse(_ text: String, layout: String) -> GoTime? {
    var t = Array(text)[...]
    var l = Substring(layout)
    var year = 1
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var offset = 0
    var pm: Bool? = nil
    func number(_ maxDigits: Int) -> Int? {
      let digits = t.prefix { $0.isNumber }.prefix(maxDigits)
      guard !digits.isEmpty else { return nil }
      t = t.dropFirst(digits.count)
      return Int(String(digits))
    }
    while !l.isEmpty {
      if l.hasPrefix("2006") {
        guard let v = number(4) else { return nil }
        year = v
        l = l.dropFirst(4)
      } else if l.hasPrefix("Z07:00") || l.hasPrefix("-07:00") {
        if t.first == "Z" {
          t = t.dropFirst()
        } else {
          guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
          t = t.dropFirst()
          guard let h = number(2), t.first == ":" else { return nil }
          t = t.dropFirst()
          guard let m = number(2) else { return nil }
          offset = (h * 3600 + m * 60) * (sign == "-" ? -1 : 1)
        }
        l = l.dropFirst(6)
      } else if l.hasPrefix("01") || l.hasPrefix("02") || l.hasPrefix("15") || l.hasPrefix("04")
        || l.hasPrefix("05")
        || l.hasPrefix("03")
      {
        guard let v = number(2) else { return nil }
        switch l.prefix(2) {
        case "01": month = v
        case "02": day = v
        case "15", "03": hour = v
        case "04": minute = v
        default: second = v
        }
        l = l.dropFirst(2)
      } else if l.hasPrefix("PM") {
        pm = t.prefix(2) == ["P", "M"]
        t = t.dropFirst(2)
        l = l.dropFirst(2)
      } else if l.first == "1" || l.first == "2" {
        guard let v = number(2) else { return nil }
        if l.first == "1" { month = v } else { day = v }
        l = l.dropFirst()
      } else {
        guard t.first == l.first else { return nil }
        t = t.dropFirst()
        l = l.dropFirst()
      }
    }
    guard t.isEmpty, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
    else {
      return nil
    }
    if pm == true && hour < 12 { hour += 12 }
    let seconds = GoTime.epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return GoTime(seconds: seconds - Int64(offset), offset: offset, zone: offset == 0 ? "UTC" : "")
  }
}
