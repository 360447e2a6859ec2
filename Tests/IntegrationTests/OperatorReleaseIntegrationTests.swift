import AWS
import Config
import Engine
import Foundation
import Helm
import Kubernetes
import Stack
import Testing

/// The operator release as a stack resource against the sandbox's cluster: planned and
/// applied by the Engine like every other resource, read back by the real Helm, upgraded
/// across chart generations with the stack's 1.x values translated, redeployed after a
/// failure, uninstalled; bad values and unknown versions fail before anything changes.
///
/// An extension of the release engine's suite, which runs serialized: its clean-up removes
/// the chart's CRDs, which a release installing at the same time would be waiting for.
extension HelmReleaseIntegrationTests {
  var cluster: String { Sandbox.environment["SANDBOX_CLUSTER_NAME"] ?? "spark-eks-cluster" }
  var repository: String { Sandbox.environment["SANDBOX_CHART_REPO"] ?? "" }

  /// A stack whose operator goes to `namespace` (selected by the sandbox's `helmit-*`
  /// profile), with values written for chart 1.x.
  func operatorStack(namespace: String, version: String, values: String) throws -> Config.Stack {
    let text = """
      apiVersion: eks-spark.io/v1alpha1
      kind: Stack
      metadata:
        prefix: spark-eks
        region: eu-west-1
      cluster:
        fargateProfiles:
          - name: default
            selectors: [{namespace: default}, {namespace: kube-system}]
          - name: operator
            selectors: [{namespace: \(namespace)}]
      operator:
        repository: \(repository)
        version: \(version)
        release: spark-operator-op
        namespace: \(namespace)
        timeout: 2m
        values:
      \(values.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

      """
    return try StackLoader().load(text: text, file: "stack.yaml").stack
  }

  func resource(_ release: OperatorRelease) -> OperatorReleaseResource {
    OperatorReleaseResource(
      release: release, dependencies: [],
      access: ClusterAccess(
        cluster: Address(ClusterResource.type, "main"), clusterName: cluster, aws: Sandbox.configuration(),
        environment: Sandbox.environment))
  }

  func prepare(_ stack: Config.Stack) async throws -> OperatorRelease {
    try await OperatorRelease.prepare(stack, fetcher: HelmReleaseSandbox.Fetcher())
  }

  static let v1Values = """
    sparkJobNamespace: NS
    webhook:
      enable: false
    rbac:
      createRole: false
    serviceAccounts:
      spark:
        create: false
    """

  @Test("install from the stack, no-op plan, real Helm agrees; 1.1.6 -> 2.4.0 in place; uninstall")
  func operatorLifecycle() async throws {
    let client = try await HelmReleaseSandbox.client()
    let namespace = Sandbox.unique("helmit-op")
    let values = Self.v1Values.replacing("NS", with: namespace)
    let v1 = resource(
      try await prepare(try operatorStack(namespace: namespace, version: "1.1.6", values: values)))

    let first = try await Planner().plan(try ResourceGraph([v1]))
    #expect(first.changes.map(\.action) == [.create])
    let report = await Executor().execute(first)
    #expect(report.succeeded, "\(report.steps)")
    let again = try await Planner().plan(try ResourceGraph([v1]))
    #expect(!again.hasChanges, "\(again.changes.map(\.fieldChanges))")

    let engine = HelmReleaseEngine(cluster: client)
    let installed = try #require(try await engine.deployed(name: "spark-operator-op", namespace: namespace))
    if HelmReleaseSandbox.hasHelmPython {
      let listed = try HelmReleaseSandbox.helmList(namespace: namespace)
      let entry = try #require(listed.first { $0["name"] as? String == "spark-operator-op" })
      #expect(entry["status"] as? String == "deployed")
      #expect(entry["manifest"] as? String == installed.manifest)
      #expect((entry["user_values"] as? [String: Any])?["sparkJobNamespace"] as? String == namespace)
    }

    // The same 1.x values with chart 2.4.0: translated, and the plan says so.
    let v2Release = try await prepare(
      try operatorStack(namespace: namespace, version: "2.4.0", values: values))
    #expect(
      v2Release.notes.contains { $0.contains("sparkJobNamespace") && $0.contains("spark.jobNamespaces") })
    let v2 = resource(v2Release)
    let upgrade = try await Planner().plan(try ResourceGraph([v2]))
    let change = try #require(upgrade.changes.first)
    #expect(change.action == .update)
    let fields = Set(change.fieldChanges.map(\.path))
    #expect(fields.isSuperset(of: ["version", "values", "manifest"]))
    #expect(change.before?["version"] == "1.1.6")
    #expect(change.after?["version"] == "2.4.0")
    #expect(await Executor().execute(upgrade).succeeded)
    let history = try await engine.history(name: "spark-operator-op", namespace: namespace)
    #expect(history.map { "\($0.version) \($0.info.status.rawValue)" } == ["1 superseded", "2 deployed"])
    let controller = try await client.getIfPresent(
      .deployment, name: "spark-operator-op-controller", namespace: namespace)
    #expect(controller != nil)
    #expect(!(try await Planner().plan(try ResourceGraph([v2]))).hasChanges)

