/// A Go `time.Time` in templates (UTC; `Local` is treated as UTC so renders do not depend on
/// the machine's zone). Formats with Go reference layouts (`2006-01-02T15:04:05Z07:00`).
struct GoTime: TemplateObject {
  /// Seconds since the Unix epoch.
  var seconds: Int64
  var nanoseconds: Int64 = 0
  /// Offset from UTC in seconds and the zone abbreviation.
  var offset: Int = 0
  var zone = "UTC"

  var goTypeName: String { "time.Time" }
  var goDescription: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }
  var jsonValue: Value? { .string(format("2006-01-02T15:04:05.999999999Z07:00")) }

  func member(_ name: String) -> Value? {
    let c = civil
    switch name {
    case "Unix": return .int(seconds)
    case "UnixNano": return .int(seconds &* 1_000_000_000 &+ nanoseconds)
    case "Year": return .int(Int64(c.year))
    case "Month": return .int(Int64(c.month))
    case "Day": return .int(Int64(c.day))
    case "Hour": return .int(Int64(c.hour))
    case "Minute": return .int(Int64(c.minute))
    case "Second": return .int(Int64(c.second))
    case "UTC": return .object(GoTime(seconds: seconds, nanoseconds: nanoseconds))
    case "String": return .string(goDescription)
    default: return nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? {
    switch (name, arguments.first) {
    case ("Format", .string(let layout)?): return .string(format(layout))
    default: return nil
    }
  }

  struct Civil { var year, month, day, hour, minute, second, weekday, yearDay: Int }

  /// Calendar fields in the time's zone (proleptic Gregorian, days from civil algorithm).
  var civil: Civil {
    let local = seconds + Int64(offset)
    var days = local / 86400
    var rest = local % 86400
    if rest < 0 {
      rest += 86400
      days -= 1
    }
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4)
    let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    let yearDay = cumulative[Int(month) - 1] + Int(day) + (isLeap && month > 2 ? 1 : 0)
    return Civil(
      year: Int(year), month: Int(month), day: Int(day), hour: Int(rest / 3600),
      minute: Int(rest % 3600 / 60),
      second: Int(rest % 60), weekday: weekday, yearDay: yearDay)
  }

  /// Seconds since the epoch for a UTC civil date and time.
  static func epoch(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64
  {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return days * 86400 + Int64(hour * 3600 + minute * 60 + second)
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
  static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

  private static func pad(_ n: Int, _ width: Int, _ fill: Character = "0") -> String {
    let s = String(n)
    return String(repeating: fill, count: max(0, width - s.count)) + s
  }

  /// Go's `Time.Format` for the layout elements templates use.
  func format(_ layout: String) -> String {
    let c = civil
    var out = ""
    var rest = Substring(layout)
    let tokens: [(String, () -> String)] = [
      ("January", { Self.months[c.month - 1] }), ("Jan", { String(Self.months[c.month - 1].prefix(3)) }),
      ("Monday", { Self.weekdays[c.weekday] }), ("Mon", { String(Self.weekdays[c.weekday].prefix(3)) }),
      ("MST", { self.zone }), ("2006", { Self.pad(c.year, 4) }),
      ("-07:00", { self.zoneOffset(colon: true, z: false) }),
      ("-0700", { self.zoneOffset(colon: false, z: false) }),
      ("Z07:00", { self.zoneOffset(colon: true, z: true) }),
      ("Z0700", { self.zoneOffset(colon: false, z: true) }), ("002", { Self.pad(c.yearDay, 3) }),
      ("01", { Self.pad(c.month, 2) }), ("02", { Self.pad(c.day, 2) }), ("_2", { Self.pad(c.day, 2, " ") }),
      ("06", { Self.pad(c.year % 100, 2) }), ("15", { Self.pad(c.hour, 2) }),
      ("03", { Self.pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2) }), ("04", { Self.pad(c.minute, 2) }),
      ("05", { Self.pad(c.second, 2) }), ("PM", { c.hour >= 12 ? "PM" : "AM" }),
      ("pm", { c.hour >= 12 ? "pm" : "am" }),
      ("1", { String(c.month) }), ("2", { String(c.day) }),
      ("3", { String(c.hour % 12 == 0 ? 12 : c.hour % 12) }),
      ("4", { String(c.minute) }), ("5", { String(c.second) }),
    ]
    outer: while !rest.isEmpty {
      if rest.hasPrefix(".000") || rest.hasPrefix(".999") || rest.hasPrefix(",000") || rest.hasPrefix(",999")
      {
        let fill = rest.dropFirst().first!
        let digits = rest.dropFirst().prefix { $0 == fill }.count
        let fraction = Self.pad(Int(nanoseconds), 9).prefix(digits)
        if fill == "0" {
          out += "." + fraction
        } else {
          let trimmed = fraction.reversed().drop { $0 == "0" }
          if !trimmed.isEmpty { out += "." + String(trimmed.reversed()) }
        }
        rest = rest.dropFirst(1 + digits)
        continue
      }
      for (token, value) in tokens where rest.hasPrefix(token) {
        out += value()
        rest = rest.dropFirst(token.count)
        continue outer
      }
      out.append(rest.removeFirst())
    }
    return out
  }

  private func zoneOffset(colon: Bool, z: Bool) -> String {
    if z && offset == 0 { return "Z" }
    let sign = offset < 0 ? "-" : "+"
    let hours = Self.pad(abs(offset) / 3600, 2)
    let minutes = Self.pad(abs(offset) % 3600 / 60, 2)
    return sign + hours + (colon ? ":" : "") + minutes
  }
}
