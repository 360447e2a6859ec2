import FoundationEssentials
import Kubernetes

/// What to install or upgrade to: a loaded chart, the user's values, where, and how long
/// to wait.
public struct ReleaseRequest: Sendable {
  public var name: String
  public var namespace: String
  public var chart: Chart
  /// The user's values (Helm's `config`); the chart's defaults are merged when rendering.
  public var values: [String: Value]
  /// How long CRDs, hooks, Deployments and Jobs may take, in all.
  public var timeout: Duration
  public var capabilities: Capabilities
  public var skipSchemaValidation: Bool
  /// Wait for Deployments to be available and Jobs complete (`helm --wait`); hooks are
  /// waited for either way, as Helm does.
  public var wait: Bool

  public init(
    name: String, namespace: String, chart: Chart, values: [String: Value] = [:],
    timeout: Duration = .seconds(300),
    capabilities: Capabilities = .init(), skipSchemaValidation: Bool = false, wait: Bool = true
  ) {
    self.name = name
    self.namespace = namespace
    self.chart = chart
    self.values = values
    self.timeout = timeout
    self.capabilities = capabilities
    self.skipSchemaValidation = skipSchemaValidation
    self.wait = wait
  }
}

/// Installs, upgrades, rolls back and uninstalls Helm releases, keeping Helm's own release
/// records so the `helm` CLI lists and reads them.
///
/// Unlike Helm, a run never stops at "another operation (install/upgrade/rollback) is in
/// progress": a `pending-*` record left by a killed run is taken over and finished, and a
/// failed revision is followed by a new one that resumes.
public struct HelmReleaseEngine: Sendable {
  public var cluster: any ReleaseCluster
  /// Revisions kept per release (Helm's `--history-max`); older superseded and failed
  /// revisions are deleted. 0 keeps every revision.
  public var historyMax: Int
  /// Wall time for the records' timestamps and labels.
  public var clock: @Sendable () -> Date
  /// Progress lines (`applied Deployment spark-operator/controller`).
  public var log: @Sendable (String) -> Void

  public init(
    cluster: any ReleaseCluster, historyMax: Int = 10, clock: @escaping @Sendable () -> Date = { Date() },
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.cluster = cluster
    self.historyMax = historyMax
    self.clock = clock
    self.log = log
  }

  // MARK: Records

  /// Every stored revision of the release, oldest first.
  public func history(name: String, namespace: String) async throws -> [HelmRelease] {
    let secrets = try await cluster.listObjects(
      .secret, namespace: namespace, labelSelector: ReleaseSecret.selector(release: name))
    return try secrets.map { secret throws(HelmError) in try ReleaseSecret.decode(secret) }
      .filter { $0.name == name }.sorted { $0.version < $1.version }
  }

  /// The newest revision, whatever its status; nil when the release has no records.
  public func latest(name: String, namespace: String) async throws -> HelmRelease? {
    let secrets = try await cluster.listObjects(
      .secret, namespace: namespace, labelSelector: ReleaseSecret.selector(release: name))
    // Only the newest record is decoded (each holds the whole chart, gzipped): its number
    // is on the Secret's `version` label, as Helm's driver writes it.
    let numbered = secrets.compactMap { secret in
      secret.metadata.labels["version"].flatMap(Int.init).map { ($0, secret) }
    }
    guard numbered.count == secrets.count else {
      return try await history(name: name, namespace: namespace).last
    }
    guard let newest = numbered.max(by: { $0.0 < $1.0 }) else { return nil }
    let release = try ReleaseSecret.decode(newest.1)
    return release.name == name ? release : try await history(name: name, namespace: namespace).last
  }

  /// The revision currently deployed, if any.
  public func deployed(name: String, namespace: String) async throws -> HelmRelease? {
    try await history(name: name, namespace: namespace).last { $0.info.status == .deployed }
  }

  func create(_ release: HelmRelease) async throws {
    do {
      _ = try await cluster.createObject(ReleaseSecret.encode(release, createdAt: unixTime))
    } catch let error as KubernetesError where error.isAlreadyExists {
      // A killed run created this revision's record already; take it over.
      try await update(release)
    }
  }

  func update(_ release: HelmRelease) async throws {
    _ = try await cluster.replaceObject(ReleaseSecret.encode(release, modifiedAt: unixTime))
  }

  func setStatus(_ release: inout HelmRelease, _ status: ReleaseStatus, _ description: String) async throws {
    release.info.status = status
    release.info.description = description
    try await update(release)
  }

  /// Marks the deployed revisions other than `current` superseded, then deletes the
  /// oldest revisions beyond `historyMax` (never the deployed one), as Helm does.
  func retire(others history: [HelmRelease], current: Int) async throws {
    for var old in history where old.version != current && old.info.status == .deployed {
      old.info.status = .superseded
      try await update(old)
    }
    guard historyMax > 0 else { return }
    let kept = try await self.history(
      name: history.first?.name ?? "", namespace: history.first?.namespace ?? "")
    var excess = kept.count - historyMax
    for old in kept where excess > 0 && old.version != current && old.info.status != .deployed {
      _ = try await cluster.deleteObject(
        .secret, name: ReleaseSecret.name(release: old.name, version: old.version), namespace: old.namespace)
      excess -= 1
    }
  }

  var unixTime: Int64 { Int64(clock().timeIntervalSince1970.rounded(.down)) }

  /// Now as Go marshals `time.Time` (RFC 3339, nanoseconds without trailing zeros).
  var timestamp: String {
    let seconds = clock().timeIntervalSince1970
    let whole = seconds.rounded(.down)
    return GoTime(seconds: Int64(whole), nanoseconds: Int64(((seconds - whole) * 1e9).rounded()))
      .format("2006-01-02T15:04:05.999999999Z07:00")
  }

  /// Renders a chart for a revision and checks it can be installed.
  func render(_ request: ReleaseRequest, revision: Int, isUpgrade: Bool) throws(HelmError) -> RenderResult {
    try HelmTemplateService.validateReleaseName(request.name)
    if request.chart.metadata.isLibrary {
      throw HelmError(
        .invalidChart, "library charts are not installable", remedy: "install an application chart")
    }
    try HelmTemplateService.checkKubeVersion(request.chart, request.capabilities.kubeVersion)
    let options = RenderOptions(
      release: ReleaseOptions(
        name: request.name, namespace: request.namespace, revision: revision, isInstall: !isUpgrade,
        isUpgrade: isUpgrade),
      capabilities: request.capabilities, skipSchemaValidation: request.skipSchemaValidation)
    let result = try ChartRenderer(options: options).render(request.chart, values: request.values)
    if let error = result.manifestError { throw error }
    return result
  }
}

extension HelmError {
  /// A cluster failure during a release action, with the API's own words.
  static func cluster(_ error: any Error, doing: String) -> HelmError {
    if let error = error as? HelmError { return error }
    if let error = error as? KubernetesError {
      return HelmError(
        .cluster, "\(doing): \(error.message)", remedy: error.remedy, cause: error.code.rawValue)
    }
    return HelmError(.cluster, "\(doing): \(error)")
  }
}
