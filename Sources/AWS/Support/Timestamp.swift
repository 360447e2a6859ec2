import FoundationEssentials

/// The date formats AWS speaks, written and read without a formatter (fast start-up and
/// no locale surprises): `20150830T123600Z`, ISO 8601, and RFC 1123 HTTP dates.
enum Timestamp {
  struct Civil {
    var year, month, day, hour, minute, second: Int
  }

  static func civil(_ date: Date) -> Civil {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let secondOfDay = seconds - days * 86400
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return Civil(
      year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
      second: secondOfDay % 60)
  }

  static func date(_ c: Civil) -> Date {
    let y = c.month <= 2 ? c.year - 1 : c.year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = c.month > 2 ? c.month - 3 : c.month + 9
    let dayOfYear = (153 * m + 2) / 5 + c.day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return Date(timeIntervalSince1970: Double(days * 86400 + c.hour * 3600 + c.minute * 60 + c.second))
  }

  private static func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// `20150830T123600Z`
  static func amzDate(_ date: Date) -> String {
    let c = civil(date)
    return "\(pad(c.year, 4))\(pad(c.month))\(pad(c.day))T\(pad(c.hour))\(pad(c.minute))\(pad(c.second))Z"
  }

  /// `2015-08-30T12:36:00Z`, the form Kubernetes' ExecCredential uses.
  static func iso8601(_ date: Date) -> String {
    let c = civil(date)
    return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
  }

  /// Reads ISO 8601 timestamps as AWS returns them (`2015-08-30T12:36:00Z`,
  /// `…00.123Z`, `…00+00:00`), and epoch seconds (EKS's JSON dates).
  static func parse(_ text: String) -> Date? {
    if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
    let bytes = Array(text.utf8)
    guard bytes.count >= 19 else { return nil }
    func number(_ from: Int, _ length: Int) -> Int? {
      Int(String(decoding: bytes[from..<from + length], as: UTF8.self))
    }
    guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2)
    else { return nil }
    var date = date(Civil(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    var index = 19
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      var fraction = "0."
      index += 1
      while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
        fraction.append(Character(UnicodeScalar(bytes[index])))
        index += 1
      }
      date += Double(fraction) ?? 0
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
      bytes.count >= index + 6, let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
    {
      let offset = Double(hours * 3600 + minutes * 60)
      date += bytes[index] == UInt8(ascii: "+") ? -offset : offset
    }
    return date
  }

  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// Reads an RFC 1123 HTTP date (`Thu, 26 Nov 2026 14:33:33 GMT`), for clock-skew checks.
  static func parseHTTPDate(_ text: String) -> Date? {
    let parts = text.split(separator: " ")
    guard parts.count >= 5, let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])),
      let year = Int(parts[3])
    else { return nil }
    let time = parts[4].split(separator: ":").compactMap { Int($0) }
    guard time.count == 3 else { return nil }
    return date(
      Civil(year: year, month: month + 1, day: day, hour: time[0], minute: time[1], second: time[2]))
  }

  /// `Thu, 26 Nov 2026 14:33:33 GMT`
  static func httpDate(_ date: Date) -> String {
    let c = civil(date)
    let days = Int((date.timeIntervalSince1970 / 86400).rounded(.down))
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    return
      "\(weekday), \(pad(c.day)) \(months[c.month - 1]) \(c.year) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) GMT"
  }
}
