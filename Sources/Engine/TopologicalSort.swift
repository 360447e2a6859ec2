/// Kahn's algorithm with a sorted ready list, plus cycle reporting.
enum TopologicalSort {
  /// Orders `prerequisites` (node -> the nodes it waits for) so that every node comes
  /// after its prerequisites; ties are broken by address.
  /// - Throws: `.dependencyCycle` with one cycle spelled out.
  static func order(_ prerequisites: [Address: Set<Address>]) throws -> [Address] {
    var waiting = prerequisites.mapValues(\.count)
    var dependents: [Address: [Address]] = [:]
    for (node, needs) in prerequisites {
      for need in needs { dependents[need, default: []].append(node) }
    }
    var ready = waiting.filter { $0.value == 0 }.map(\.key).sorted(by: >)
    var order: [Address] = []
    order.reserveCapacity(prerequisites.count)
    while let next = ready.popLast() {
      order.append(next)
      var released: [Address] = []
      for dependent in dependents[next] ?? [] {
        waiting[dependent]! -= 1
        if waiting[dependent] == 0 { released.append(dependent) }
      }
      if !released.isEmpty {
        ready.append(contentsOf: released)
        ready.sort(by: >)
      }
    }
    if order.count < prerequisites.count {
      let cycle = findCycle(prerequisites, among: Set(waiting.filter { $0.value > 0 }.keys))
      throw EngineError(
        .dependencyCycle, "dependency cycle: \(cycle.map(\.description).joined(separator: " -> "))",
        remedy: "remove one of the dependencies in the cycle")
    }
    return order
  }

  /// One cycle among `stuck` nodes, as a path that ends where it starts, beginning at the
  /// smallest address so the message is stable.
  private static func findCycle(_ prerequisites: [Address: Set<Address>], among stuck: Set<Address>)
    -> [Address]
  {
    // Every stuck node waits for at least one stuck node, so walking from any of them must
    // revisit a node; the walk's tail from that node is a cycle.
    var path: [Address] = []
    var position: [Address: Int] = [:]
    var current = stuck.min()!
    while position[current] == nil {
      position[current] = path.count
      path.append(current)
      current = prerequisites[current]!.filter { stuck.contains($0) }.min()!
    }
    var cycle = Array(path[position[current]!...])
    let start = cycle.firstIndex(of: cycle.min()!)!
    cycle = Array(cycle[start...] + cycle[..<start])
    return cycle + [cycle[0]]
  }
}
