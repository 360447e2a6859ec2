import Engine

/// `--timings`: `Wall time 1m4s, critical path 1m1s (a -> b -> c), ratio 1.05`, how close
/// the run came to the fastest any schedule could manage with these step durations.
enum RunTimings {
  static func line(_ plan: Plan, _ report: ApplyReport) -> String {
    let path = plan.criticalPath(durations: report.durations)
    let bound = path.lowerBound
    let ratio = bound > .zero ? report.elapsed.seconds / bound.seconds : 1
    let steps = path.steps.map(\.description).joined(separator: " -> ")
    return "Wall time \(report.elapsed.elapsedText) (\(seconds(report.elapsed)) s), critical path "
      + "\(bound.elapsedText) (\(seconds(bound)) s: \(steps)), ratio \(twoDecimals(ratio))"
  }

  private static func seconds(_ duration: Duration) -> String { twoDecimals(duration.seconds) }

  private static func twoDecimals(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
