/// What the executor is doing, for the CLI's progress display. Elapsed times count from
/// the start of the step.
public enum ProgressEvent: Sendable, Hashable {
  case started(Address, ChangeAction)
  /// A waiter polled and the resource is not there yet.
  case waiting(Address, state: String, elapsed: Duration)
  /// A call failed with an error the resource called retryable.
  case retrying(Address, attempt: Int, after: Duration, reason: String)
  /// A call met an expected wait (`what`: `the new IAM role to propagate`); tried again
  /// after the delay. `reason` holds the API's words.
  case awaiting(Address, what: String, attempt: Int, after: Duration, reason: String)
  case finished(Address, ChangeAction, elapsed: Duration)
  case failed(Address, message: String, elapsed: Duration)
  /// Not run because `dependency` failed (or was itself skipped for that reason).
  case skipped(Address, dependency: Address)

  /// The resource the event is about.
  public var address: Address {
    switch self {
    case .started(let address, _), .waiting(let address, _, _), .retrying(let address, _, _, _),
      .awaiting(let address, _, _, _, _),
      .finished(let address, _, _), .failed(let address, _, _), .skipped(let address, _):
      address
    }
  }
}
