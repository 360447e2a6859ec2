import AWS
import Foundation
import HTTP
import Testing

/// The sandbox's Kubernetes API emulator authenticates EKS tokens the way
/// aws-iam-authenticator does; these tests need it running (`EKS_SPARK_KUBE_SERVER`).
@Suite(
  "get-token against the sandbox's Kubernetes API",
  .enabled(if: Sandbox.isAvailable && Sandbox.environment["EKS_SPARK_KUBE_SERVER"] != nil))
struct KubernetesTokenIntegrationTests {
  let server = Sandbox.environment["EKS_SPARK_KUBE_SERVER"] ?? ""
  let cluster = Sandbox.environment["SANDBOX_CLUSTER_NAME"] ?? "spark-eks-cluster"

  /// A client trusting the cluster CA from memory, as kubeconfig's certificate-authority-data.
  func client() throws -> HTTPClient {
    var configuration = HTTPClientConfiguration()
    let path = try #require(Sandbox.environment["EKS_SPARK_KUBE_CA_FILE"])
    configuration.caPEM = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    return HTTPClient(configuration: configuration)
  }

  func list(token: String) async throws -> HTTPResponse {
    try await client().send(
      HTTPRequest(url: server + "/api/v1/namespaces", headers: ["Authorization": "Bearer \(token)"]))
  }

  /// EKS maps a cluster's creator to cluster-admin: create the emulator's cluster as the
  /// sandbox admin unless it exists, and wait until it is ACTIVE.
  func ensureCluster() async throws {
    let eks = try EKSClient(configuration: Sandbox.configuration())
    do {
      _ = try await eks.describeCluster(name: cluster)
    } catch let error as AWSError where error.isNotFound {
      do {
        _ = try await eks.createCluster(
          EKSCreateClusterRequest(
            name: cluster, roleArn: "arn:aws:iam::123456789012:role/eks",
            resourcesVpcConfig: .init(subnetIds: [])))
      } catch let error as AWSError where error.code == "ResourceInUseException" {
        // Another suite (ClusterSetup) created it between the two calls.
      }
    }
    for _ in 0..<120 {
      if try await eks.describeCluster(name: cluster).status == "ACTIVE" { return }
      try await Task.sleep(for: .milliseconds(250))
    }
  }

  @Test("the cluster creator's token lists namespaces")
  func accepted() async throws {
    try await ensureCluster()
    let token = try await EKSTokenGenerator(configuration: Sandbox.configuration()).token(
      clusterName: cluster)
    let response = try await list(token: token.token)
    #expect(response.status == 200, "\(response.text)")
    #expect(
      response.text.contains("\"kind\":\"NamespaceList\"")
        || response.text.contains("\"kind\": \"NamespaceList\""))
  }

  @Test("a token signed for another cluster is rejected")
  func otherCluster() async throws {
    let token = try await EKSTokenGenerator(configuration: Sandbox.configuration()).token(
      clusterName: "other-cluster")
    #expect(try await list(token: token.token).status == 401)
  }

  @Test("a token signed with a wrong secret is rejected")
  func wrongSecret() async throws {
    let configuration = Sandbox.configuration(["AWS_SECRET_ACCESS_KEY": "wrong"])
    let token = try await EKSTokenGenerator(configuration: configuration).token(clusterName: cluster)
    #expect(try await list(token: token.token).status == 401)
  }
}
