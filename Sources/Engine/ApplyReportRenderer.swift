/// Prints the outcome of an apply: a headline and one line per step (done, failed,
/// skipped, not started) with elapsed times. Skipped steps name the failed dependency
/// once; they are not errors of their own.
public struct ApplyReportRenderer: Sendable {
  public var style: TextStyle
  /// `Apply` or `Destroy`, for the headline.
  public var verb: String

  public init(style: TextStyle = .plain, verb: String = "Apply") {
    self.style = style
    self.verb = verb
  }

  public func render(_ report: ApplyReport) -> String {
    var out = headline(report) + "\n"
    guard !report.steps.isEmpty else { return out }
    out += "\n"
    let width = report.steps.map(\.address.description.count).max() ?? 0
    for step in report.steps {
      let address = step.address.description.padding(to: width)
      switch step.outcome {
      case .done:
        out +=
          "  \(style.green("done   "))  \(address)  \(step.action.pastTense.padding(to: 16)) \(step.elapsed.elapsedText)\n"
      case .failed(let message):
        out +=
          "  \(style.red("failed "))  \(address)  \("\(step.action.rawValue) failed".padding(to: 16)) \(step.elapsed.elapsedText)\n"
        out += "           " + style.red("error: ") + message + "\n"
      case .skipped(let dependency):
        out += "  \(style.yellow("skipped"))  \(address)  (\(dependency) failed)\n"
      case .notStarted:
        out += "  \(style.dim("pending"))  \(address)  (not started: apply was cancelled)\n"
      }
    }
    return out
  }

  private func headline(_ report: ApplyReport) -> String {
    var added = 0
    var changed = 0
    var destroyed = 0
    for step in report.done {
      switch step.action {
      case .create: added += 1
      case .update: changed += 1
      case .delete: destroyed += 1
      case .replace:
        added += 1
        destroyed += 1
      case .noop: break
      }
    }
    let counts = "\(added) added, \(changed) changed, \(destroyed) destroyed"
    let time = report.elapsed.elapsedText
    if report.succeeded {
      return style.bold(style.green("\(verb) complete!")) + " Resources: \(counts) (\(time))."
    }
    var parts = [
      "\(report.done.count) done", "\(report.failed.count) failed", "\(report.skipped.count) skipped",
    ]
    if !report.notStarted.isEmpty { parts.append("\(report.notStarted.count) not started") }
    let title = report.cancelled && report.failed.isEmpty ? "\(verb) cancelled:" : "\(verb) failed:"
    return style.bold(style.red(title)) + " " + parts.joined(separator: ", ")
      + " (\(time)). Resources: \(counts)."
  }
}
