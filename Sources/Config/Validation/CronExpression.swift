/// Checks cron schedules the way the Spark Operator reads them (robfig/cron v3's standard
/// parser): five fields, or a descriptor such as `@daily` or `@every 1h`, optionally after
/// `CRON_TZ=<zone>`.
enum CronExpression {
  struct Field {
    var name: String
    var range: ClosedRange<Int>
    var names: [String]
  }

  static let fields = [
    Field(name: "minute", range: 0...59, names: []),
    Field(name: "hour", range: 0...23, names: []),
    Field(name: "day of month", range: 1...31, names: []),
    Field(
      name: "month", range: 1...12,
      names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
    Field(name: "day of week", range: 0...6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
  ]

  static let descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

  /// Nil when the expression is valid, else what is wrong.
  static func problem(in expression: String) -> String? {
    var text = expression.trimmingSpaces()
    if text.hasPrefix("CRON_TZ=") || text.hasPrefix("TZ=") {
      guard let space = text.firstIndex(of: " ") else {
        return "a time zone prefix needs a schedule after it"
      }
      text = String(text[text.index(after: space)...]).trimmingSpaces()
    }
    if text.hasPrefix("@") {
      if descriptors.contains(text) { return nil }
      if text.hasPrefix("@every ") {
        let duration = String(text.dropFirst("@every ".count))
        return StackDecoder.durationSeconds(duration) == nil
          ? "\"\(duration)\" is not a duration (write 30m, 1h or 1h30m)" : nil
      }
      return
        "unknown descriptor \"\(text)\"; use one of \(descriptors.joined(separator: ", ")) or @every <duration>"
    }
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 5 else {
      return
        "it has \(parts.count) field\(parts.count == 1 ? "" : "s"); cron needs 5 (minute hour day-of-month month day-of-week)"
    }
    for (part, field) in zip(parts, fields) {
      if let problem = problem(inField: String(part), field) { return problem }
    }
    return nil
  }

  private static func problem(inField text: String, _ field: Field) -> String? {
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
      guard stepParts.count <= 2, !stepParts[0].isEmpty else {
        return "the \(field.name) field \"\(text)\" is malformed"
      }
      if stepParts.count == 2 {
        guard let step = Int(stepParts[1]), step > 0 else {
          return "the step \"\(stepParts[1])\" in the \(field.name) field must be a positive number"
        }
        _ = step
      }
      let range = stepParts[0]
      if range == "*" || range == "?" { continue }
      let bounds = range.split(separator: "-", omittingEmptySubsequences: false)
      guard bounds.count <= 2 else { return "the \(field.name) field \"\(text)\" is malformed" }
      var values: [Int] = []
      for bound in bounds {
        guard let value = value(String(bound), field) else {
          return
            "\"\(bound)\" is not a valid \(field.name) (\(field.range.lowerBound)-\(field.range.upperBound)"
            + (field.names.isEmpty ? ")" : " or \(field.names.first!)-\(field.names.last!))")
        }
        values.append(value)
      }
      if values.count == 2, values[0] > values[1] {
        return "the \(field.name) range \"\(range)\" runs backwards"
      }
    }
    return nil
  }

  private static func value(_ text: String, _ field: Field) -> Int? {
    if let index = field.names.firstIndex(of: text.uppercased()) {
      return field.range.lowerBound + index
    }
    guard let number = Int(text), field.range.contains(number) else { return nil }
    return number
  }
}
