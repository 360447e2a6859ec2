import Engine

extension StackService {
  /// A destroy plan with the data-lake bucket kept when the stack retains its data
  /// (`dataLake.retainOnDestroy`) and the user did not pass `--delete-data`: its delete
  /// becomes a no-op. Returns the plan and the addresses kept.
  public func retaining(_ plan: Plan, preflight: PreflightReport, deleteData: Bool) throws -> (
    Plan, [Address]
  ) {
    guard !deleteData else { return (plan, []) }
    let retained = try stackGraph(preflight).retainedOnDestroy
    var kept: [Address] = []
    let changes = plan.changes.map { change -> Change in
      guard change.action == .delete, retained.contains(change.address) else { return change }
      kept.append(change.address)
      var noop = change
      noop.action = .noop
      noop.after = change.before
      noop.fieldChanges = []
      noop.reason = nil
      return noop
    }
    guard !kept.isEmpty else { return (plan, []) }
    return (try Plan(graph: plan.graph, changes: changes), kept)
  }
}
