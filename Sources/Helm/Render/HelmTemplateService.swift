/// What `eks-spark helm template` asks for.
public struct HelmTemplateRequest: Sendable {
  /// A chart directory, a `.tgz`, or a chart name when `repository` is set.
  public var chart: String
  public var repository: String?
  /// A version or constraint; empty means the newest release.
  public var version: String
  /// Admit pre-release versions (`--devel`).
  public var devel: Bool
  public var values: ValueOptions
  public var release: ReleaseOptions
  /// `--kube-version`; nil keeps Helm's default.
  public var kubeVersion: String?
  /// Extra API versions for `.Capabilities.APIVersions` (`--api-versions`).
  public var apiVersions: [String]
  public var skipSchemaValidation: Bool

  public init(
    chart: String, repository: String? = nil, version: String = "", devel: Bool = false,
    values: ValueOptions = .init(), release: ReleaseOptions = .init(), kubeVersion: String? = nil,
    apiVersions: [String] = [], skipSchemaValidation: Bool = false
  ) {
    self.chart = chart
    self.repository = repository
    self.version = version
    self.devel = devel
    self.values = values
    self.release = release
    self.kubeVersion = kubeVersion
    self.apiVersions = apiVersions
    self.skipSchemaValidation = skipSchemaValidation
  }
}

/// Loads (or downloads) a chart, merges the user's values and renders it.
public struct HelmTemplateService: Sendable {
  public var fetcher: any ChartFetcher
  public var cache: ChartCache?
  public var readFile: @Sendable (String) throws -> [UInt8]

  public init(
    fetcher: any ChartFetcher, cache: ChartCache? = nil,
    readFile: @escaping @Sendable (String) throws -> [UInt8] = ValueOptions.readFromDisk
  ) {
    self.fetcher = fetcher
    self.cache = cache
    self.readFile = readFile
  }

  public func loadChart(_ request: HelmTemplateRequest) async throws(HelmError) -> Chart {
    if let repository = request.repository {
      let (_, bytes) = try await ChartRepository(url: repository, fetcher: fetcher, cache: cache)
        .download(name: request.chart, version: request.version, devel: request.devel)
      return try ChartLoader.loadArchive(bytes, source: request.chart)
    }
    return try ChartLoader.load(path: request.chart)
  }

  public func render(_ request: HelmTemplateRequest) async throws(HelmError) -> RenderResult {
    try Self.validateReleaseName(request.release.name)
    var capabilities = Capabilities()
    if let kubeVersion = request.kubeVersion {
      capabilities.kubeVersion = try KubeVersion(parsing: kubeVersion)
    }
    capabilities.apiVersions += request.apiVersions
    let values = try request.values.merged(read: readFile)
    let chart = try await loadChart(request)
    if chart.metadata.isLibrary {
      throw HelmError(
        .invalidChart, "library charts are not installable",
        remedy: "render an application chart that depends on \(chart.name)")
    }
    try Self.checkKubeVersion(chart, capabilities.kubeVersion)
    let renderer = ChartRenderer(
      options: RenderOptions(
        release: request.release, capabilities: capabilities,
        skipSchemaValidation: request.skipSchemaValidation))
    return try renderer.render(chart, values: values)
  }

  /// A chart's `kubeVersion` constraint against the cluster version, as `helm install` checks it.
  static func checkKubeVersion(_ chart: Chart, _ kubeVersion: KubeVersion) throws(HelmError) {
    let constraint = chart.metadata.kubeVersion
    guard !constraint.isEmpty, let version = SemanticVersion(kubeVersion.version) else { return }
    let allowed = (try? VersionConstraints(constraint).allows(version)) ?? false
    if !allowed {
      throw HelmError(
        .invalidChart,
        "chart requires kubeVersion: \(constraint) which is incompatible with Kubernetes \(kubeVersion.version)",
        remedy: "pass the cluster's version with --kube-version, or pick a chart version that supports it")
    }
  }

  /// Helm's release name rule: lowercase DNS-1123 labels joined by dots, at most 53 characters.
  static func validateReleaseName(_ name: String) throws(HelmError) {
    let allowed = name.utf8.allSatisfy {
      ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46
    }
    let edges =
      name.first.map { $0.isLetter || $0.isNumber } == true
      && name.last.map { $0.isLetter || $0.isNumber } == true
    guard !name.isEmpty, name.count <= 53, allowed, edges else {
      throw HelmError(
        .invalidValues,
        "release name \"\(name)\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53",
        remedy: "use lowercase letters, digits and dashes, e.g. --name spark-operator")
    }
  }
}
