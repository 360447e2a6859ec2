import Jobs

/// The person's form of runs: `job list`'s table and `job status`'s block.
enum JobRunTable {
  static func list(_ reports: [JobRunReport]) -> String {
    guard !reports.isEmpty else { return "no runs" }
    let rows =
      [["RUN", "JOB", "NAMESPACE", "STATE", "SUBMITTED", "DURATION", "COST"]]
      + reports.map {
        [
          $0.run, $0.job, $0.namespace, $0.state, $0.submittedAt ?? "-", duration($0.durationSeconds),
          cost($0),
        ]
      }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : JobRunTable.pad(cell, widths[index])
      }
      .joined(separator: "  ")
    }
    .joined(separator: "\n")
  }

  static func status(_ report: JobRunReport) -> String {
    var lines = [
      "run:        \(report.run)",
      "job:        \(report.job)",
      "namespace:  \(report.namespace)",
      "state:      \(report.state)",
    ]
    if let message = report.message { lines.append("message:    \(message)") }
    lines.append("submitted:  \(report.submittedAt ?? "-")")
    lines.append("duration:   \(duration(report.durationSeconds))")
    lines.append("cost:       \(cost(report))")
    lines.append("driver pod: \(report.driverPod)")
    lines.append("timeline:")
    for step in report.timeline {
      let seconds = JobTimelineView.seconds(step.seconds)
      let name = JobRunTable.pad(step.step, 20)
      lines.append("  \(step.at == nil ? " " : "✓") \(name) \(seconds)  \(step.detail ?? "")")
    }
    return lines.joined(separator: "\n")
  }

  /// `text` followed by spaces up to `width` columns.
  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  static func duration(_ seconds: Double?) -> String {
    guard let seconds else { return "-" }
    let whole = Int(seconds.rounded())
    return whole >= 60 ? "\(whole / 60)m\(whole % 60)s" : "\(whole)s"
  }

  /// `$0.0123`, `$0.0040+` while pods still run, `-` without a price for the region.
  static func cost(_ report: JobRunReport) -> String {
    guard let usd = report.costUSD else { return "-" }
    let hundredths = Int((usd * 10_000).rounded())
    let digits = String(hundredths % 10_000)
    let text = "$\(hundredths / 10_000).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
    return report.costFinal == false ? text + "+" : text
  }
}
