import FoundationEssentials
import Jobs
import Spark
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows a followed run on standard error: on a terminal, the start-up timeline redrawn in
/// place after every read; otherwise one timestamped line per step reached.
final class JobTimelineView: Sendable {
  private struct Drawn {
    var previous: SparkStartupTimeline?
    var lines = 0
  }

  private let live: Bool
  private let drawn = Mutex(Drawn())

  init(live: Bool = isatty(STDERR_FILENO) == 1) {
    self.live = live
  }

  func show(_ run: JobRun, now: Date) {
    let timeline = run.timeline(now: now)
    drawn.withLock { drawn in
      if live {
        drawn.lines = redraw(timeline, run: run, over: drawn.lines)
      } else {
        for entry in timeline.newlyReached(since: drawn.previous) {
          let at = entry.at.map(KubernetesTime.format) ?? ""
          Notes.write("\(at) \(run.name) \(entry.step.rawValue)\(entry.detail.map { " (\($0))" } ?? "")")
        }
      }
      drawn.previous = timeline
    }
  }

  private func redraw(_ timeline: SparkStartupTimeline, run: JobRun, over previousLines: Int) -> Int {
    var lines = ["\(run.name): \(run.state.displayName)"]
    for entry in timeline.entries {
      let mark =
        entry.at == nil ? " " : (entry.step == timeline.current && entry.step != .completed ? ">" : "✓")
      let step = JobRunTable.pad(entry.step.rawValue, 20)
      lines.append("  \(mark) \(step) \(Self.seconds(entry.duration))  \(entry.detail ?? "")")
    }
    let up = previousLines > 0 ? "\u{1B}[\(previousLines)A" : ""
    StandardStreams.writeError(up + lines.map { "\u{1B}[2K" + $0 + "\n" }.joined())
    return lines.count
  }

  /// `  12.3s`, right-aligned in seven columns; blank for a step not reached.
  static func seconds(_ value: Double?) -> String {
    guard let value else { return String(repeating: " ", count: 7) }
    let tenths = Int((value * 10).rounded())
    let text = "\(tenths / 10).\(tenths % 10)s"
    return String(repeating: " ", count: max(0, 7 - text.count)) + text
  }
}
