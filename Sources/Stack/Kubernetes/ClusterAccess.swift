import AWS
import Engine
import Kubernetes
import Synchronization

/// The stack's way into its cluster: one Kubernetes client per cluster per run, made the
/// first time a resource needs it and shared by every Kubernetes read and write after.
///
/// The cluster's address in the graph says whether it exists: a read that finds no live
/// cluster (or one without an endpoint yet) answers that the Kubernetes object is absent,
/// so a plan from nothing shows every Kubernetes object as a create.
public final class ClusterAccess: Sendable {
  /// The cluster resource every Kubernetes resource depends on.
  public let cluster: Address
  public let clusterName: String
  let aws: AWSConfiguration
  let environment: [String: String]
  private let clients = Mutex<Task<KubernetesClient, any Error>?>(nil)

  public init(cluster: Address, clusterName: String, aws: AWSConfiguration, environment: [String: String]) {
    self.cluster = cluster
    self.clusterName = clusterName
    self.aws = aws
    self.environment = environment
  }

  /// The client during planning, or nil when the cluster is not live (or has no endpoint
  /// yet): every object in it is then absent.
  public func client(_ context: ReadContext) async throws -> KubernetesClient? {
    guard let live = try await context.live(of: cluster), live.outputs["endpoint"]?.stringValue != nil else {
      return nil
    }
    return try await client()
  }

  /// The client during apply or destroy, once the cluster is known to exist.
  public func client() async throws -> KubernetesClient {
    let task = clients.withLock { slot in
      if let task = slot { return task }
      let (name, aws, environment) = (clusterName, aws, environment)
      let task = Task {
        // A server override (a tunnel, a proxy) is a user's setting; without one the
        // endpoint and CA come from DescribeCluster, once per run.
        let override = try KubernetesServerOverride.fromEnvironment(environment)
        let connection = try await EKSConnectionResolver(aws: aws).connection(
          clusterName: name, override: override)
        return KubernetesClient(connection: connection, environment: environment)
      }
      slot = task
      return task
    }
    return try await task.value
  }
}
