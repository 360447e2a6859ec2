/// The desired resources and their dependencies, checked: addresses unique, every
/// dependency present, no cycles.
public struct ResourceGraph: Sendable {
  /// The resources by address.
  public let resources: [Address: any Resource]
  /// Every address in topological order: dependencies before dependents, ties broken by
  /// address so the order is the same on every run.
  public let order: [Address]

  /// Builds and checks the graph.
  /// - Throws: `EngineError` `.duplicateAddress`, `.missingDependency` or
  ///   `.dependencyCycle` (the message names the cycle: `a -> b -> c -> a`).
  public init(_ resources: [any Resource]) throws {
    var byAddress: [Address: any Resource] = [:]
    for resource in resources {
      guard byAddress[resource.address] == nil else {
        throw EngineError(
          .duplicateAddress, "two resources have the address \(resource.address)",
          remedy: "give each resource a distinct name")
      }
      byAddress[resource.address] = resource
    }
    for address in byAddress.keys.sorted() {
      for dependency in byAddress[address]!.dependencies where byAddress[dependency] == nil {
        throw EngineError(
          .missingDependency, "\(address) depends on \(dependency), which is not in the graph",
          remedy: "declare \(dependency) or remove the dependency")
      }
    }
    let edges = byAddress.mapValues { Set($0.dependencies) }
    self.resources = byAddress
    self.order = try TopologicalSort.order(edges)
  }

  /// The resources in topological order.
  public var orderedResources: [any Resource] { order.map { resources[$0]! } }

  /// The order to destroy in: dependents first.
  public var reverseOrder: [Address] { order.reversed() }

  /// The resource at `address`.
  public subscript(address: Address) -> (any Resource)? { resources[address] }

  /// The address whose text form is `text` (as typed after `--target`).
  public func address(named text: String) -> Address? {
    resources.keys.first { $0.description == text }
  }

  /// The addresses `address` depends on, directly or transitively.
  public func ancestors(of address: Address) -> Set<Address> {
    var seen: Set<Address> = []
    var stack = resources[address]?.dependencies ?? []
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      stack.append(contentsOf: resources[next]?.dependencies ?? [])
    }
    return seen
  }

  /// The addresses that depend on `address`, directly or transitively.
  public func descendants(of address: Address) -> Set<Address> {
    var dependents: [Address: [Address]] = [:]
    for (child, resource) in resources {
      for parent in resource.dependencies { dependents[parent, default: []].append(child) }
    }
    var seen: Set<Address> = []
    var stack = dependents[address] ?? []
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      stack.append(contentsOf: dependents[next] ?? [])
    }
    return seen
  }

  /// The graph for `--target`: the targets and everything they depend on, transitively.
  /// - Throws: `.unknownTarget` naming the address and the closest known one.
  public func subgraph(targets: [String]) throws -> ResourceGraph {
    var keep: Set<Address> = []
    for text in targets {
      guard let address = address(named: text) else {
        let names = resources.keys.map(\.description).sorted()
        let hint = Suggestion.closest(to: text, in: names).map { "did you mean \"\($0)\"?" }
        throw EngineError(
          .unknownTarget, "no resource has the address \"\(text)\"",
          remedy: hint ?? "run plan to list the addresses")
      }
      keep.insert(address)
      keep.formUnion(ancestors(of: address))
    }
    return try ResourceGraph(keep.sorted().map { resources[$0]! })
  }

  /// The graph with more resources added (orphans found by tag).
  public func adding(_ more: [any Resource]) throws -> ResourceGraph {
    try ResourceGraph(order.map { resources[$0]! } + more)
  }
}
