/// What happened to each step of an apply.
public struct StepResult: Sendable, Hashable {
  public enum Outcome: Sendable, Hashable {
    /// The change was made.
    case done
    /// The step failed; the message says why.
    case failed(String)
    /// Not run because this dependency failed.
    case skipped(because: Address)
    /// Not run because the apply was cancelled first.
    case notStarted
  }

  public var address: Address
  public var action: ChangeAction
  public var outcome: Outcome
  /// How long the step ran (zero when it did not run).
  public var elapsed: Duration

  public init(address: Address, action: ChangeAction, outcome: Outcome, elapsed: Duration = .zero) {
    self.address = address
    self.action = action
    self.outcome = outcome
    self.elapsed = elapsed
  }
}

/// The result of executing a plan: every change that was to do something, in plan order.
public struct ApplyReport: Sendable {
  public var steps: [StepResult]
  /// Whether the run was cancelled before every step could start.
  public var cancelled: Bool
  /// Wall time of the whole run.
  public var elapsed: Duration
  /// The outputs of every resource that exists after the run, for callers that print them.
  public var outputs: [Address: Outputs]

  public init(steps: [StepResult], cancelled: Bool, elapsed: Duration, outputs: [Address: Outputs] = [:]) {
    self.steps = steps
    self.cancelled = cancelled
    self.elapsed = elapsed
    self.outputs = outputs
  }

  public var done: [StepResult] { steps.filter { $0.outcome == .done } }
  public var failed: [StepResult] {
    steps.filter {
      if case .failed = $0.outcome { return true }
      return false
    }
  }
  public var skipped: [StepResult] {
    steps.filter {
      if case .skipped = $0.outcome { return true }
      return false
    }
  }
  public var notStarted: [StepResult] { steps.filter { $0.outcome == .notStarted } }

  /// Whether every change was made (the caller exits non-zero otherwise).
  public var succeeded: Bool { !cancelled && steps.allSatisfy { $0.outcome == .done } }

  /// How long each step that ran took, for `Plan.criticalPath(durations:)`.
  public var durations: [Address: Duration] {
    Dictionary(steps.filter { $0.outcome == .done }.map { ($0.address, $0.elapsed) }, uniquingKeysWith: max)
  }
}
