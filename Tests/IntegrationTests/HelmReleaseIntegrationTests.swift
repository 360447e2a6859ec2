import AWS
import Foundation
import HTTP
import Helm
import Kubernetes
import Testing

/// The Spark Operator release against the sandbox: install 1.1.6 from the loopback chart
/// repository, upgrade to 2.4.0, uninstall — with the records read back in Helm's shape and,
/// through helm-python-sdk, by the real Helm.
@Suite(
  "Helm release engine against the sandbox", .serialized,
  .enabled(
    if: HelmReleaseSandbox.isAvailable, "source .sandbox/env: SANDBOX_CHART_REPO and KUBECONFIG are needed"))
struct HelmReleaseIntegrationTests {
  @Test("install 1.1.6, upgrade to 2.4.0, uninstall; records are Helm's and real Helm lists them")
  func lifecycle() async throws {
    let client = try await HelmReleaseSandbox.client()
    let namespace = Sandbox.unique("helmit")
    _ = try await client.create(KubernetesObject(.namespace, name: namespace))
    defer { Task { _ = try? await client.deleteIfPresent(.namespace, name: namespace) } }
    let engine = HelmReleaseEngine(cluster: client)
    let name = "spark-operator"
    let v1Values: [String: Value] = [
      "sparkJobNamespace": .string(namespace), "webhook": .map(["enable": .bool(false)]),
    ]

    let installed = try await engine.deploy(
      ReleaseRequest(
        name: name, namespace: namespace, chart: try await HelmReleaseSandbox.chart("1.1.6"),
        values: v1Values,
        timeout: .seconds(120)))
    #expect(installed.version == 1)
    #expect(installed.info.status == .deployed)

    // The record as stored: Helm's Secret, decoding to Helm's shape.
    let secret = try await client.get(.secret, name: "sh.helm.release.v1.\(name).v1", namespace: namespace)
    #expect(secret.tree.text(at: ["type"]) == "helm.sh/release.v1")
    #expect(secret.metadata.labels["owner"] == "helm")
    #expect(secret.metadata.labels["status"] == "deployed")
    #expect(secret.metadata.labels["version"] == "1")
    let stored = try ReleaseSecret.decode(secret)
    #expect(stored.chartVersion == "1.1.6")
    #expect(stored.manifest == installed.manifest)
    #expect(try await client.getIfPresent(.deployment, name: "\(name)", namespace: namespace) != nil)

    if HelmReleaseSandbox.hasHelmPython {
      let listed = try HelmReleaseSandbox.helmList(namespace: namespace)
      let entry = try #require(listed.first { $0["name"] as? String == name })
      #expect(entry["status"] as? String == "deployed")
      #expect(entry["revision"] as? Int == 1)
      #expect(entry["manifest"] as? String == installed.manifest)
      #expect(entry["apply_method"] as? String == "ssa")
      let values = entry["user_values"] as? [String: Any]
      #expect(values?["sparkJobNamespace"] as? String == namespace)
      #expect((values?["webhook"] as? [String: Any])?["enable"] as? Bool == false)
    }

    let v2Values: [String: Value] = [
      "spark": .map(["jobNamespaces": .list([.string(namespace)])]),
      "webhook": .map(["enable": .bool(false)]),
    ]
    // What plan would show for the upgrade, against the stored record.
    let chart2 = try await HelmReleaseSandbox.chart("2.4.0")
    let rendered = try ChartRenderer(
      options: RenderOptions(
        release: ReleaseOptions(
          name: name, namespace: namespace, revision: 2, isInstall: false, isUpgrade: true))
    ).render(chart2, values: v2Values)
    let diff = try ReleaseDiff(
      live: stored, chartVersion: "2.4.0", values: v2Values, manifests: rendered.manifests,
      namespace: namespace)
    #expect(diff.chartVersion?.from == "1.1.6")
    #expect(diff.values.map(\.path) == ["spark", "sparkJobNamespace"])
    let actions = Set(diff.objects.map { "\($0.action.rawValue) \($0.key)" })
    #expect(actions.contains("delete Deployment \(namespace)/\(name)"))
    #expect(actions.contains("create Deployment \(namespace)/\(name)-controller"))

    let upgraded = try await engine.deploy(
      ReleaseRequest(
        name: name, namespace: namespace, chart: chart2,
        values: v2Values,
        timeout: .seconds(120)))
    #expect(upgraded.version == 2)
    let history = try await engine.history(name: name, namespace: namespace)
    #expect(history.map { "\($0.version) \($0.info.status.rawValue)" } == ["1 superseded", "2 deployed"])
    #expect(
      try await client.getIfPresent(.deployment, name: "\(name)-controller", namespace: namespace) != nil)
    // The 1.x Deployment is gone: the chart renamed it.
    #expect(try await client.getIfPresent(.deployment, name: name, namespace: namespace) == nil)
    // The 2.x CRDs were applied server-side by eks-spark, without client-side apply's annotation.
    let crd = try await client.get(.customResourceDefinition, name: "sparkapplications.sparkoperator.k8s.io")
    let managers = (crd.tree.node(at: ["metadata", "managedFields"])?.sequence ?? []).map {
      "\($0.text(at: ["manager"]) ?? "") \($0.text(at: ["operation"]) ?? "")"
    }
    #expect(managers.contains("eks-spark Apply"))
    #expect(crd.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"] == nil)
    #expect(
      crd.tree.text(at: ["metadata", "annotations", "controller-gen.kubebuilder.io/version"]) == "v0.17.1")

    if HelmReleaseSandbox.hasHelmPython {
      let listed = try HelmReleaseSandbox.helmList(namespace: namespace)
      let entry = try #require(listed.first { $0["name"] as? String == name })
      #expect(entry["status"] as? String == "deployed")
      #expect(entry["revision"] as? Int == 2)
      #expect(entry["chart_version"] as? String == "2.4.0")
      #expect(entry["manifest"] as? String == upgraded.manifest)
      #expect(entry["history"] as? [String] == ["1 superseded", "2 deployed"])
    }

    let removed = try await engine.uninstall(name: name, namespace: namespace)
    #expect(removed?.version == 2)
    #expect(try await engine.history(name: name, namespace: namespace).isEmpty)
    #expect(
      try await client.getIfPresent(.deployment, name: "\(name)-controller", namespace: namespace) == nil)
    // CRDs stay.
    #expect(
      try await client.getIfPresent(.customResourceDefinition, name: "sparkapplications.sparkoperator.k8s.io")
        != nil)
    // Leave the shared sandbox as found: suites after this one install the chart with real
    // Helm, whose CRD apply would conflict with the fields eks-spark's manager owns.
    for crd in try await client.list(.customResourceDefinition).items
    where crd.name.hasSuffix(".sparkoperator.k8s.io") {
      _ = try await client.deleteIfPresent(.customResourceDefinition, name: crd.name)
    }
  }
}

