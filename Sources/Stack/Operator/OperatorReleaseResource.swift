import AWS
import Engine
import Helm
import Kubernetes

/// The Spark Operator Helm release, installed natively by `HelmReleaseEngine` with Helm's
/// own release records, so `helm list` sees it.
///
/// Its attributes are what a plan shows: the chart and its version, the release status (a
/// failed or pending release differs from `deployed`, so the next apply redeploys it), the
/// values (path by path) and the manifest — each rendered object as lines, against the
/// manifest stored in the live release record. When the cluster does not exist yet, `read`
/// answers nil and the release plans as a create.
public struct OperatorReleaseResource: Resource {
  public static let type = "k8s.helm.release"

  public let address: Address
  public let dependencies: [Address]
  let release: OperatorRelease
  let access: ClusterAccess
  /// Whether `delete` also removes the chart's CRDs (`operator uninstall --delete-crds`).
  let deleteCRDs: Bool
  let log: @Sendable (String) -> Void

  /// - Parameters:
  ///   - dependencies: the cluster and the Fargate profiles its pods run on.
  public init(
    release: OperatorRelease, dependencies: [Address], access: ClusterAccess, deleteCRDs: Bool = false,
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    address = Address(Self.type, release.name)
    self.dependencies = dependencies
    self.release = release
    self.access = access
    self.deleteCRDs = deleteCRDs
    self.log = log
  }

  public var immutableFields: Set<String> { ["namespace"] }

  public var timeouts: OperationTimeouts {
    // The engine's own deadline covers CRDs, hooks and waits; the step gets a little more.
    let budget = release.timeout + .seconds(60)
    return OperationTimeouts(create: budget, update: budget, delete: budget)
  }

  public var maxRetries: Int { 0 }

  public func desired(_ inputs: Inputs) -> Attributes? {
    var attributes: Attributes = [
      "chart": .string(release.chart.metadata.name),
      "version": .string(release.chartVersion),
      "namespace": .string(release.namespace),
      "status": "deployed",
      "values": Self.attribute(.map(release.values)),
      "manifest":
        (try? Self.manifest(
          release.manifests.map { ReleaseDocument(source: $0.path, content: $0.content) }, release.namespace))
        ?? .map([:]),
      // The cluster's name comes from its outputs: (known after apply) until it exists.
      "cluster": dependencies.first.map { inputs.value($0, "name") } ?? .string(access.clusterName),
    ]
    if !release.notes.isEmpty { attributes["valueTranslations"] = .strings(release.notes) }
    return attributes
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    // In the stack's graph the cluster's read says whether it exists; a release planned on
    // its own (`operator uninstall`) is on a cluster that must exist.
    let client =
      dependencies.contains(access.cluster) ? try await access.client(context) : try await access.client()
    guard let client else { return nil }
    let engine = HelmReleaseEngine(cluster: client)
    guard let live = try await engine.latest(name: release.name, namespace: release.namespace),
      live.info.status != .uninstalled
    else { return nil }
    var attributes: Attributes = [
      "chart": .string(live.chartName),
      "version": .string(live.chartVersion),
      "namespace": .string(live.namespace),
      "status": .string(live.info.status.rawValue),
      "values": Self.attribute(.map(live.config)),
      "manifest": try Self.manifest(live.manifestDocuments, live.namespace),
      "revision": .int(live.version),
      "cluster": .string(access.clusterName),
    ]
    if !release.notes.isEmpty { attributes["valueTranslations"] = .strings(release.notes) }
    return LiveState(attributes: attributes, outputs: Self.outputs(live))
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let client = try await reach()
    try await ensureNamespace(client)
    let engine = HelmReleaseEngine(cluster: client, log: log)
    return Self.outputs(try await engine.deploy(release.request))
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    let client = try await access.client()
    let namespace = live.attributes["namespace"]?.stringValue ?? release.namespace
    let engine = HelmReleaseEngine(cluster: client, log: log)
    try await engine.uninstall(
      name: release.name, namespace: namespace,
      options: UninstallOptions(deleteCRDs: deleteCRDs, timeout: release.timeout))
  }

  /// The release's id as `helm list` names it (`namespace/name`, revision n), its revision
  /// and status.
  static func outputs(_ release: HelmRelease) -> Outputs {
    [
      "id": .string("\(release.namespace)/\(release.name) (revision \(release.version))"),
      "revision": .int(release.version), "status": .string(release.info.status.rawValue),
    ]
  }

  func reach() async throws -> KubernetesClient {
    do {
      return try await access.client()
    } catch let error as AWSError where error.isNotFound {
      throw StackError(
        .clusterUnreachable, "the cluster of release \(release.name) does not exist or is not active",
        cause: error, remedy: "create it first: eks-spark cluster create")
    }
  }

  /// Helm's `--create-namespace`: the release namespace made when missing, labelled as the
  /// stack's.
  func ensureNamespace(_ client: KubernetesClient) async throws {
    guard try await client.getIfPresent(.namespace, name: release.namespace) == nil else { return }
    do {
      _ = try await client.create(KubernetesObject(.namespace, name: release.namespace))
    } catch let error as KubernetesError where error.isAlreadyExists {}
  }

  /// Each object of a manifest as its lines, keyed `Kind namespace/name`.
  static func manifest(_ documents: [ReleaseDocument], _ namespace: String) throws -> AttributeValue {
    let keyed = try ReleaseDiff.index(documents, namespace)
    var map: [String: AttributeValue] = [:]
    for key in keyed.order {
      let lines = keyed.documents[key]!.content.split(separator: "\n", omittingEmptySubsequences: false)
      map[OperatorRelease.describe(key)] = .list(lines.map { .string(String($0)) })
    }
    return .map(map)
  }

  /// Helm values as plan attributes.
  static func attribute(_ value: Value) -> AttributeValue {
    switch value {
    case .null: .null
    case .bool(let flag): .bool(flag)
    case .int(let number): .number(Double(number))
    case .float(let number): .number(number)
    case .string(let text): .string(text)
    case .list(let items): .list(items.map(attribute))
    case .map(let entries): .map(entries.mapValues(attribute))
    default: .string(JSONCodec.encode(value))
    }
  }
}
