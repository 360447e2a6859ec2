/// A loaded Helm chart: metadata, default values, templates, other files and subcharts.
///
/// Paths are relative to the chart root (`templates/deployment.yaml`, `crds/x.yaml`), as
/// Helm's loader keeps them; subcharts are nested charts from `charts/`.
public struct Chart: Sendable {
  public var metadata: ChartMetadata
  /// `values.yaml`, decoded as Helm decodes it (YAML through JSON).
  public var values: [String: Value]
  /// `values.schema.json`, decoded, when the chart ships one.
  public var schema: Value?
  /// Everything under `templates/`, partials and NOTES.txt included, in load order.
  public var templates: [ChartFile]
  /// Every other file (README, crds/, .helmignore, config files): what `.Files` reads.
  public var files: [ChartFile]
  /// Subcharts loaded from `charts/` (archives and directories).
  public var dependencies: [Chart]

  public init(
    metadata: ChartMetadata, values: [String: Value] = [:], schema: Value? = nil,
    templates: [ChartFile] = [], files: [ChartFile] = [], dependencies: [Chart] = []
  ) {
    self.metadata = metadata
    self.values = values
    self.schema = schema
    self.templates = templates
    self.files = files
    self.dependencies = dependencies
  }

  public var name: String { metadata.name }

  /// CRD files under `crds/` (`.yaml`, `.yml`, `.json`), this chart's first, then subcharts',
  /// with their full path as `helm template --include-crds` prints it.
  public func crdFiles(parentPath: String = "") -> [ChartFile] {
    let base = parentPath.isEmpty ? name : parentPath + "/charts/" + name
    var out: [ChartFile] = []
    for file in files where file.path.hasPrefix("crds/") {
      if file.path.hasSuffix(".yaml") || file.path.hasSuffix(".yml") || file.path.hasSuffix(".json") {
        out.append(ChartFile(path: base + "/" + file.path, data: file.data))
      }
    }
    for dependency in dependencies { out += dependency.crdFiles(parentPath: base) }
    return out
  }
}

/// One file of a chart: its path inside the chart and its bytes.
public struct ChartFile: Sendable, Equatable {
  public var path: String
  public var data: [UInt8]

  public init(path: String, data: [UInt8]) {
    self.path = path
    self.data = data
  }

  public var text: String { String(decoding: data, as: UTF8.self) }
}
