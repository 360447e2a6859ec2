/// Reads live state and diffs it against the desired graph. Reading is the only part that
/// talks to anything; diffing is pure.
public struct Planner: Sendable {
  /// What the plan is for.
  public enum Mode: Sendable, Hashable {
    /// Bring live state to the stack file.
    case apply
    /// Delete every resource of the graph (and every owned orphan).
    case destroy
  }

  /// How many reads are in flight at once.
  public var parallelism: Int
  public var clock: any EngineClock

  public init(parallelism: Int = 10, clock: any EngineClock = SystemClock()) {
    self.parallelism = max(1, parallelism)
    self.clock = clock
  }

  /// Reads every resource of `graph` (and asks `sources` for owned resources not in it),
  /// independent reads in flight together, then diffs. A read may wait for the live state
  /// of its dependencies (`ReadContext.live(of:)`); reads start in dependency order, so a
  /// read waits only on reads already in flight.
  /// - Throws: `.readFailed` listing every read that failed.
  public func plan(
    _ graph: ResourceGraph, owned sources: [any OwnedResourceSource] = [], mode: Mode = .apply
  ) async throws -> Plan {
    // One board per run: a read that needs a dependency's live state waits for that read.
    let context = ReadContext(clock: clock, reader: nil, allowed: [], board: LiveBoard())
    // Finding orphans and reading the desired resources do not depend on each other.
    // Sources may wait for the read of any resource of the graph (the cluster's, to list
    // what is in it).
    let sourceContext = ReadContext(
      clock: clock, reader: nil, allowed: Set(graph.resources.keys), board: context.board)
    async let found = discover(sources, excluding: graph, context: sourceContext)
    async let desiredLive = readAll(graph, context: context)
    let orphans = try await found
    var live = try await desiredLive
    let full = try orphans.isEmpty ? graph : graph.adding(orphans)
    if !orphans.isEmpty {
      let orphanGraph = try ResourceGraph(orphans.map { OrphanedResource(base: $0, known: []) })
      live.merge(try await readAll(orphanGraph, context: context)) { _, orphan in orphan }
    }
    return try Self.diff(full, live: live, mode: mode)
  }

  /// The pure half of planning: turns live state into changes, in dependency order so
  /// each resource sees which upstream outputs are known.
  public static func diff(_ graph: ResourceGraph, live: [Address: LiveState], mode: Mode = .apply) throws
    -> Plan
  {
    var inputs = Inputs()
    var changes: [Change] = []
    for resource in graph.orderedResources {
      let current = live[resource.address]
      let desired = mode == .destroy ? nil : resource.desired(inputs.restricted(to: resource.dependencies))
      var change = resource.diff(desired: desired, live: current)
      if change.action == .delete, change.reason == nil, mode == .apply {
        change.reason = "it is not in the stack file"
      }
      changes.append(change)
      // Dependents see outputs that survive this change; a new resource's are unknown.
      if let current, change.action == .noop || change.action == .update {
        inputs.record(current.outputs, for: resource.address)
      }
    }
    return try Plan(graph: graph, changes: changes)
  }

  private func discover(
    _ sources: [any OwnedResourceSource], excluding graph: ResourceGraph, context: ReadContext
  ) async throws -> [any Resource] {
    guard !sources.isEmpty else { return [] }
    let found = try await withThrowingTaskGroup(of: [any Resource].self) { group in
      for source in sources { group.addTask { try await source.ownedResources(context) } }
      var all: [any Resource] = []
      for try await batch in group { all.append(contentsOf: batch) }
      return all
    }
    var seen = Set(graph.resources.keys)
    return found.sorted { $0.address < $1.address }.filter { seen.insert($0.address).inserted }
      .map { OrphanedResource(base: $0, known: seen) }
  }

  /// One read as a value, so a failed read does not end the others. Kept out of line so
  /// the optimiser cannot fold the do/catch back into the task group's child closure
  /// (see `readAll`).
  @inline(never)
  private static func outcome(of resource: any Resource, context: ReadContext) async -> Result<
    LiveState?, any Error
  > {
    let result: Result<LiveState?, any Error>
    do { result = .success(try await resource.read(context.reading(resource))) } catch {
      result = .failure(error)
    }
    context.board?.publish(resource.address, result)
    return result
  }

  private func readAll(_ graph: ResourceGraph, context: ReadContext) async throws -> [Address: LiveState] {
    let limit = parallelism
    var live: [Address: LiveState] = [:]
    var failures: [(Address, any Error)] = []
    await withTaskGroup(of: (Address, Result<LiveState?, any Error>).self) { group in
      var pending = graph.order[...]
      func startNext() {
        guard let address = pending.popFirst() else { return }
        let resource = graph[address]!
        // The do/catch lives in `outcome`, not in this closure: Swift 6.3.1 at -O
        // miscompiled a child closure returning `(Address, Result<_, any Error>)` from
        // both a `do` and its `catch` around an existential `try await` (the group's
        // `offer` then copied a garbage result: SIGSEGV in swift_retain from
        // AccumulatingTaskGroup::offer, or "pure virtual method called").
        group.addTask { (address, await Self.outcome(of: resource, context: context)) }
      }
      for _ in 0..<limit { startNext() }
      for await (address, result) in group {
        switch result {
        case .success(let state?): live[address] = state
        case .success(nil): break
        case .failure(let error): failures.append((address, error))
        }
        startNext()
      }
    }
    guard failures.isEmpty else {
      failures.sort { $0.0 < $1.0 }
      let list = failures.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
      throw EngineError(
        .readFailed, "could not read \(failures.count) resource\(failures.count == 1 ? "" : "s"): \(list)",
        cause: failures.count == 1 ? failures[0].1 : nil,
        remedy: "check credentials and connectivity, then run plan again")
    }
    return live
  }
}

extension Inputs {
  /// Only the outputs of `addresses`: a resource sees what it declared it depends on.
  func restricted(to addresses: [Address]) -> Inputs {
    var inputs = Inputs()
    for address in addresses {
      if let outputs = outputs(of: address) { inputs.record(outputs, for: address) }
    }
    return inputs
  }
}

/// An owned resource found by tag with no counterpart in the stack file: planned for
/// deletion whatever its own `desired` says, and its dependencies limited to resources
/// that are in the graph.
struct OrphanedResource: Resource {
  let base: any Resource
  let known: Set<Address>

  var address: Address { base.address }
  var dependencies: [Address] { base.dependencies.filter(known.contains) }
  var constraintGroup: ConstraintGroup? { base.constraintGroup }
  var timeouts: OperationTimeouts { base.timeouts }
  var maxRetries: Int { base.maxRetries }
  func desired(_ inputs: Inputs) -> Attributes? { nil }
  // The base may ask for its own dependencies, not only those left in the graph: the
  // graph's reads are all done by the time orphans are read.
  func read(_ context: ReadContext) async throws -> LiveState? {
    try await base.read(context.readingSettled(base))
  }
  func diff(desired: Attributes?, live: LiveState?) -> Change { base.diff(desired: nil, live: live) }
  func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    try await base.apply(change, context: context)
  }
  func delete(_ live: LiveState, context: ApplyContext) async throws {
    try await base.delete(live, context: context)
  }
  func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    base.retryAdvice(for: error, attempt: attempt)
  }
}
