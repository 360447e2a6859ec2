/// The generic structural diff behind `Resource.diff`: every desired attribute is compared
/// with the live one; attributes only the live side has (computed by AWS: ARNs, creation
/// times) are not the stack file's business and are ignored.
public enum AttributeDiff {
  /// The change turning `live` into `desired` for the resource at `address`.
  public static func change(
    for address: Address, desired: Attributes?, live: LiveState?, immutableFields: Set<String>,
    strategy: ReplacementStrategy
  ) -> Change {
    let outputs = live?.outputs ?? [:]
    switch (desired, live) {
    case (nil, nil):
      return Change(address: address, action: .noop, before: nil, after: nil, strategy: strategy)
    case (nil, let live?):
      let fields = live.attributes.keys.sorted().map {
        FieldChange(path: $0, before: live.attributes[$0], after: nil)
      }
      return Change(
        address: address, action: .delete, before: live.attributes, after: nil, fieldChanges: fields,
        strategy: strategy, liveOutputs: outputs)
    case (let desired?, nil):
      let fields = desired.keys.sorted().map { FieldChange(path: $0, before: nil, after: desired[$0]) }
      return Change(
        address: address, action: .create, before: nil, after: desired, fieldChanges: fields,
        strategy: strategy)
    case (let desired?, let live?):
      let fields = fieldChanges(desired: desired, live: live.attributes, immutableFields: immutableFields)
      let forcing = fields.filter(\.forcesReplacement).map(\.path)
      let action: ChangeAction = fields.isEmpty ? .noop : forcing.isEmpty ? .update : .replace
      let reason = forcing.isEmpty ? nil : "\(forcing.joined(separator: ", ")) cannot change in place"
      return Change(
        address: address, action: action, before: live.attributes, after: desired, reason: reason,
        fieldChanges: fields, strategy: strategy, liveOutputs: outputs)
    }
  }

  /// The desired attributes that differ from the live ones, in name order.
  public static func fieldChanges(
    desired: Attributes, live: Attributes, immutableFields: Set<String>
  ) -> [FieldChange] {
    desired.keys.sorted().compactMap { key in
      let wanted = desired[key] ?? .null
      let current = live[key]
      if wanted.matches(current ?? .null) { return nil }
      return FieldChange(
        path: key, before: current, after: wanted, forcesReplacement: immutableFields.contains(key))
    }
  }
}
