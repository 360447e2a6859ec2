import Engine

/// A live resource found by its stack tag, with no counterpart in the stack file: it
/// exists only to be deleted (the planner plans its delete). Its live state is what the
/// discovery read; deleting is a closure over the right API call.
public struct DiscoveredResource: Resource {
  public let address: Address
  public let dependencies: [Address]
  public let constraintGroup: ConstraintGroup?
  let live: LiveState
  let remove: @Sendable (LiveState, ApplyContext) async throws -> Void

  public init(
    address: Address, live: LiveState, dependencies: [Address] = [], constraintGroup: ConstraintGroup? = nil,
    delete: @escaping @Sendable (LiveState, ApplyContext) async throws -> Void
  ) {
    self.address = address
    self.live = live
    self.dependencies = dependencies
    self.constraintGroup = constraintGroup
    self.remove = delete
  }

  public func desired(_ inputs: Inputs) -> Attributes? { nil }

  public func read(_ context: ReadContext) async throws -> LiveState? { live }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    throw StackError(.unexpectedState, "\(address) is not in the stack file and can only be deleted")
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    try await remove(live, context)
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    AWSErrors.retryWhileInUse(error)
  }
}
