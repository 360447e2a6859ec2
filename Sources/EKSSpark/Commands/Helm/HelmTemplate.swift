import ArgumentParser
import FoundationEssentials
import Helm

/// `eks-spark helm template`: render a chart locally, as `helm template` prints it.
struct HelmTemplateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "template",
    abstract: "Render a chart's manifests locally, exactly as `helm template` does.",
    discussion: """
      CHART is a chart directory, a packaged .tgz, or a chart name together with --repo. \
      Values merge in Helm's order: the chart's values.yaml, then each -f file, then \
      --set-json, --set, --set-string and --set-file. Documents print in Helm's install \
      order with `# Source:` headers; hooks follow; CRDs print only with --include-crds.

      Examples:
        eks-spark helm template ../shared/charts/spark-operator/spark-operator-2.4.0.tgz
        eks-spark helm template ./mychart -f prod.yaml --set controller.replicas=2 --namespace spark
        eks-spark helm template spark-operator --repo http://127.0.0.1:8879 --version '~2.4' --include-crds
        eks-spark helm template ./mychart --set-json 'tolerations=[{"key":"x","operator":"Exists"}]' -o json
      """)

  @Argument(help: "A chart directory, a .tgz package, or a chart name with --repo.")
  var chart: String

  @Option(help: "Chart repository URL to find CHART in (its index.yaml).")
  var repo: String?

  @Option(help: "Chart version or constraint (2.4.0, ~2.4, ^1.1, \">=1.1 <2\"); default: the newest release.")
  var version: String = ""

  @Flag(help: "Admit pre-release versions when picking from a repository.")
  var devel = false

  @Option(
    name: [.customShort("f"), .customLong("values")],
    help: "A values YAML file (repeatable; later files win).")
  var valueFiles: [String] = []

  @Option(help: "Set a value: key.path=value, lists as {a,b}, a[0].b=x (repeatable).")
  var set: [String] = []

  @Option(name: .customLong("set-string"), help: "Set a value as a string (repeatable).")
  var setString: [String] = []

  @Option(name: .customLong("set-json"), help: "Set a value from JSON: key=JSON (repeatable).")
  var setJSON: [String] = []

  @Option(name: .customLong("set-file"), help: "Set a value from a file's text: key=path (repeatable).")
  var setFile: [String] = []

  @Option(help: "Release name.")
  var name = "release-name"

  @Option(name: [.short, .long], help: "Release namespace.")
  var namespace = "default"

  @Option(
    name: .customLong("kube-version"),
    help: "Kubernetes version for .Capabilities.KubeVersion (default v1.36.0).")
  var kubeVersion: String?

  @Option(
    name: [.short, .customLong("api-versions")], help: "Extra API versions for .Capabilities.APIVersions.")
  var apiVersions: [String] = []

  @Flag(name: .customLong("include-crds"), help: "Print the chart's CRDs before its manifests.")
  var includeCRDs = false

  @Flag(name: .customLong("no-hooks"), help: "Leave hook documents out.")
  var noHooks = false

  @Flag(
    name: .customLong("skip-schema-validation"), help: "Do not validate values against values.schema.json.")
  var skipSchemaValidation = false

  /// yaml (the default) prints as `helm template` does; json is per-template data; table
  /// lists the manifests.
  @OptionGroup var outputOptions: OutputOptions

  @Option(
    name: .customLong("benchmark-iterations"),
    help: ArgumentHelp(
      "Load and render this many times, print median timings to stderr (make bench).", visibility: .hidden))
  var benchmarkIterations: Int?

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let request = HelmTemplateRequest(
      chart: chart, repository: repo, version: version, devel: devel,
      values: ValueOptions(
        valueFiles: valueFiles, jsonValues: setJSON, values: set, stringValues: setString, fileValues: setFile
      ),
      release: ReleaseOptions(name: name, namespace: namespace), kubeVersion: kubeVersion,
      apiVersions: apiVersions, skipSchemaValidation: skipSchemaValidation)
    let service = HelmTemplateService(
      fetcher: HTTPChartFetcher(environment: environment), cache: ChartCache(environment: environment))
    if let iterations = benchmarkIterations {
      try await HelmTemplateBenchmark.run(service: service, request: request, iterations: iterations)
      return
    }
    let result = try await service.render(request)
    switch outputOptions.format(default: .yaml) {
    case .yaml: StandardStreams.write(try result.text(includeCRDs: includeCRDs, includeHooks: !noHooks))
    case .json: StandardStreams.write(RenderResultJSON.encode(result, includeCRDs: includeCRDs) + "\n")
    case .table: StandardStreams.write(RenderResultTable.render(result, includeHooks: !noHooks) + "\n")
    }
  }
}
