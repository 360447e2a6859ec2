import AWS
import Config
import Engine
import Kubernetes

/// The Kubernetes half of the stack's graph: admin mapping, CoreDNS on Fargate, and per
/// service account its namespace, the service account with its IRSA annotation, a Role and
/// a RoleBinding. Every resource depends on the cluster, so its reads wait for the cluster's
/// and then go out together, and destroy deletes them before the cluster.
///
/// To add a Kubernetes resource: build a `KubernetesObjectResource` from a manifest (values
/// from upstream outputs as `ManifestInput`s), or write a `Resource` that gets its client
/// from `access.client(context)` when reading and `access.client()` when applying; append it
/// here; list its kind in `KubernetesOrphans` when the stack may stop declaring it.
public struct KubernetesGraph: Sendable {
  public let resources: [any Resource]
  /// The stack's namespaces, where orphans are looked for.
  public let namespaces: [String]

  /// - Parameters:
  ///   - profiles: the Fargate profiles' addresses (CoreDNS and aws-auth wait for them).
  ///   - irsaRoles: each service account's IAM role, by `namespace/name`.
  ///   - eks: for the access entries of authentication mode `API`.
  public init(
    stack: Config.Stack, profiles: [Address], irsaRoles: [String: Address], access: ClusterAccess,
    awsOwnership: Ownership, eks: EKSClient
  ) throws {
    try ServiceAccountObjects.checkScheduling(stack)
    let ownership = KubernetesOwnership(prefix: stack.metadata.prefix)
    var resources: [any Resource] = []
    switch stack.access.authenticationMode {
    case .awsAuth:
      resources.append(
        AwsAuthResource(
          adminARNs: stack.access.adminArns, dependencies: profiles, ownership: ownership, access: access))
    case .accessEntries:
      resources +=
        Array(Set(stack.access.adminArns)).sorted().map {
          AccessEntryResource(
            principalArn: $0, clusterName: stack.cluster.name, cluster: access.cluster,
            ownership: awsOwnership, eks: eks)
        } as [any Resource]
    }
    resources.append(CoreDNSResource(profiles: profiles, access: access))
    let namespaces = ServiceAccountObjects.namespaces(
      stack.serviceAccounts, ownership: ownership, access: access)
    resources += namespaces.keys.sorted().map { namespaces[$0]! } as [any Resource]
    for account in stack.serviceAccounts {
      guard let role = irsaRoles["\(account.namespace)/\(account.name)"] else { continue }
      resources +=
        ServiceAccountObjects.objects(
          for: account, irsaRole: role, namespace: namespaces[account.namespace]?.address,
          ownership: ownership,
          access: access) as [any Resource]
    }
    self.resources = resources
    self.namespaces = Array(Set(stack.serviceAccounts.map(\.namespace))).sorted()
  }
}
