import FoundationEssentials

/// How a run got going: each step of a Spark application's start on Fargate with the time
/// it was reached and how long the run spent there. Built again from each fresh status and
/// pod list, so a command can redraw it live or print the steps newly reached.
public struct SparkStartupTimeline: Sendable, Equatable {
  public enum Step: String, Sendable, CaseIterable {
    /// The operator submitted the application (spark-submit ran).
    case submitted
    /// The driver pod exists and waits for Fargate capacity.
    case driverPending = "driver pending"
    /// The driver's container started.
    case driverRunning = "driver running"
    /// The driver created its first executor pods.
    case executorsRequested = "executors requested"
    /// Fargate placed the first executor; its image is being pulled.
    case executorsPending = "executors pending"
    /// Every executor requested so far has started.
    case executorsRunning = "executors running"
    /// The run ended (its state says how).
    case completed
  }

  public struct Entry: Sendable, Equatable {
    public var step: Step
    /// When the step was reached; nil while it has not been.
    public var at: Date?
    /// Time spent in this step: until the next reached step, or until now for the current one.
    public var duration: Double?
    /// Counts and states: `2/3 running`, `FAILED`.
    public var detail: String?
  }

  /// One entry per step, in order.
  public var entries: [Entry]

  /// - Parameters:
  ///   - createdAt: the application's `creationTimestamp`, for operators (or runs) that
  ///     have not set `lastSubmissionAttemptTime`.
  ///   - now: the clock's reading, for the current step's running duration.
  public init(
    status: SparkApplicationStatus, pods: [SparkPodObservation], createdAt: Date? = nil,
    restartPolicy: SparkRestartPolicy = .init(), now: Date
  ) {
    let driver = pods.first { $0.role == .driver }
    let executors = pods.filter { $0.role == .executor }
    let started = executors.compactMap(\.startedAt)
    let run = SparkRunState(status: status, restartPolicy: restartPolicy)
    var reached: [(Step, Date?, String?)] = [
      (.submitted, status.lastSubmissionAttemptTime ?? (status.state == .new ? nil : createdAt), nil),
      (.driverPending, driver?.createdAt, nil),
      (.driverRunning, driver?.startedAt, nil),
      (
        .executorsRequested, executors.compactMap(\.createdAt).min(),
        executors.isEmpty ? nil : "\(executors.count)"
      ),
      (.executorsPending, executors.compactMap(\.scheduledAt).min(), nil),
      (
        .executorsRunning, !executors.isEmpty && started.count == executors.count ? started.max() : nil,
        executors.isEmpty ? nil : "\(started.count)/\(executors.count) running"
      ),
    ]
    let end = run.isTerminal ? (status.terminationTime ?? driver?.finishedAt ?? now) : nil
    reached.append((.completed, end, run.isTerminal ? run.displayName : nil))
    var entries = reached.map { Entry(step: $0.0, at: $0.1, duration: nil, detail: $0.2) }
    for index in entries.indices {
      guard let at = entries[index].at, entries[index].step != .completed else { continue }
      let next = entries[(index + 1)...].compactMap(\.at).first
      entries[index].duration = max(0, (next ?? now).timeIntervalSince(at))
    }
    self.entries = entries
  }

  /// The last step reached.
  public var current: Step? {
    entries.last { $0.at != nil }?.step
  }

  /// Steps reached here that were not reached in `earlier`: one line each for a log.
  public func newlyReached(since earlier: SparkStartupTimeline?) -> [Entry] {
    entries.filter { entry in
      entry.at != nil && earlier?.entries.first { $0.step == entry.step }?.at == nil
    }
  }
}
