/// One change carried out: its desired attributes rebuilt from the now-known upstream
/// outputs, the resource's calls retried where it says so, a replacement done in the
/// resource's order.
struct Step: Sendable {
  let resource: any Resource
  let change: Change
  let inputs: Inputs
  let clock: any EngineClock
  let emit: @Sendable (ProgressEvent) -> Void

  private var address: Address { change.address }

  func run() async -> StepOutcome {
    let start = clock.now
    emit(.started(address, change.action))
    do {
      let outputs = try await perform(start: start)
      let elapsed = clock.now - start
      emit(.finished(address, change.action, elapsed: elapsed))
      return .done(outputs, elapsed: elapsed)
    } catch {
      let elapsed = clock.now - start
      let message = error is CancellationError ? "interrupted" : describe(error)
      emit(.failed(address, message: message, elapsed: elapsed))
      return .failed(message, elapsed: elapsed)
    }
  }

  private func perform(start: Duration) async throws -> Outputs {
    let live = change.before.map { LiveState(attributes: $0, outputs: change.liveOutputs) }
    if change.action == .delete {
      guard let live else { return [:] }
      try await withRetries(.delete, start: start) { try await resource.delete(live, context: $0) }
      return [:]
    }
    let current = try resolved()
    switch current.action {
    case .noop:
      return change.liveOutputs
    case .create, .update:
      return try await withRetries(current.action, start: start) {
        try await resource.apply(current, context: $0)
      }
    case .replace:
      guard let live else { throw EngineError(.planOutdated, "\(address) has no live state to replace") }
      var create = current
      create.action = .create
      create.before = nil
      switch current.strategy {
      case .createBeforeDestroy:
        let outputs = try await withRetries(.create, start: start) {
          try await resource.apply(create, context: $0)
        }
        try await withRetries(.delete, start: start) { try await resource.delete(live, context: $0) }
        return outputs
      case .deleteBeforeCreate:
        try await withRetries(.delete, start: start) { try await resource.delete(live, context: $0) }
        return try await withRetries(.create, start: start) { try await resource.apply(create, context: $0) }
      }
    case .delete:
      throw EngineError(.planOutdated, "\(address) no longer has desired attributes")
    }
  }

  /// The planned change with every upstream output filled in. A change may become milder
  /// once unknowns are known (a replacement an update, an update a no-op), never harsher:
  /// apply does not do more than the plan showed.
  private func resolved() throws -> Change {
    let desired = resource.desired(inputs)
    let live = change.before.map { LiveState(attributes: $0, outputs: change.liveOutputs) }
    var fresh = resource.diff(desired: desired, live: live)
    if desired != nil, let after = fresh.after, !after.values.allSatisfy(\.isKnown) {
      throw EngineError(
        .planOutdated, "\(address) still has unknown attributes after its dependencies were applied",
        remedy: "this is a bug in the resource's outputs; run apply again")
    }
    if severity(fresh.action) > severity(change.action) {
      throw EngineError(
        .planOutdated,
        "\(address) was planned to be \(change.action.pastTense) but now needs to be \(fresh.action.pastTense)",
        remedy: "run plan again and review the new plan")
    }
    fresh.strategy = change.strategy
    return fresh
  }

  private func severity(_ action: ChangeAction) -> Int {
    switch action {
    case .noop: 0
    case .update: 1
    case .create: 2
    case .replace: 3
    case .delete: 4
    }
  }

  /// Calls `body`, retrying errors the resource calls retryable, at most `maxRetries` times.
  private func withRetries<T: Sendable>(
    _ action: ChangeAction, start: Duration, _ body: (ApplyContext) async throws -> T
  ) async throws -> T {
    var attempt = 0
    while true {
      let context = ApplyContext(
        address: address, action: action, inputs: inputs, clock: clock,
        timeout: resource.timeouts.budget(for: action), emit: emit, stepStart: start)
      do {
        return try await body(context)
      } catch let error as CancellationError {
        throw error
      } catch {
        attempt += 1
        guard attempt <= resource.maxRetries else { throw error }
        switch resource.retryAdvice(for: error, attempt: attempt) {
        case .fail:
          throw error
        case .retry(let delay):
          emit(.retrying(address, attempt: attempt, after: delay, reason: describe(error)))
          try await clock.sleep(for: delay)
        case .await(let what, let delay):
          emit(.awaiting(address, what: what, attempt: attempt, after: delay, reason: describe(error)))
          try await clock.sleep(for: delay)
        }
      }
    }
  }

  private func describe(_ error: any Error) -> String {
    "\(error)"
  }
}

extension ChangeAction {
  /// `created`, `updated in-place`, `replaced`, `destroyed`, `unchanged`.
  public var pastTense: String {
    switch self {
    case .create: "created"
    case .update: "updated in-place"
    case .replace: "replaced"
    case .delete: "destroyed"
    case .noop: "unchanged"
    }
  }
}
