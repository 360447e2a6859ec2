import AWS
import Foundation
import Helm
import Kubernetes
import Testing

/// `operator install` and `operator uninstall` run as a user runs them, against the
/// sandbox's one emulated cluster (`SANDBOX_CLUSTER_NAME`, which EKS tokens are signed
/// for), so the stack's cluster takes that name. In `StackCommandTests`' serialized run,
/// after the suites that make the cluster untagged for themselves.
extension StackCommandTests {
  @Test("operator install from nothing, killed with SIGKILL mid-release, converges; no-op re-run; uninstall")
  func operatorInstall() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let cluster = Sandbox.environment["SANDBOX_CLUSTER_NAME"] ?? "spark-eks-cluster"
    let stack = try StackFixture("opcli")
    try await Self.freeCluster(cluster, keeping: stack.prefix)
    let repository = try #require(Sandbox.environment["SANDBOX_CHART_REPO"])
    try """
    apiVersion: eks-spark.io/v1alpha1
    kind: Stack
    metadata:
      prefix: \(stack.prefix)
      region: eu-west-1
    access:
      allowedCidrs: [203.0.113.0/24]
    network:
      cidr: 10.41.0.0/16
      availabilityZones: 2
      natGateways: 1
    cluster:
      name: \(cluster)
      fargateProfiles:
        - name: default
          selectors: [{namespace: default}, {namespace: kube-system}]
        - name: spark-operator
          selectors: [{namespace: spark-operator}]
    operator:
      repository: \(repository)
      version: 1.1.6
      timeout: 2m
      values:
        sparkJobNamespace: default
        webhook: {enable: false}
        rbac: {createRole: false}
        serviceAccounts: {spark: {create: false}}
    dataLake:
      retainOnDestroy: false

    """.write(toFile: stack.file, atomically: true, encoding: .utf8)

    // The sandbox's admin, without the release suite's Fargate set-up (which would make
    // the cluster again, untagged).
    let config = try KubeconfigLoader(environment: Sandbox.environment).load()
    let client = KubernetesClient(
      connection: try KubeconfigConnectionResolver(environment: Sandbox.environment).connection(config),
      environment: Sandbox.environment)
    let engine = HelmReleaseEngine(cluster: client)
    // Killed once the first release record exists: mid-install.
    let (process, out, err) = try stack.start(["operator", "install", "--auto-approve"])
    while process.isRunning {
      if try await client.getIfPresent(
        .secret, name: "sh.helm.release.v1.spark-operator.v1", namespace: "spark-operator") != nil
      {
        kill(process.processIdentifier, SIGKILL)
        break
      }
      try await Task.sleep(for: .milliseconds(5))
    }
    let killed = await stack.finish(process, out, err)
    #expect(killed.killed || killed.status == 0, "\(killed.stderr)\n\(killed.stdout.suffix(2000))")

    let resumed = try await stack.run(["operator", "install", "--auto-approve"])
    #expect(resumed.status == 0, "\(resumed.stderr)\n\(resumed.stdout.suffix(3000))")
    let history = try await engine.history(name: "spark-operator", namespace: "spark-operator")
    let versions = history.map(\.version)
    #expect(Set(versions).count == versions.count, "duplicate revisions: \(versions)")
    #expect(!history.contains { $0.info.status.isPending }, "\(history.map(\.info.status))")
    #expect(history.last?.info.status == .deployed)

    let again = try await stack.run(["operator", "install", "--auto-approve"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("found no differences"), "\(again.stdout.suffix(3000))")
    let plan = try await stack.run([
      "plan", "--target", "k8s.helm.release.spark-operator", "--detailed-exitcode",
    ])
    #expect(plan.status == 0, "\(plan.stdout.suffix(3000))")
    // Data out: the plan of operator install as JSON, and status's row for the release.
    let json = try await stack.run(["operator", "install", "--auto-approve", "-o", "json"])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((parsed?["unchanged"] as? [String])?.contains("k8s.helm.release.spark-operator") == true)
    let status = try await stack.run(["status", "-o", "json"])
    #expect(
      status.stdout.contains("spark-operator/spark-operator (revision "), "\(status.stdout.suffix(2000))")

    let uninstalled = try await stack.run(["operator", "uninstall", "--auto-approve"])
    #expect(uninstalled.status == 0, "\(uninstalled.stderr)\n\(uninstalled.stdout.suffix(2000))")
    #expect(try await engine.history(name: "spark-operator", namespace: "spark-operator").isEmpty)
    #expect(
      try await client.getIfPresent(.deployment, name: "spark-operator", namespace: "spark-operator") == nil)
    // The cluster stays: uninstall touches the release alone.
    #expect(
      try await EKSClient(configuration: Sandbox.configuration()).describeCluster(name: cluster).status
        == "ACTIVE")

    let destroyed = try await stack.run(["destroy", "--auto-approve", "--delete-data"])
    #expect(destroyed.status == 0, "\(destroyed.stderr)\n\(destroyed.stdout.suffix(2000))")
  }

  /// Deletes the emulated cluster (and its Fargate profiles) when another suite made it,
  /// so this stack can own it.
  static func freeCluster(_ name: String, keeping prefix: String) async throws {
    let eks = try EKSClient(configuration: Sandbox.configuration())
    let cluster: EKSCluster
    do {
      cluster = try await eks.describeCluster(name: name)
    } catch let error as AWSError where error.isNotFound {
      return
    }
    guard cluster.tags?["eks-spark.io/stack"] != prefix else { return }
    for profile in try await eks.listFargateProfiles(clusterName: name) {
      _ = try await eks.deleteFargateProfile(clusterName: name, name: profile)
      for _ in 0..<240 {
        if try await !eks.listFargateProfiles(clusterName: name).contains(profile) { break }
        try await Task.sleep(for: .milliseconds(250))
      }
    }
    _ = try await eks.deleteCluster(name: name)
    for _ in 0..<240 {
      do {
        _ = try await eks.describeCluster(name: name)
      } catch let error as AWSError where error.isNotFound {
        return
      }
      try await Task.sleep(for: .milliseconds(250))
    }
  }
}
