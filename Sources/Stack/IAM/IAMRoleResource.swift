import AWS
import Engine

/// An IAM role with its trust policy, attached managed policies and inline policies. The
/// trust policy may use upstream outputs (an IRSA role trusts the cluster's OIDC
/// provider), so it is built from the inputs.
public struct IAMRoleResource: Resource {
  public static let type = "aws.iam.role"

  public let address: Address
  let roleName: String
  public let dependencies: [Address]
  let trust: @Sendable (Inputs) -> AttributeValue
  let managedPolicies: [String]
  let inlinePolicies: [String: AttributeValue]
  let tags: [String: String]
  let ownership: Ownership
  let iam: IAMClient

  /// - Parameters:
  ///   - trust: the trust policy document (`PolicyDocument.make`), or `.unknown` while an
  ///     input it needs is not known.
  public init(
    name: String, roleName: String, dependencies: [Address] = [], managedPolicies: [String] = [],
    inlinePolicies: [String: AttributeValue] = [:], ownership: Ownership, iam: IAMClient,
    trust: @escaping @Sendable (Inputs) -> AttributeValue
  ) {
    address = Address(Self.type, name)
    self.roleName = roleName
    self.dependencies = dependencies
    self.trust = trust
    self.managedPolicies = managedPolicies.sorted()
    self.inlinePolicies = inlinePolicies.mapValues(PolicyDocument.canonical)
    self.ownership = ownership
    self.iam = iam
    tags = ownership.tags(for: address)
  }

  public var immutableFields: Set<String> { ["name"] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    let trustPolicy = trust(inputs)
    return [
      "name": .string(roleName),
      "trustPolicy": trustPolicy.isKnown ? PolicyDocument.canonical(trustPolicy) : .unknown,
      "managedPolicies": .strings(managedPolicies), "inlinePolicies": .map(inlinePolicies),
      "tags": .stringMap(tags),
    ]
  }

  /// The role's inline policies by name, their documents fetched together.
  private static func inlinePolicies(_ iam: IAMClient, _ roleName: String) async throws
    -> [String: AttributeValue]
  {
    let names = try await iam.listRolePolicies(roleName: roleName)
    return try await withThrowingTaskGroup(of: (String, AttributeValue).self) { group in
      for name in names {
        group.addTask {
          (name, try PolicyDocument.parse(try await iam.getRolePolicy(roleName: roleName, policyName: name)))
        }
      }
      var documents: [String: AttributeValue] = [:]
      for try await (name, document) in group { documents[name] = document }
      return documents
    }
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    // The name is known: the role, its policies and their documents go out together (two
    // round trips, not four); for a role that does not exist they all fail alike.
    let (iam, roleName) = (self.iam, self.roleName)
    async let fetched = iam.getRole(name: roleName)
    async let attachedList = iam.listAttachedRolePolicies(roleName: roleName)
    async let inlineDocuments = Self.inlinePolicies(iam, roleName)
    let role: IAMRole
    do { role = try await fetched } catch  where AWSErrors.isNotFound(error) {
      return nil
    }
    guard ownership.owns(role.tags, address: address) else {
      throw StackError(
        .notOwned, "IAM role \(roleName) exists but does not belong to stack \(ownership.prefix)",
        remedy: "delete or rename the role, or change metadata.prefix")
    }
    let attached = try await attachedList
    let inline = try await inlineDocuments
    let trustPolicy = try role.assumeRolePolicyDocument.map(PolicyDocument.parse) ?? .null
    return LiveState(
      attributes: [
        "name": .string(role.name), "trustPolicy": trustPolicy,
        "managedPolicies": .strings(attached.map(\.arn).sorted()), "inlinePolicies": .map(inline),
        "tags": Ownership.liveTags(role.tags),
      ], outputs: ["arn": .string(role.arn), "name": .string(role.name)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let after = change.after ?? [:]
    let before = change.before ?? [:]
    let trustText = try (after["trustPolicy"] ?? .null).jsonText()
    let arn: String
    if change.action == .create {
      // Under the stack's path, so that roles the stack file no longer names are found again.
      arn = try await iam.createRole(
        name: roleName, assumeRolePolicyDocument: trustText, path: ownership.iamPath, tags: tags
      ).arn
    } else {
      arn = change.liveOutputs["arn"]?.stringValue ?? ""
      if !(before["trustPolicy"] ?? .null).matches(after["trustPolicy"] ?? .null) {
        try await iam.updateAssumeRolePolicy(roleName: roleName, policyDocument: trustText)
      }
      if !(before["tags"] ?? .null).matches(.stringMap(tags)) {
        try await iam.tagRole(name: roleName, tags: tags)
      }
    }
    let attached = Set((before["managedPolicies"]?.listValue ?? []).compactMap(\.stringValue))
    for policy in managedPolicies where !attached.contains(policy) {
      try await iam.attachRolePolicy(roleName: roleName, policyARN: policy)
    }
    for policy in attached.subtracting(managedPolicies).sorted() {
      try await iam.detachRolePolicy(roleName: roleName, policyARN: policy)
    }
    let inline = before["inlinePolicies"]?.mapValue ?? [:]
    for (name, document) in inlinePolicies.sorted(by: { $0.key < $1.key })
    where !(inline[name] ?? .null).matches(document) {
      try await iam.putRolePolicy(
        roleName: roleName, policyName: name, policyDocument: try document.jsonText())
    }
    for name in inline.keys.sorted() where inlinePolicies[name] == nil {
      try await iam.deleteRolePolicy(roleName: roleName, policyName: name)
    }
    return ["arn": .string(arn), "name": .string(roleName)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    for policy in (live.attributes["managedPolicies"]?.listValue ?? []).compactMap(\.stringValue) {
      try await iam.detachRolePolicy(roleName: roleName, policyARN: policy)
    }
    for name in (live.attributes["inlinePolicies"]?.mapValue ?? [:]).keys.sorted() {
      try await iam.deleteRolePolicy(roleName: roleName, policyName: name)
    }
    do { try await iam.deleteRole(name: roleName) } catch  where AWSErrors.isNotFound(error) {}
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    // A role still attached to a cluster or profile being deleted.
    AWSErrors.code(error) == "DeleteConflict" ? .retry(after: .seconds(10)) : .fail
  }
}
