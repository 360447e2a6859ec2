/// The changes that bring live state to the desired state, as data: what `plan` prints
/// and exactly what `apply` executes.
public struct Plan: Sendable {
  /// One change per resource (no-ops included, so apply knows their outputs), in the
  /// order apply starts them: dependencies first, deletes after their dependents.
  public let changes: [Change]
  /// The resources the changes belong to, orphans included.
  public let graph: ResourceGraph
  let execution: ExecutionOrder
  private let index: [Address: Int]

  /// Builds a plan from one change per resource of `graph`.
  /// - Throws: `.dependencyCycle` if the actions would make steps wait for each other.
  public init(graph: ResourceGraph, changes: [Change]) throws {
    let byAddress = Dictionary(changes.map { ($0.address, $0) }, uniquingKeysWith: { _, last in last })
    let execution = try ExecutionOrder(graph: graph, actions: byAddress.mapValues(\.action))
    self.graph = graph
    self.execution = execution
    let ordered = execution.order.compactMap { byAddress[$0] }
    self.changes = ordered
    self.index = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.address, $0) })
  }

  /// The changes that do something.
  public var actionable: [Change] { changes.filter { $0.action != .noop } }

  /// Whether applying would change anything (`--detailed-exitcode` 2).
  public var hasChanges: Bool { changes.contains { $0.action != .noop } }

  /// The replacements, which `apply` refuses for some resources without `--allow-replace`.
  public var replacements: [Change] { changes.filter { $0.action == .replace } }

  /// The change for `address`.
  public func change(for address: Address) -> Change? {
    index[address].map { changes[$0] }
  }

  /// Counts as Terraform counts: a replacement is one to add and one to destroy.
  public var summary: PlanSummary {
    var summary = PlanSummary()
    for change in changes {
      switch change.action {
      case .create: summary.add += 1
      case .update: summary.change += 1
      case .delete: summary.destroy += 1
      case .replace:
        summary.add += 1
        summary.destroy += 1
      case .noop: break
      }
    }
    return summary
  }
}

/// The numbers on the `Plan: 27 to add, 1 to change, 0 to destroy.` line.
public struct PlanSummary: Sendable, Hashable, Codable {
  public var add = 0
  public var change = 0
  public var destroy = 0

  public init(add: Int = 0, change: Int = 0, destroy: Int = 0) {
    self.add = add
    self.change = change
    self.destroy = destroy
  }
}
