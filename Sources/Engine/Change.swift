/// What a plan does to one resource: the plan as data, printed as text or JSON.
public struct Change: Sendable, Hashable {
  public var address: Address
  public var action: ChangeAction
  /// The live attributes (`nil` when the resource does not exist).
  public var before: Attributes?
  /// The desired attributes, `.unknown` where known only after apply (`nil` on delete).
  public var after: Attributes?
  /// Why: for a replacement, the immutable fields that force it; for a delete, why the
  /// resource goes.
  public var reason: String?
  /// The top-level attributes that differ, in name order.
  public var fieldChanges: [FieldChange]
  /// How a replacement is carried out (meaningful when `action == .replace`).
  public var strategy: ReplacementStrategy
  /// The live outputs, which dependents of an unchanged or updated resource use.
  public var liveOutputs: Outputs

  public init(
    address: Address, action: ChangeAction, before: Attributes?, after: Attributes?,
    reason: String? = nil, fieldChanges: [FieldChange] = [],
    strategy: ReplacementStrategy = .deleteBeforeCreate, liveOutputs: Outputs = [:]
  ) {
    self.address = address
    self.action = action
    self.before = before
    self.after = after
    self.reason = reason
    self.fieldChanges = fieldChanges
    self.strategy = strategy
    self.liveOutputs = liveOutputs
  }

  /// The names of the fields that force the replacement.
  public var replacingFields: [String] {
    fieldChanges.filter(\.forcesReplacement).map(\.path)
  }
}

/// One attribute that differs between live and desired.
public struct FieldChange: Sendable, Hashable {
  /// The attribute name (top level; nested differences are in the values).
  public var path: String
  /// The live value (`nil` when absent).
  public var before: AttributeValue?
  /// The desired value (`nil` when removed).
  public var after: AttributeValue?
  /// Whether this attribute cannot change in place.
  public var forcesReplacement: Bool

  public init(path: String, before: AttributeValue?, after: AttributeValue?, forcesReplacement: Bool = false)
  {
    self.path = path
    self.before = before
    self.after = after
    self.forcesReplacement = forcesReplacement
  }
}