    // Uninstall: a destroy of the release alone.
    let destroy = try await Planner().plan(try ResourceGraph([v2]), mode: .destroy)
    #expect(destroy.changes.map(\.action) == [.delete])
    #expect(await Executor().execute(destroy).succeeded)
    #expect(try await engine.history(name: "spark-operator-op", namespace: namespace).isEmpty)
    #expect(
      try await client.getIfPresent(.deployment, name: "spark-operator-op-controller", namespace: namespace)
        == nil)
    _ = try? await client.deleteIfPresent(.namespace, name: namespace)
  }

  @Test("a failed release is redeployed on the next apply, under a new revision")
  func failedIsRedeployed() async throws {
    let client = try await HelmReleaseSandbox.client()
    let namespace = Sandbox.unique("helmit-op")
    let values = Self.v1Values.replacing("NS", with: namespace)
    let release = try await prepare(try operatorStack(namespace: namespace, version: "1.1.6", values: values))
    _ = try await client.create(KubernetesObject(.namespace, name: namespace))
    let engine = HelmReleaseEngine(cluster: client)
    // A revision left failed, as a killed or timed-out run leaves it.
    var request = ReleaseRequest(name: release.name, namespace: namespace, chart: release.chart, values: [:])
    request.wait = false
    var failed = try await engine.deploy(request)
    failed.info.status = .failed
    _ = try await client.replace(ReleaseSecret.encode(failed))
    let plan = try await Planner().plan(try ResourceGraph([resource(release)]))
    let change = try #require(plan.changes.first)
    #expect(change.action == .update)
    #expect(change.fieldChanges.contains { $0.path == "status" && $0.before == "failed" })
    #expect(await Executor().execute(plan).succeeded)
    let history = try await engine.history(name: release.name, namespace: namespace)
    #expect(history.map { "\($0.version) \($0.info.status.rawValue)" } == ["1 failed", "2 deployed"])
    _ = try await engine.uninstall(name: release.name, namespace: namespace)
    _ = try? await client.deleteIfPresent(.namespace, name: namespace)
  }

  @Test("values the chart's templates refuse and an unknown version fail before anything changes")
  func badInput() async throws {
    let namespace = Sandbox.unique("helmit-op")
    await #expect {
      _ = try await prepare(
        try operatorStack(namespace: namespace, version: "1.1.6", values: "webhook: \"yes\"\n"))
    } throws: { error in
      "\(error)".contains("executing \"spark-operator/templates/")
        && "\(error)".contains("can't evaluate field enable")
    }
    await #expect {
      _ = try await prepare(try operatorStack(namespace: namespace, version: "9.9.9", values: "{}\n"))
    } throws: { error in
      "\(error)".contains("chart \"spark-operator\" version \"9.9.9\" not found")
    }
    let client = try await HelmReleaseSandbox.client()
    #expect(try await client.getIfPresent(.namespace, name: namespace) == nil)
  }
}
