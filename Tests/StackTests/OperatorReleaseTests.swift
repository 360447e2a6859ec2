import AWS
import Config
import Engine
import Foundation
import Helm
import Kubernetes
import Testing

@testable import Stack

/// The operator release made from a stack file and the shared charts, without a cluster.
@Suite("operator release")
struct OperatorReleaseTests {
  static let charts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "shared/charts/spark-operator"
    )
    .path

  /// A cluster that does not exist yet: its read finds nothing, so nothing on it is live.
  struct AbsentCluster: Resource {
    let address: Address
    func desired(_ inputs: Inputs) -> Attributes? { ["name": "spark-eks-cluster"] }
    func read(_ context: ReadContext) async throws -> LiveState? { nil }
    func apply(_ change: Change, context: ApplyContext) async throws -> Outputs { [:] }
    func delete(_ live: LiveState, context: ApplyContext) async throws {}
  }

  func chart(_ version: String) throws -> Chart {
    let path = "\(Self.charts)/spark-operator-\(version).tgz"
    let data = try #require(FileManager.default.contents(atPath: path), "the shared chart \(path) is missing")
    return try ChartLoader.loadArchive([UInt8](data), source: path)
  }

  func stack(_ operatorSection: String, profiles: String = "") throws -> Config.Stack {
    let text = """
      apiVersion: eks-spark.io/v1alpha1
      kind: Stack
      cluster:
        fargateProfiles:
          - name: default
            selectors: [{namespace: default}, {namespace: kube-system}]
          - name: spark-operator
            selectors: [\(profiles.isEmpty ? "{namespace: spark-operator}" : profiles)]
      operator:
      \(operatorSection.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

      """
    let validation = StackLoader(pathExists: { _ in true }).validate(text: text, file: "stack.yaml")
    return try #require(validation.stack, "\(validation.problems)")
  }

  @Test("1.x values for chart 2.4.0 render with the 2.x keys, and the release says so")
  func translated() throws {
    let stack = try stack("version: 2.4.0\nvalues:\n  sparkJobNamespace: jobs\n  webhook: {enable: false}\n")
    let release = try OperatorRelease.make(stack, chart: try chart("2.4.0"))
    #expect(JSONCodec.encode(release.values["spark"] ?? .null).contains(#""jobNamespaces":["jobs"]"#))
    #expect(release.values["sparkJobNamespace"] == nil)
    #expect(
      release.notes == [
        "operator.values.sparkJobNamespace is a chart 1.x key; chart 2.x reads it as spark.jobNamespaces"
      ])
    #expect(
      release.manifests.contains {
        $0.content.contains("namespace: jobs") && $0.content.contains("kind: Role")
      })
  }

  @Test("a profile selecting the operator by label puts the label in the chart's pod labels")
  func fargateLabels() throws {
    let stack = try stack(
      "version: 1.1.6\nvalues: {}\n", profiles: "{namespace: spark-operator, labels: {compute: fargate}}")
    let release = try OperatorRelease.make(stack, chart: try chart("1.1.6"))
    #expect(JSONCodec.encode(release.values["podLabels"] ?? .null) == #"{"compute":"fargate"}"#)
    let deployment = try #require(release.manifests.first { $0.path.hasSuffix("deployment.yaml") })
    #expect(deployment.content.contains("compute: fargate"))
  }

  @Test("a chart object the stack also creates stops the release before any change")
  func collision() throws {
    let stack = try stack("version: 1.1.6\nvalues: {}\n")
    #expect {
      _ = try OperatorRelease.make(
        stack, chart: try chart("1.1.6"), stackObjects: ["Role spark-operator/spark-role"])
    } throws: { error in
      (error as? StackError)?.message
        == "chart spark-operator 1.1.6 renders Role spark-operator/spark-role (spark-operator/templates/spark-rbac.yaml), which the stack also creates"
    }
  }

  @Test("values the chart's templates refuse fail in Go template words")
  func badValues() throws {
    let stack = try stack("version: 1.1.6\nvalues:\n  webhook: \"yes\"\n")
    #expect {
      _ = try OperatorRelease.make(stack, chart: try chart("1.1.6"))
    } throws: { error in
      "\(error)".contains("can't evaluate field enable")
    }
  }

  @Test("with no cluster yet the release plans as a create, its cluster known after apply")
  func createBeforeCluster() async throws {
    let stack = try stack("version: 1.1.6\nvalues: {sparkJobNamespace: default}\n")
    let release = try OperatorRelease.make(stack, chart: try chart("1.1.6"))
    let cluster = Address("aws.eks.cluster", "main")
    let access = ClusterAccess(
      cluster: cluster, clusterName: "spark-eks-cluster",
      aws: AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:]), environment: [:])
    let resource = OperatorReleaseResource(release: release, dependencies: [cluster], access: access)
    let plan = try await Planner().plan(try ResourceGraph([AbsentCluster(address: cluster), resource]))
    #expect(plan.changes.first { $0.address == resource.address }?.action == .create)
    let desired = try #require(resource.desired(Inputs()))
    #expect(desired["cluster"] == .unknown)
    #expect(desired["version"] == "1.1.6")
    #expect(desired["status"] == "deployed")
    let manifest = try #require(desired["manifest"]?.mapValue)
    #expect(manifest.keys.contains("Deployment spark-operator/spark-operator"))
    let known = try #require(resource.desired(Inputs([cluster: ["name": "spark-eks-cluster"]])))
    #expect(known["cluster"] == "spark-eks-cluster")
  }
}
