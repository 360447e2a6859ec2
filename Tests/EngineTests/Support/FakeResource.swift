import Synchronization

@testable import Engine

/// An in-memory resource: desired attributes from a closure (so tests can reference
/// upstream outputs), state kept in a `FakeWorld`, optional delay, failure and waiting.
struct FakeResource: Resource {
  let address: Address
  var dependencies: [Address] = []
  var constraintGroup: ConstraintGroup?
  var replacementStrategy: ReplacementStrategy = .deleteBeforeCreate
  var immutableFields: Set<String> = []
  var timeouts = OperationTimeouts()
  var maxRetries = 10
  let world: FakeWorld
  var build: @Sendable (Inputs) -> Attributes?
  /// Real time each apply or delete call takes (for concurrency measurements).
  var delay: Duration = .zero
  /// Every apply fails with this error.
  var failure: FakeError?
  /// The states a waiter sees before the resource settles (`nil`: no waiter).
  var pendingStates: [String]?
  /// Retryable errors are an expected wait for this (a growing 100 ms, 200 ms, ...).
  var awaiting: String?

  init(
    _ type: String, _ name: String, world: FakeWorld, dependencies: [Address] = [],
    build: @escaping @Sendable (Inputs) -> Attributes?
  ) {
    self.address = Address(type, name)
    self.world = world
    self.dependencies = dependencies
    self.build = build
  }

  init(_ type: String, _ name: String, world: FakeWorld, dependencies: [Address] = [], attributes: Attributes)
  {
    self.init(type, name, world: world, dependencies: dependencies, build: { _ in attributes })
  }

  func desired(_ inputs: Inputs) -> Attributes? { build(inputs) }

  func read(_ context: ReadContext) async throws -> LiveState? {
    await world.beginRead()
    if delay > .zero { try await Task.sleep(for: delay) }
    await world.endRead()
    return await world.live[address]
  }

  func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let entry = "\(change.action.rawValue) \(address)"
    await world.begin(entry, group: constraintGroup?.key)
    if delay > .zero { try? await Task.sleep(for: delay) }
    await world.end(entry, group: constraintGroup?.key)
    if await world.takeTransientFailure(address) {
      throw FakeError(message: "role could not be assumed", retryable: true)
    }
    if let failure { throw failure }
    if let pendingStates {
      let states = StateSequence(pendingStates)
      try await context.waitUntil("become ACTIVE") { () async -> WaitStatus<Bool> in
        if let next = states.next() { return .pending(next) }
        return .done(true)
      }
    }
    let outputs: Outputs = [
      "id": .string("id-\(address.name)-\(change.after?["generation"]?.stringValue ?? "1")")
    ]
    await world.set(address, LiveState(attributes: change.after ?? [:], outputs: outputs))
    return outputs
  }

  func delete(_ live: LiveState, context: ApplyContext) async throws {
    let entry = "delete \(address)"
    await world.begin(entry, group: constraintGroup?.key)
    if delay > .zero { try? await Task.sleep(for: delay) }
    await world.end(entry, group: constraintGroup?.key)
    if let failure { throw failure }
    await world.set(address, nil)
  }

  func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    if let error = error as? FakeError, error.retryable {
      if let awaiting { return .await(awaiting, after: .milliseconds(100 * Int64(attempt))) }
      return .retry(after: .seconds(5))
    }
    return .fail
  }
}

/// Hands out a fixed list of states one at a time, from any task.
final class StateSequence: Sendable {
  private let states: Mutex<[String]>

  init(_ states: [String]) {
    self.states = Mutex(states)
  }

  func next() -> String? {
    states.withLock { $0.isEmpty ? nil : $0.removeFirst() }
  }
}