enum HelmReleaseSandbox {
  static let environment = ProcessInfo.processInfo.environment
  static let isAvailable =
    Sandbox.isAvailable && environment["SANDBOX_CHART_REPO"] != nil && environment["KUBECONFIG"] != nil
  static let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".venv/bin/python3").path
  static let hasHelmPython = FileManager.default.isExecutableFile(atPath: python)

  /// The admin of the sandbox's kubeconfig, with a Fargate profile for `helmit-*` so pods run.
  static func client() async throws -> KubernetesClient {
    try await FargateForReleases.shared.ensure()
    let config = try KubeconfigLoader(environment: environment).load()
    let connection = try KubeconfigConnectionResolver(environment: environment).connection(config)
    return KubernetesClient(connection: connection, environment: environment)
  }

  struct Fetcher: ChartFetcher {
    func fetch(_ url: String) async throws -> [UInt8] {
      let response = try await HTTPClient().send(HTTPRequest(method: .get, url: url))
      guard response.status == 200 else { throw HelmError(.repository, "GET \(url): \(response.status)") }
      return response.body
    }
  }

  static func chart(_ version: String) async throws -> Chart {
    let (_, bytes) = try await ChartRepository(url: environment["SANDBOX_CHART_REPO"]!, fetcher: Fetcher())
      .download(name: "spark-operator", version: version)
    return try ChartLoader.loadArchive(bytes, source: "spark-operator-\(version).tgz")
  }

  /// `helm list` through helm-python-sdk, each release's status (with its manifest) and
  /// user-supplied values (`helm get values`).
  static func helmList(namespace: String) throws -> [[String: Any]] {
    let script = """
      import json, sys
      from helm_python import Config
      with Config(namespace=sys.argv[1]) as cfg:
          out = []
          for r in cfg.list():
              s = cfg.status(r["name"])
              s["user_values"] = cfg.get_values(r["name"])
              s["apply_method"] = cfg.get_metadata(r["name"]).get("applyMethod")
              s["history"] = ["%s %s" % (h["revision"], h["status"]) for h in cfg.history(r["name"])]
              out.append(s)
      print(json.dumps(out))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, namespace]
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw HelmError(.release, "helm-python-sdk list failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return (try JSONSerialization.jsonObject(with: output) as? [[String: Any]]) ?? []
  }
}

/// Creates, once per test process, the emulator's EKS cluster and a Fargate profile that
/// selects `helmit-*` namespaces.
actor FargateForReleases {
  static let shared = FargateForReleases()
  private var ready = false
  let cluster = ProcessInfo.processInfo.environment["SANDBOX_CLUSTER_NAME"] ?? "spark-eks-cluster"

  func ensure() async throws {
    if ready { return }
    let configuration = Sandbox.configuration()
    let eks = try EKSClient(configuration: configuration)
    do {
      _ = try await eks.describeCluster(name: cluster)
    } catch let error as AWSError where error.isNotFound {
      do {
        _ = try await eks.createCluster(
          EKSCreateClusterRequest(
            name: cluster, roleArn: "arn:aws:iam::123456789012:role/eks",
            resourcesVpcConfig: .init(subnetIds: [])))
      } catch let error as AWSError where error.code == "ResourceInUseException" {}
    }
    try await poll { try await eks.describeCluster(name: self.cluster).status == "ACTIVE" }
    let name = "eks-spark-helm-release-it"
    if try await !eks.listFargateProfiles(clusterName: cluster).contains(name) {
      let ec2 = try EC2Client(configuration: configuration)
      let iam = try IAMClient(configuration: configuration)
      let vpc = try await ec2.createVPC(cidrBlock: "10.92.0.0/16")
      let subnet = try await ec2.createSubnet(vpcID: vpc.id, cidrBlock: "10.92.1.0/24")
      let role = try await iam.createRole(
        name: Sandbox.unique("helm-it-pods"), assumeRolePolicyDocument: Sandbox.trustPolicy)
      for attempt in 0..<120 {
        // Another caller (the actor is re-entered at each await) may have made it meanwhile.
        if try await eks.listFargateProfiles(clusterName: cluster).contains(name) { break }
        do {
          _ = try await eks.createFargateProfile(
            clusterName: cluster, name: name, podExecutionRoleArn: role.arn, subnets: [subnet.id],
            selectors: [.init(namespace: "helmit-*")])
          break
        } catch let error as AWSError where error.code == "ResourceInUseException" && attempt < 119 {
          try await Task.sleep(for: .milliseconds(500))
        }
      }
    }
    try await poll {
      try await eks.describeFargateProfile(clusterName: self.cluster, name: name).status == "ACTIVE"
    }
    ready = true
  }

  private func poll(_ done: @Sendable () async throws -> Bool) async throws {
    for _ in 0..<240 {
      if try await done() { return }
      try await Task.sleep(for: .milliseconds(250))
    }
    throw HelmError(.cluster, "the sandbox's cluster or Fargate profile never became ACTIVE")
  }
}
