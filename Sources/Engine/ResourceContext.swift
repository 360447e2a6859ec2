/// What a resource's `read` may use from the engine.
public struct ReadContext: Sendable {
  public let clock: any EngineClock

  public init(clock: any EngineClock = SystemClock()) {
    self.clock = clock
  }
}

/// What a resource's `apply` and `delete` get from the executor: the resolved outputs of
/// its dependencies, the clock, the time budget of the operation in progress and a way to
/// wait that reports progress.
public struct ApplyContext: Sendable {
  /// The resource being changed.
  public let address: Address
  /// The action in progress (`create`, `update` or `delete`; a replacement is one of each).
  public let action: ChangeAction
  /// The outputs of every dependency, all known.
  public let inputs: Inputs
  public let clock: any EngineClock
  /// The waiter budget of this operation (`OperationTimeouts`).
  public let timeout: Duration
  let emit: @Sendable (ProgressEvent) -> Void
  let stepStart: Duration

  public init(
    address: Address, action: ChangeAction, inputs: Inputs = Inputs(), clock: any EngineClock = SystemClock(),
    timeout: Duration = .seconds(600), emit: @escaping @Sendable (ProgressEvent) -> Void = { _ in }
  ) {
    self.init(
      address: address, action: action, inputs: inputs, clock: clock, timeout: timeout, emit: emit,
      stepStart: clock.now)
  }

  init(
    address: Address, action: ChangeAction, inputs: Inputs, clock: any EngineClock, timeout: Duration,
    emit: @escaping @Sendable (ProgressEvent) -> Void, stepStart: Duration
  ) {
    self.address = address
    self.action = action
    self.inputs = inputs
    self.clock = clock
    self.timeout = timeout
    self.emit = emit
    self.stepStart = stepStart
  }

  /// Reports what a long step is doing now (a builder's latest output line), shown the
  /// way a waiter's state is: under the step's "Still creating..." line.
  public func progress(_ state: String) {
    emit(.waiting(address, state: state, elapsed: clock.now - stepStart))
  }

  /// Waits for the resource to settle, reporting `waiting` progress events; `timeout`
  /// defaults to the operation's budget.
  public func waitUntil<Value: Sendable>(
    _ condition: String, timeout: Duration? = nil, backoff: Backoff = .standard,
    check: @Sendable () async throws -> WaitStatus<Value>
  ) async throws -> Value {
    let (address, emit, clock, start) = (self.address, self.emit, self.clock, self.stepStart)
    return try await Engine.waitUntil(
      "\(address) to \(condition)", clock: clock, timeout: timeout ?? self.timeout, backoff: backoff,
      onPoll: { state, _ in emit(.waiting(address, state: state, elapsed: clock.now - start)) },
      check: check)
  }
}
