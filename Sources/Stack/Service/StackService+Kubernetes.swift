import AWS
import Config
import Engine
import Kubernetes

extension StackService {
  /// The Kubernetes objects of `serviceaccount bind`: each named service account (all when
  /// `name` is nil) with its Role and RoleBinding; a targeted run adds what they need (the
  /// namespace, the IRSA role and its policy, the OIDC provider, the cluster).
  /// - Throws: `StackError.unknownServiceAccount` naming the ones the stack file has.
  public func serviceAccountTargets(name: String?) throws -> [String] {
    try ServiceAccountTargets.addresses(for: stack.serviceAccounts, name: name).get()
  }

  /// The kubeconfig context `aws eks update-kubeconfig` would write for the stack's
  /// cluster, with `command get-token` as the user's exec plugin.
  /// - Throws: `StackError.clusterMissing` when the cluster does not exist (yet).
  public func kubeconfigEntry(alias: String? = nil, command: String = "eks-spark") async throws
    -> EKSKubeconfigEntry
  {
    let name = stack.cluster.name
    let cluster: EKSCluster
    do {
      cluster = try await clients.eks.describeCluster(name: name)
    } catch let error as AWSError where error.isNotFound {
      throw StackError(
        .clusterMissing, "cluster \(name) does not exist in \(stack.metadata.region)",
        remedy: "create it first: eks-spark apply -f \(file)")
    }
    guard cluster.status == "ACTIVE" || cluster.status == "UPDATING", let endpoint = cluster.endpoint,
      let authority = cluster.certificateAuthority?.data, let arn = cluster.arn
    else {
      throw StackError(
        .clusterMissing, "cluster \(name) is \(cluster.status ?? "not ready") and has no endpoint yet",
        remedy: "wait until it is ACTIVE (eks-spark apply waits for it), then run this again")
    }
    let profile = configuration.settings.profile ?? environment["AWS_PROFILE"]
    return EKSKubeconfigEntry(
      clusterName: name, clusterARN: arn, server: endpoint, certificateAuthorityData: authority,
      region: stack.metadata.region, profile: profile, alias: alias, command: command)
  }
}
