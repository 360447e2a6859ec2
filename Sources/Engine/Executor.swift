/// Runs a plan: steps in dependency order, up to `parallelism` at once, members of a
/// constraint group no more than the group's capacity at once, outputs handed to
/// dependents, dependents of a failed step skipped while independent branches finish.
public struct Executor: Sendable {
  /// How many steps run at once (`--parallelism`).
  public var parallelism: Int
  public var clock: any EngineClock
  /// A graceful stop request; see `CancellationSignal`.
  public var cancellation: CancellationSignal?

  public init(
    parallelism: Int = 10, clock: any EngineClock = SystemClock(), cancellation: CancellationSignal? = nil
  ) {
    self.parallelism = max(1, parallelism)
    self.clock = clock
    self.cancellation = cancellation
  }

  /// Executes `plan` and reports on every step; never throws: failures are in the report.
  public func execute(
    _ plan: Plan, onEvent: @escaping @Sendable (ProgressEvent) -> Void = { _ in }
  ) async -> ApplyReport {
    let start = clock.now
    var run = ExecutionState(plan: plan)
    let (limit, clock) = (parallelism, self.clock)
    await withTaskGroup(of: (Address, StepOutcome).self) { group in
      func launchReady() {
        run.resolveNoops()
        while run.inFlight < limit, !isStopping, let address = run.nextLaunchable() {
          let change = plan.change(for: address)!
          let resource = plan.graph[address]!
          let inputs = run.inputs.restricted(to: resource.dependencies)
          group.addTask {
            let step = Step(resource: resource, change: change, inputs: inputs, clock: clock, emit: onEvent)
            return (address, await step.run())
          }
        }
      }
      launchReady()
      while let (address, outcome) = await group.next() {
        run.finish(address, outcome, emit: onEvent)
        launchReady()
      }
    }
    let steps = run.results()
    let cancelled = isStopping && steps.contains { $0.outcome != .done }
    return ApplyReport(
      steps: steps, cancelled: cancelled, elapsed: clock.now - start,
      outputs: run.inputs.all)
  }

  /// Starts executing `plan` and returns the progress events as a stream (finished when
  /// the run ends) and the task whose value is the report. Cancelling the task stops new
  /// work and interrupts waiters.
  public func start(_ plan: Plan) -> (events: AsyncStream<ProgressEvent>, report: Task<ApplyReport, Never>) {
    let (stream, continuation) = AsyncStream.makeStream(of: ProgressEvent.self, bufferingPolicy: .unbounded)
    let task = Task {
      let report = await execute(plan) { continuation.yield($0) }
      continuation.finish()
      return report
    }
    return (stream, task)
  }

  private var isStopping: Bool {
    Task.isCancelled || (cancellation?.isCancelled ?? false)
  }
}

/// How one step ended.
enum StepOutcome: Sendable {
  case done(Outputs, elapsed: Duration)
  case failed(String, elapsed: Duration)
}

/// The executor's bookkeeping, mutated only by the scheduling loop.
struct ExecutionState {
  let plan: Plan
  private(set) var inputs = Inputs()
  private(set) var inFlight = 0
  private var waitingOn: [Address: Int]
  private var ready: [Address] = []
  private var started: Set<Address> = []
  private var groupsInUse: [String: Int] = [:]
  private var outcomes: [Address: StepResult.Outcome] = [:]
  private var elapsed: [Address: Duration] = [:]
  private let rank: [Address: Int]

  init(plan: Plan) {
    self.plan = plan
    waitingOn = plan.execution.prerequisites.mapValues(\.count)
    rank = Dictionary(uniqueKeysWithValues: plan.changes.enumerated().map { ($1.address, $0) })
    ready = plan.changes.map(\.address).filter { waitingOn[$0] == 0 }
  }

  /// Finishes every ready no-op at once: they only pass their live outputs on.
  mutating func resolveNoops() {
    while let index = ready.firstIndex(where: { plan.change(for: $0)!.action == .noop }) {
      let address = ready.remove(at: index)
      let change = plan.change(for: address)!
      started.insert(address)
      complete(address, .done(change.liveOutputs, elapsed: .zero), emit: nil)
    }
  }

  /// The first ready step (in plan order) whose constraint group has room; marks it started.
  mutating func nextLaunchable() -> Address? {
    guard
      let index = ready.firstIndex(where: { address in
        guard let group = plan.graph[address]!.constraintGroup else { return true }
        return groupsInUse[group.key, default: 0] < group.capacity
      })
    else { return nil }
    let address = ready.remove(at: index)
    if let group = plan.graph[address]!.constraintGroup { groupsInUse[group.key, default: 0] += 1 }
    started.insert(address)
    inFlight += 1
    return address
  }

  /// Records a finished step and releases or skips what waited for it.
  mutating func finish(
    _ address: Address, _ outcome: StepOutcome, emit: @escaping @Sendable (ProgressEvent) -> Void
  ) {
    inFlight -= 1
    if let group = plan.graph[address]!.constraintGroup { groupsInUse[group.key, default: 1] -= 1 }
    complete(address, outcome, emit: emit)
  }

  private mutating func complete(
    _ address: Address, _ outcome: StepOutcome, emit: (@Sendable (ProgressEvent) -> Void)?
  ) {
    switch outcome {
    case .done(let outputs, let time):
      outcomes[address] = .done
      elapsed[address] = time
      if plan.change(for: address)!.action != .delete { inputs.record(outputs, for: address) }
      for dependent in plan.execution.dependents[address] ?? [] {
        waitingOn[dependent]! -= 1
        if waitingOn[dependent] == 0, outcomes[dependent] == nil { insertReady(dependent) }
      }
    case .failed(let message, let time):
      outcomes[address] = .failed(message)
      elapsed[address] = time
      skipDependents(of: address, root: address, emit: emit)
    }
  }

  private mutating func skipDependents(
    of address: Address, root: Address, emit: (@Sendable (ProgressEvent) -> Void)?
  ) {
    for dependent in plan.execution.dependents[address] ?? [] where outcomes[dependent] == nil {
      outcomes[dependent] = .skipped(because: root)
      ready.removeAll { $0 == dependent }
      if plan.change(for: dependent)!.action != .noop { emit?(.skipped(dependent, dependency: root)) }
      skipDependents(of: dependent, root: root, emit: emit)
    }
  }

  private mutating func insertReady(_ address: Address) {
    let position = ready.firstIndex { rank[$0]! > rank[address]! } ?? ready.endIndex
    ready.insert(address, at: position)
  }

  /// One result per change that was to do something, in plan order.
  func results() -> [StepResult] {
    plan.actionable.map { change in
      StepResult(
        address: change.address, action: change.action, outcome: outcomes[change.address] ?? .notStarted,
        elapsed: elapsed[change.address] ?? .zero)
    }
  }
}

extension Inputs {
  /// Every known output, by address.
  var all: [Address: Outputs] {
    var all: [Address: Outputs] = [:]
    for address in knownAddresses { all[address] = outputs(of: address) }
    return all
  }
}
