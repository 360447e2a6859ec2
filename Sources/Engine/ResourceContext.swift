import Synchronization

/// What a resource's `read` may use from the engine: the clock, and the live state of the
/// resources it depends on, read in the same planning run.
public struct ReadContext: Sendable {
  public let clock: any EngineClock
  /// The resource being read, and what it may ask for.
  let reader: Address?
  let allowed: Set<Address>
  let board: LiveBoard?
  /// Every read of the run has finished: a state not on the board will never be.
  var settled = false

  public init(clock: any EngineClock = SystemClock()) {
    self.init(clock: clock, reader: nil, allowed: [], board: nil)
  }

  /// A context whose `live(of:)` answers from `states` (tests, and callers that read
  /// upstream state themselves).
  public init(clock: any EngineClock = SystemClock(), upstream states: [Address: LiveState]) {
    let board = LiveBoard()
    board.preload(states)
    self.init(clock: clock, reader: nil, allowed: Set(states.keys), board: board)
  }

  init(clock: any EngineClock, reader: Address?, allowed: Set<Address>, board: LiveBoard?) {
    self.clock = clock
    self.reader = reader
    self.allowed = allowed
    self.board = board
  }

  /// The same context for reading `resource`: it may ask for its dependencies only.
  func reading(_ resource: any Resource) -> ReadContext {
    ReadContext(clock: clock, reader: resource.address, allowed: Set(resource.dependencies), board: board)
  }

  /// The context for reading an orphan after every resource of the graph has been read:
  /// it may ask for any of its own dependencies, and one the graph does not have is absent.
  func readingSettled(_ resource: any Resource) -> ReadContext {
    var context = reading(resource)
    context.settled = true
    return context
  }

  /// The live state of `address`, one of this resource's dependencies, as this planning
  /// run read it (`nil`: it does not exist yet). Each resource is read once per run; a read
  /// that asks waits only for that one read, so reads that need the cluster's endpoint go
  /// out together as soon as the cluster has been read.
  /// - Throws: `EngineError.readFailed` when `address` is not a dependency or its read failed.
  public func live(of address: Address) async throws -> LiveState? {
    guard allowed.contains(address), let board else {
      throw EngineError(
        .readFailed, "\(reader.map { "\($0)" } ?? "a resource") read \(address), which it does not depend on",
        remedy: "declare \(address) in the resource's dependencies")
    }
    if settled, board.peek(address) == nil { return nil }
    switch await board.result(of: address) {
    case .success(let state): return state
    case .failure(let error):
      throw EngineError(.readFailed, "\(address) could not be read", cause: error)
    }
  }
}

/// The reads of one planning run, as they finish: a read that needs another's live state
/// waits here for it.
final class LiveBoard: Sendable {
  private let state = Mutex(Board())

  private struct Board {
    var results: [Address: Result<LiveState?, any Error>] = [:]
    var waiting: [Address: [CheckedContinuation<Result<LiveState?, any Error>, Never>]] = [:]
  }

  func preload(_ states: [Address: LiveState]) {
    for (address, live) in states { publish(address, .success(live)) }
  }

  func publish(_ address: Address, _ result: Result<LiveState?, any Error>) {
    let waiters = state.withLock { board in
      board.results[address] = result
      return board.waiting.removeValue(forKey: address) ?? []
    }
    for waiter in waiters { waiter.resume(returning: result) }
  }

  func peek(_ address: Address) -> Result<LiveState?, any Error>? {
    state.withLock { $0.results[address] }
  }

  func result(of address: Address) async -> Result<LiveState?, any Error> {
    await withCheckedContinuation { continuation in
      let ready = state.withLock { board -> Result<LiveState?, any Error>? in
        if let result = board.results[address] { return result }
        board.waiting[address, default: []].append(continuation)
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }
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
