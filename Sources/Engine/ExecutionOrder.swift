/// Which steps of a plan wait for which, derived from the dependency graph and the
/// actions: creates and updates wait for what they depend on; a delete waits for
/// everything that depends on the deleted resource (dependents go first, as in destroy),
/// and a replacement waits for dependents that are being deleted.
struct ExecutionOrder: Sendable {
  /// Step -> the steps it waits for.
  let prerequisites: [Address: Set<Address>]
  /// Step -> the steps that wait for it.
  let dependents: [Address: [Address]]
  /// A topological order of the steps, ties broken by address.
  let order: [Address]

  init(graph: ResourceGraph, actions: [Address: ChangeAction]) throws {
    var prerequisites: [Address: Set<Address>] = [:]
    for address in graph.order { prerequisites[address] = [] }
    for address in graph.order {
      let action = actions[address] ?? .noop
      for dependency in graph[address]!.dependencies {
        let upstream = actions[dependency] ?? .noop
        if upstream == .delete || (upstream == .replace && action == .delete) {
          // The dependency (or its old instance) is going away: whatever uses it changes
          // or goes first.
          prerequisites[dependency]!.insert(address)
        } else if action != .delete {
          prerequisites[address]!.insert(dependency)
        }
      }
    }
    var dependents: [Address: [Address]] = [:]
    for (step, needs) in prerequisites {
      for need in needs { dependents[need, default: []].append(step) }
    }
    self.prerequisites = prerequisites
    self.dependents = dependents.mapValues { $0.sorted() }
    self.order = try TopologicalSort.order(prerequisites)
  }
}
