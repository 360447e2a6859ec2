import AWS
import Foundation
import HTTP
import Kubernetes
import Testing
import YAML

/// The sandbox's Kubernetes side as the Kubernetes module reaches it: the product's own path
/// (DescribeCluster's endpoint and CA, EKS tokens), with namespaces of its own per test.
enum KubernetesSandbox {
  static let isAvailable = Sandbox.isAvailable && Sandbox.environment["EKS_SPARK_KUBE_SERVER"] != nil
  static let cluster = Sandbox.environment["SANDBOX_CLUSTER_NAME"] ?? "spark-eks-cluster"
  /// Namespaces named `k8sit-...` are selected by one Fargate profile, so their pods run.
  static let namespacePrefix = "k8sit-"

  /// A client connected as the sandbox admin (the cluster's creator) through DescribeCluster.
  static func client(_ overrides: [String: String] = [:], fieldManager: String = "eks-spark") async throws
    -> KubernetesClient
  {
    try await ClusterSetup.shared.ensureCluster()
    let aws = Sandbox.configuration(overrides)
    let connection = try await EKSConnectionResolver(aws: aws).connection(clusterName: cluster)
    return KubernetesClient(
      connection: connection, environment: Sandbox.environment, fieldManager: fieldManager)
  }

  /// A fresh namespace, deleted by `cleanUp`.
  static func namespace(_ client: KubernetesClient) async throws -> String {
    let name = Sandbox.unique(String(namespacePrefix.dropLast()))
    _ = try await client.create(KubernetesObject(.namespace, name: name))
    return name
  }

  /// Runs `body`, failing with a message instead of hanging when it takes longer than `limit`.
  static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T)
    async throws -> T
  {
    try await withThrowingTaskGroup(of: T.self) { tasks in
      tasks.addTask { try await body() }
      tasks.addTask {
        try await Task.sleep(for: limit)
        throw KubernetesError(.wait, "the test did not finish within \(limit)")
      }
      defer { tasks.cancelAll() }
      return try await tasks.next()!
    }
  }

  static func cleanUp(_ client: KubernetesClient, namespace: String) async {
    _ = try? await client.deleteIfPresent(.namespace, name: namespace)
  }

  static func configMap(
    _ name: String, namespace: String, data: [(String, String)], labels: [String: String] = [:]
  )
    -> KubernetesObject
  {
    var object = KubernetesObject(
      .configMap, name: name, namespace: namespace,
      body: [("data", .mapping(data.map { ($0.0, .string($0.1)) }))])
    object.metadata.labels = labels
    return object
  }
}

/// Creates, once per test process, the emulator's EKS cluster and a Fargate profile that
/// selects the test namespaces.
actor ClusterSetup {
  static let shared = ClusterSetup()
  private var clusterReady = false
  private var profileReady = false
  // One set-up in flight: an actor method that awaits lets a second caller in, which would
  // create the same Fargate profile again.
  private var clusterTask: Task<Void, any Error>?
  private var profileTask: Task<Void, any Error>?

  func ensureCluster() async throws {
    if clusterReady { return }
    let task = clusterTask ?? Task { try await self.createCluster() }
    clusterTask = task
    do { try await task.value } catch {
      clusterTask = nil
      throw error
    }
  }

  func ensureFargateProfile() async throws {
    if profileReady { return }
    let task = profileTask ?? Task { try await self.createFargateProfile() }
    profileTask = task
    do { try await task.value } catch {
      profileTask = nil
      throw error
    }
  }

  private func createCluster() async throws {
    if clusterReady { return }
    let eks = try EKSClient(configuration: Sandbox.configuration())
    // KubernetesTokenIntegrationTests creates the same cluster and does not expect anyone
    // else to: give it a few seconds to do so before creating it here.
    var exists = false
    for _ in 0..<12 where !exists {
      do {
        _ = try await eks.describeCluster(name: KubernetesSandbox.cluster)
        exists = true
      } catch let error as AWSError where error.isNotFound {
        try await Task.sleep(for: .milliseconds(250))
      }
    }
    if !exists {
      do {
        _ = try await eks.createCluster(
          EKSCreateClusterRequest(
            name: KubernetesSandbox.cluster, roleArn: "arn:aws:iam::123456789012:role/eks",
            resourcesVpcConfig: .init(subnetIds: [])))
      } catch let error as AWSError where error.code == "ResourceInUseException" {
        // Another suite created it meanwhile.
      }
    }
    for _ in 0..<240 {
      if try await eks.describeCluster(name: KubernetesSandbox.cluster).status == "ACTIVE" {
        clusterReady = true
        return
      }
      try await Task.sleep(for: .milliseconds(250))
    }
    throw KubernetesError(.connection, "the sandbox cluster never became ACTIVE")
  }

  private func createFargateProfile() async throws {
    if profileReady { return }
    try await ensureCluster()
    let configuration = Sandbox.configuration()
    let eks = try EKSClient(configuration: configuration)
    let name = "eks-spark-k8s-client-it"
    if try await !eks.listFargateProfiles(clusterName: KubernetesSandbox.cluster).contains(name) {
      let ec2 = try EC2Client(configuration: configuration)
      let iam = try IAMClient(configuration: configuration)
      let vpc = try await ec2.createVPC(cidrBlock: "10.91.0.0/16")
      let subnet = try await ec2.createSubnet(vpcID: vpc.id, cidrBlock: "10.91.1.0/24")
      let role = try await iam.createRole(
        name: Sandbox.unique("k8s-it-pods"), assumeRolePolicyDocument: Sandbox.trustPolicy)
      // One profile may be creating per cluster at a time: wait out other suites' profiles.
      for attempt in 0..<120 {
        do {
          _ = try await eks.createFargateProfile(
            clusterName: KubernetesSandbox.cluster, name: name, podExecutionRoleArn: role.arn,
            subnets: [subnet.id],
            selectors: [.init(namespace: KubernetesSandbox.namespacePrefix + "*")])
          break
        } catch let error as AWSError where error.code == "ResourceInUseException" && attempt < 119 {
          // Another process of the same run made it: wait for it below.
          if error.message.contains("already exists") { break }
          try await Task.sleep(for: .milliseconds(500))
        }
      }
    }
    for _ in 0..<240 {
      if try await eks.describeFargateProfile(clusterName: KubernetesSandbox.cluster, name: name).status
        == "ACTIVE"
      {
        profileReady = true
        return
      }
      try await Task.sleep(for: .milliseconds(250))
    }
    throw KubernetesError(.connection, "the test Fargate profile never became ACTIVE")
  }
}
