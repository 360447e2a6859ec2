/// What a run's status means for someone waiting on it: where it is, whether it will change
/// again, and how it ended.
public struct SparkRunState: Sendable, Equatable {
  public enum Outcome: String, Sendable, Equatable {
    case succeeded
    case failed
    /// The submission itself failed (spark-submit, webhook, image): the driver never ran.
    case submissionFailed
    /// Stopped by `suspend` (operator 2.x).
    case suspended
  }

  public var state: SparkApplicationState
  /// Whether the operator will change this run again. COMPLETED and FAILED are not
  /// terminal while the restart policy will run the application again.
  public var isTerminal: Bool
  /// Set once terminal.
  public var outcome: Outcome?
  /// The operator's error message, on failure.
  public var message: String?
  /// A failed or completed run that the restart policy will run again.
  public var willRerun: Bool

  /// Interprets `status` under the application's restart policy, as the operator decides
  /// reruns: OnFailure retries while attempts ≤ retries, Always reruns every end.
  public init(status: SparkApplicationStatus, restartPolicy: SparkRestartPolicy = .init()) {
    state = status.state
    message = status.errorMessage
    let rerun: Bool
    switch status.state {
    case .completed:
      rerun = restartPolicy.kind == .always
    case .failed:
      rerun =
        restartPolicy.kind == .always
        || (restartPolicy.kind == .onFailure
          && status.executionAttempts <= (restartPolicy.onFailureRetries ?? -1))
    case .submissionFailed:
      rerun =
        restartPolicy.kind == .always
        || (restartPolicy.kind == .onFailure
          && status.submissionAttempts <= (restartPolicy.onSubmissionFailureRetries ?? -1))
    default:
      rerun = false
    }
    willRerun = rerun
    switch status.state {
    case .completed where !rerun: outcome = .succeeded
    case .failed where !rerun: outcome = .failed
    case .submissionFailed where !rerun: outcome = .submissionFailed
    case .suspended: outcome = .suspended
    default: outcome = nil
    }
    isTerminal = outcome != nil
  }

  /// `COMPLETED`, `RUNNING`, `new` (no state yet), or a newer operator's own word.
  public var displayName: String {
    state == .new ? "new" : state.rawValue
  }
}
