import Engine

/// `eks-spark status`: every resource of the stack, whether it exists, and how it drifted
/// from the stack file. Built from a plan, so it says exactly what `apply` would fix.
public struct StatusReport: Sendable, Hashable, Codable {
  /// One resource.
  public struct Row: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
      /// Live and as the stack file says.
      case inSync = "in-sync"
      /// Live, with attributes that differ (`drift` names them).
      case drifted
      /// Live, but a change the stack file asks for needs a replacement.
      case mustReplace = "must-replace"
      /// Not live: apply would create it.
      case missing
      /// Live and owned, but no longer in the stack file: apply would delete it.
      case orphan
    }

    public var address: String
    /// The live id (or ARN, or name), when it exists.
    public var id: String?
    public var state: State
    /// The top-level attributes that differ from the stack file.
    public var drift: [String]

    public init(address: String, id: String?, state: State, drift: [String]) {
      self.address = address
      self.id = id
      self.state = state
      self.drift = drift
    }
  }

  public var stack: String
  public var region: String
  public var account: String
  public var resources: [Row]

  public init(stack: String, region: String, account: String, resources: [Row]) {
    self.stack = stack
    self.region = region
    self.account = account
    self.resources = resources
  }

  /// The rows of `plan`, in address order.
  public init(plan: Plan, stack: String, region: String, account: String) {
    let rows = plan.changes.sorted { $0.address < $1.address }.map { change -> Row in
      let outputs = change.liveOutputs
      let id = ["id", "allocationId", "name", "arn"].lazy.compactMap { outputs[$0]?.stringValue }.first
      let state: Row.State =
        switch change.action {
        case .noop: .inSync
        case .update: .drifted
        case .replace: .mustReplace
        case .create: .missing
        case .delete: .orphan
        }
      return Row(
        address: change.address.description, id: change.action == .create ? nil : id, state: state,
        drift: change.action == .create ? [] : change.fieldChanges.map(\.path))
    }
    self.init(stack: stack, region: region, account: account, resources: rows)
  }

  /// Whether everything is live and in sync.
  public var isInSync: Bool { resources.allSatisfy { $0.state == .inSync } }
}
