import AWS
import Kubernetes

/// How a cluster-side resource reaches the stack's cluster: the one seam between Stack's
/// Kubernetes resources and the connection, resolved lazily (in `read` and `apply`) because
/// the cluster may not exist when the graph is built.
public protocol ClusterAccess: Sendable {
  /// The cluster's name.
  var clusterName: String { get }
  /// A client for the cluster, or nil when the cluster does not exist (or has no endpoint)
  /// yet: a resource on it then plans as a create.
  func client() async throws -> KubernetesClient?
}

/// The stack's EKS cluster: DescribeCluster for its endpoint and CA (or the user's server
/// override, `EKS_SPARK_KUBE_SERVER`, for a cluster reached through a tunnel), tokens signed
/// with the stack's AWS identity. A client is made once and kept; "not there yet" is not
/// kept, so an apply that has just created the cluster finds it.
public actor EKSClusterAccess: ClusterAccess {
  public nonisolated let clusterName: String
  let aws: AWSConfiguration
  let environment: [String: String]
  private var made: KubernetesClient?

  public init(clusterName: String, aws: AWSConfiguration, environment: [String: String]) {
    self.clusterName = clusterName
    self.aws = aws
    self.environment = environment
  }

  public func client() async throws -> KubernetesClient? {
    if let made { return made }
    let cluster: EKSCluster
    do {
      cluster = try await EKSClient(configuration: aws).describeCluster(name: clusterName)
    } catch let error as AWSError where error.isNotFound {
      return nil
    }
    guard cluster.status == "ACTIVE" || cluster.status == "UPDATING" else { return nil }
    let override = try KubernetesServerOverride.fromEnvironment(environment)
    let connection: KubernetesConnection
    if override != nil {
      connection = try await EKSConnectionResolver(aws: aws).connection(
        clusterName: clusterName, override: override)
    } else {
      connection = try EKSConnectionResolver.connection(
        for: cluster, credentials: EKSTokenProvider(clusterName: clusterName, configuration: aws))
    }
    let client = KubernetesClient(connection: connection, environment: environment)
    made = client
    return client
  }
}
