/// IANA time zone names, checked without a zoneinfo database.
///
/// eks-spark must run where `/usr/share/zoneinfo` is absent (static binaries, slim
/// containers), so it does not read one. A name must have the IANA shape under a known
/// area (or be UTC/GMT/Etc/...); names in the embedded list of common zones pass silently,
/// other well-shaped names pass with a warning, since the operator resolves them itself.
enum TimeZoneNames {
  enum Verdict: Equatable {
    case known
    case unlisted
    case invalid(String)
  }

  static let areas = [
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian",
    "Pacific", "Etc",
  ]

  static let common: Set<String> = [
    "UTC", "GMT", "Etc/UTC", "Etc/GMT",
    "Africa/Cairo", "Africa/Casablanca", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
    "America/Anchorage", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Chicago",
    "America/Denver",
    "America/Halifax", "America/Lima", "America/Los_Angeles", "America/Mexico_City", "America/New_York",
    "America/Phoenix", "America/Santiago", "America/Sao_Paulo", "America/St_Johns", "America/Toronto",
    "America/Vancouver", "Asia/Bangkok", "Asia/Dhaka", "Asia/Dubai", "Asia/Hong_Kong", "Asia/Jakarta",
    "Asia/Jerusalem", "Asia/Karachi", "Asia/Kolkata", "Asia/Manila", "Asia/Riyadh", "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Singapore", "Asia/Taipei", "Asia/Tehran", "Asia/Tokyo", "Atlantic/Azores", "Atlantic/Reykjavik",
    "Australia/Adelaide", "Australia/Brisbane", "Australia/Melbourne", "Australia/Perth", "Australia/Sydney",
    "Europe/Amsterdam", "Europe/Athens", "Europe/Berlin", "Europe/Brussels", "Europe/Bucharest",
    "Europe/Budapest",
    "Europe/Copenhagen", "Europe/Dublin", "Europe/Helsinki", "Europe/Istanbul", "Europe/Kyiv",
    "Europe/Lisbon",
    "Europe/London", "Europe/Luxembourg", "Europe/Madrid", "Europe/Milan", "Europe/Moscow", "Europe/Oslo",
    "Europe/Paris", "Europe/Prague", "Europe/Rome", "Europe/Stockholm", "Europe/Vienna", "Europe/Warsaw",
    "Europe/Zurich", "Indian/Maldives", "Indian/Mauritius", "Pacific/Auckland", "Pacific/Fiji",
    "Pacific/Honolulu",
  ]

  static func check(_ name: String) -> Verdict {
    if common.contains(name) { return .known }
    if name.hasPrefix("Etc/GMT") {
      let offset = name.dropFirst("Etc/GMT".count)
      if let sign = offset.first, sign == "+" || sign == "-", let hours = Int(offset.dropFirst()),
        (0...14).contains(hours)
      {
        return .known
      }
      return .invalid("Etc/GMT offsets are written Etc/GMT+5 or Etc/GMT-3 (-14 to +12)")
    }
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count >= 2 else {
      return .invalid(
        "time zones are IANA names like Europe/Amsterdam; abbreviations like CET or EST are ambiguous")
    }
    guard areas.contains(String(parts[0])) else {
      var reason = "\"\(parts[0])\" is not an IANA area (\(areas.joined(separator: ", ")))"
      if let suggestion = EditDistance.suggestion(for: String(parts[0]), among: areas) {
        reason += "; did you mean \(suggestion)?"
      }
      return .invalid(reason)
    }
    for part in parts.dropFirst() {
      guard let first = part.first, first.isUppercase || first.isNumber,
        part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-+".contains($0)) })
      else {
        return .invalid("\"\(part)\" is not shaped like a zone name (Capitalised, '_' for spaces: New_York)")
      }
    }
    return .unlisted
  }

  /// The common zone closest to a misspelt name, if any is close.
  static func suggestion(for name: String) -> String? {
    EditDistance.suggestion(for: name, among: common.sorted())
  }
}
