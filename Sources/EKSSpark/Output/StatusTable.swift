import Engine
import Stack

/// `eks-spark status` as a table (kubectl style: upper-case headings, columns padded) or
/// as JSON.
struct StatusTable {
  var style: TextStyle

  func render(_ report: StatusReport) -> String {
    var rows = [["ADDRESS", "ID", "STATE", "DRIFT"]]
    for row in report.resources {
      rows.append([
        row.address, row.id ?? "-", row.state.rawValue,
        row.drift.isEmpty ? "-" : row.drift.joined(separator: ","),
      ])
    }
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      row.enumerated().map { column, text in
        column == 3 ? text : text.padding(widths[column])
      }.joined(separator: "   ")
    }
    let counts = Dictionary(grouping: report.resources, by: \.state).mapValues(\.count)
    let summary = StatusReport.Row.State.allOrdered.compactMap { state in
      counts[state].map { "\($0) \(state.rawValue)" }
    }
    lines.insert("Stack \(report.stack) in \(report.region), account \(report.account):", at: 0)
    lines.append("")
    lines.append(summary.isEmpty ? "No resources." : summary.joined(separator: ", ") + ".")
    return lines.joined(separator: "\n")
  }
}

extension StatusReport.Row.State {
  static let allOrdered: [Self] = [.inSync, .drifted, .mustReplace, .missing, .orphan]
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
