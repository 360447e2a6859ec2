/// The longest chain of steps through a plan, given how long each step takes: no apply,
/// however parallel, can finish sooner. The benchmark compares apply's wall time to it.
public struct CriticalPath: Sendable, Hashable {
  /// The steps of the longest chain, first to last.
  public var steps: [Address]
  /// The sum of their durations.
  public var duration: Duration
  /// For the constraint group that ends latest: the earliest time any member could start
  /// plus the members' total time divided by the capacity. A second lower bound, since
  /// those steps run one (or `capacity`) at a time.
  public var constraintBound: Duration

  /// The larger of the two lower bounds.
  public var lowerBound: Duration { max(duration, constraintBound) }
}

extension Plan {
  /// The critical path of this plan with `durations` per step (missing steps count zero;
  /// no-ops always count zero).
  public func criticalPath(durations: [Address: Duration]) -> CriticalPath {
    var finish: [Address: Duration] = [:]
    var previous: [Address: Address] = [:]
    for address in execution.order {
      let own = change(for: address)?.action == .noop ? .zero : durations[address] ?? .zero
      var start = Duration.zero
      for prerequisite in (execution.prerequisites[address] ?? []).sorted()
      where finish[prerequisite]! > start {
        start = finish[prerequisite]!
        previous[address] = prerequisite
      }
      finish[address] = start + own
    }
    var steps: [Address] = []
    var cursor = execution.order.max { (finish[$0]!, $1) < (finish[$1]!, $0) }
    while let address = cursor {
      steps.append(address)
      cursor = previous[address]
    }
    let duration = steps.first.map { finish[$0]! } ?? .zero
    // A group's members run `capacity` at a time, and none can start before the earliest
    // of them is free to: that start plus their shared time is a second lower bound.
    var groups: [ConstraintGroup: (start: Duration, total: Duration)] = [:]
    for change in actionable {
      guard let group = graph[change.address]?.constraintGroup else { continue }
      let own = durations[change.address] ?? .zero
      let start = finish[change.address]! - own
      let current = groups[group] ?? (start, .zero)
      groups[group] = (min(current.start, start), current.total + own)
    }
    let constraintBound = groups.map { $0.value.start + $0.value.total / $0.key.capacity }.max() ?? .zero
    return CriticalPath(
      steps: steps.reversed().filter { (durations[$0] ?? .zero) > .zero || change(for: $0)?.action != .noop },
      duration: duration, constraintBound: constraintBound)
  }
}
