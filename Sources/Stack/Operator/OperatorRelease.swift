import Config
import Engine
import Helm
import YAML

/// The Spark Operator release the stack file asks for, made ready before planning: the
/// chart downloaded (and cached), the values translated to the chart's generation, with the
/// pod labels a Fargate profile needs, and the chart rendered once. Everything that can be
/// wrong with the chart or the values — an unknown version, values the chart's schema
/// refuses, a template error, an object the stack also creates — fails here, in Helm's own
/// words, before anything is changed.
public struct OperatorRelease: Sendable {
  public let name: String
  public let namespace: String
  public let chart: Chart
  /// The values given to the chart (Helm's `config` of the release record).
  public let values: [String: Value]
  /// The rendered non-hook documents.
  public let manifests: [Manifest]
  /// What eks-spark changed in the values, for plan: renamed keys, added pod labels.
  public let notes: [String]
  public let timeout: Duration
  public let wait: Bool
  public let kubernetesVersion: String

  /// Downloads and renders the release.
  /// - Parameters:
  ///   - stackObjects: keys (`Role default/spark-role`) of the Kubernetes objects the stack
  ///     itself creates; a chart object with the same key is an error.
  public static func prepare(
    _ stack: Config.Stack, fetcher: any ChartFetcher, cache: ChartCache? = nil, stackObjects: Set<String> = []
  ) async throws -> OperatorRelease {
    let op = stack.sparkOperator
    let (_, bytes) = try await ChartRepository(url: op.repository, fetcher: fetcher, cache: cache)
      .download(name: op.chart, version: op.version)
    let chart = try ChartLoader.loadArchive(bytes, source: "\(op.chart)-\(op.version).tgz")
    return try make(stack, chart: chart, stackObjects: stackObjects)
  }

  /// The release for a chart already loaded.
  public static func make(_ stack: Config.Stack, chart: Chart, stackObjects: Set<String> = []) throws
    -> OperatorRelease
  {
    let op = stack.sparkOperator
    let (node, notes) = OperatorPlacement.values(for: stack, version: chart.metadata.version)
    let values: [String: Value]
    do {
      guard case .map(let map) = try JSONCodec.decode(YAMLJSONWriter.string(node)) else {
        throw StackError(.operatorRelease, "operator.values is not a mapping")
      }
      values = map
    } catch let error as StackError {
      throw error
    } catch {
      throw StackError(.operatorRelease, "operator.values cannot be read as Helm values", cause: error)
    }
    let capabilities = Capabilities(
      kubeVersion: try KubeVersion(parsing: "v\(stack.cluster.kubernetesVersion).0"))
    let result = try ChartRenderer(
      options: RenderOptions(
        release: ReleaseOptions(name: op.release, namespace: op.namespace), capabilities: capabilities)
    ).render(chart, values: values)
    if let error = result.manifestError { throw error }
    let keyed = try ReleaseDiff.index(
      result.manifests.map { ReleaseDocument(source: $0.path, content: $0.content) }, op.namespace)
    for key in keyed.order where stackObjects.contains(Self.describe(key)) {
      throw StackError(
        .operatorRelease,
        "chart \(op.chart) \(chart.metadata.version) renders \(Self.describe(key)) (\(keyed.documents[key]!.source)), which the stack also creates",
        remedy:
          "switch the chart's copy off in operator.values (rbac.createRole/serviceAccounts.spark.create in 1.x, spark.rbac.create/spark.serviceAccount.create in 2.x)"
      )
    }
    return OperatorRelease(
      name: op.release, namespace: op.namespace, chart: chart, values: values, manifests: result.manifests,
      notes: notes, timeout: .seconds(op.timeoutSeconds), wait: op.wait,
      kubernetesVersion: stack.cluster.kubernetesVersion)
  }

  /// `Kind namespace/name`, as stack object keys are written.
  static func describe(_ key: ReleaseObjectKey) -> String {
    "\(key.kind) \(key.namespace ?? "")/\(key.name)"
  }

  public var chartVersion: String { chart.metadata.version }

  /// The request the release engine deploys.
  var request: ReleaseRequest {
    ReleaseRequest(
      name: name, namespace: namespace, chart: chart, values: values, timeout: timeout,
      capabilities: (try? KubeVersion(parsing: "v\(kubernetesVersion).0")).map {
        Capabilities(kubeVersion: $0)
      }
        ?? Capabilities(),
      wait: wait)
  }
}
