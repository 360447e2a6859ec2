import AWS
import Engine

/// One administrator in authentication mode `API` (`access.authenticationMode:
/// access-entries`): an EKS access entry for the ARN with `AmazonEKSClusterAdminPolicy`
/// at cluster scope, tagged with the stack so a later run finds it.
///
/// An entry the stack did not make (EKS's own for the cluster's creator, another tool's)
/// is never changed: the plan stops and names it.
public struct AccessEntryResource: Resource {
  public static let type = "aws.eks.accessEntry"
  static let adminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  public let address: Address
  let principalArn: String
  let clusterName: String
  let cluster: Address
  let ownership: Ownership
  let eks: EKSClient

  public init(
    principalArn: String, clusterName: String, cluster: Address, ownership: Ownership, eks: EKSClient
  ) {
    // `user/alice`, `role/Admin`: the ARN's resource part, unique within the account.
    let resource = principalArn.split(separator: ":", maxSplits: 5).last.map(String.init) ?? principalArn
    address = Address(Self.type, resource)
    self.principalArn = principalArn
    self.clusterName = clusterName
    self.cluster = cluster
    self.ownership = ownership
    self.eks = eks
  }

  public var dependencies: [Address] { [cluster] }
  public var immutableFields: Set<String> { ["principalArn"] }

  var tags: [String: String] { ownership.tags(for: address) }

  public func desired(_ inputs: Inputs) -> Attributes? {
    [
      "principalArn": .string(principalArn), "policies": .map([Self.adminPolicy: "cluster"]),
      "tags": .stringMap(tags),
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard try await context.live(of: cluster) != nil else { return nil }
    let entry: EKSAccessEntry
    do {
      entry = try await eks.describeAccessEntry(clusterName: clusterName, principalArn: principalArn)
    } catch  where AWSErrors.isNotFound(error) {
      return nil
    }
    guard ownership.owns(entry.tags ?? [:], address: address) else {
      throw StackError(
        .notOwned,
        "EKS access entry for \(principalArn) already exists and does not belong to stack \(ownership.prefix) (EKS makes one for the cluster's creator)",
        remedy:
          "drop \(principalArn) from access.adminArns if it is already an administrator, or delete that access entry"
      )
    }
    let policies = try await eks.listAssociatedAccessPolicies(
      clusterName: clusterName, principalArn: principalArn)
    var scopes: [String: AttributeValue] = [:]
    for policy in policies {
      let scope = policy.accessScope
      scopes[policy.policyArn] =
        scope?.type == "namespace"
        ? .string("namespace:" + (scope?.namespaces ?? []).sorted().joined(separator: ","))
        : .string("cluster")
    }
    return LiveState(
      attributes: [
        "principalArn": .string(entry.principalArn), "policies": .map(scopes),
        "tags": Ownership.liveTags(entry.tags ?? [:]),
      ], outputs: ["principalArn": .string(entry.principalArn)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    if change.action == .create {
      do {
        _ = try await eks.createAccessEntry(clusterName: clusterName, principalArn: principalArn, tags: tags)
      } catch  where AWSErrors.code(error) == "ResourceInUseException" {
        // A run killed after CreateAccessEntry: the entry is there; its tags say whose.
        let entry = try await eks.describeAccessEntry(clusterName: clusterName, principalArn: principalArn)
        guard ownership.owns(entry.tags ?? [:], address: address) else { throw error }
      }
    } else if !(change.before?["tags"] ?? .null).matches(.stringMap(tags)),
      let arn = try await eks.describeAccessEntry(clusterName: clusterName, principalArn: principalArn)
        .accessEntryArn
    {
      try await eks.tagResource(arn: arn, tags: tags)
    }
    let live = change.before?["policies"]?.mapValue ?? [:]
    for policy in live.keys where policy != Self.adminPolicy {
      try await eks.disassociateAccessPolicy(
        clusterName: clusterName, principalArn: principalArn, policyArn: policy)
    }
    if live[Self.adminPolicy]?.stringValue != "cluster" {
      try await eks.associateAccessPolicy(
        clusterName: clusterName, principalArn: principalArn, policyArn: Self.adminPolicy,
        accessScope: EKSAccessScope(type: "cluster"))
    }
    return ["principalArn": .string(principalArn)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    do {
      try await eks.deleteAccessEntry(clusterName: clusterName, principalArn: principalArn)
    } catch  where AWSErrors.isNotFound(error) {
      return
    }
  }
}
