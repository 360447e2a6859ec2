/// One poll's answer while waiting for a resource to settle.
public enum WaitStatus<Value: Sendable>: Sendable {
  /// Finished, with the value the waiter hands back (the described resource, outputs).
  case done(Value)
  /// Not yet; the text says what state it is in (`CREATING`), for progress and errors.
  case pending(String)
}

/// Polls `check` with `backoff` between polls until it answers `.done` or `timeout`
/// passes, then fails with an error naming what was awaited, the budget and the last
/// state seen.
///
/// - Parameters:
///   - what: what is awaited, as a phrase: `aws.eks.cluster.main to become ACTIVE`.
///   - onPoll: told the state and the elapsed time after each pending poll (progress).
public func waitUntil<Value: Sendable>(
  _ what: String, clock: any EngineClock, timeout: Duration, backoff: Backoff = .standard,
  onPoll: (@Sendable (String, Duration) -> Void)? = nil,
  check: @Sendable () async throws -> WaitStatus<Value>
) async throws -> Value {
  let start = clock.now
  var attempt = 0
  var lastState = "not checked"
  while true {
    try Task.checkCancellation()
    switch try await check() {
    case .done(let value):
      return value
    case .pending(let state):
      lastState = state
    }
    let elapsed = clock.now - start
    onPoll?(lastState, elapsed)
    let remaining = timeout - elapsed
    if remaining <= .zero {
      throw EngineError(
        .waitTimeout,
        "timed out after \(timeout.elapsedText) waiting for \(what) (last state: \(lastState))",
        remedy: "the operation may still finish; run the command again to pick it up")
    }
    try await clock.sleep(for: min(backoff.delay(attempt: attempt, elapsed: elapsed), remaining))
    attempt += 1
  }
}
