/// Renders a chart as Helm's engine does: values coalesced and validated, subcharts
/// enabled by conditions and tags, every template parsed into one set (deepest paths
/// first, so a parent's `define` wins), each non-partial template executed with its
/// chart's scope, then split into documents and sorted in Helm's install order.
public struct ChartRenderer: Sendable {
  public var options: RenderOptions

  public init(options: RenderOptions = .init()) {
    self.options = options
  }

  /// Renders `chart` with the user's `values` (already merged from -f/--set).
  public func render(_ chart: Chart, values: [String: Value]) throws(HelmError) -> RenderResult {
    let processed = try DependencyProcessing.process(chart, values: values)
    let coalesced = try ValueCoalescing.coalesce(processed, values)
    if !options.skipSchemaValidation { try SchemaValidation.validate(processed, values: coalesced) }
    var renderables: [String: Renderable] = [:]
    _ = scope(processed, parentPath: "", values: .map(coalesced), isRoot: true, into: &renderables)
    let rendered = try execute(renderables)
    return RenderResult(chart: processed, rendered: rendered)
  }

  struct Renderable {
    var text: String
    var scope: [String: Value]
    var basePath: String
  }

  /// Helm's `recAllTpls`: the data each of a chart's templates sees, recursively.
  func scope(
    _ chart: Chart, parentPath: String, values: Value, isRoot: Bool,
    into renderables: inout [String: Renderable]
  ) -> Value {
    let fullPath = parentPath.isEmpty ? chart.name : parentPath + "/charts/" + chart.name
    var chartValues: Value = .map([:])
    if isRoot {
      chartValues = values
    } else if case .map(let parent) = values, case .map(let section)? = parent[chart.name] {
      chartValues = .map(section)
    }
    var next: [String: Value] = [
      "Chart": ChartObjectBuilder.value(chart.metadata, isRoot: isRoot),
      "Files": .object(FilesObject(chart: chart)),
      "Release": options.release.templateValue,
      "Capabilities": options.capabilities.templateValue,
      "Values": chartValues,
    ]
    var subcharts: [String: Value] = [:]
    for dependency in chart.dependencies {
      subcharts[dependency.name] = scope(
        dependency, parentPath: fullPath, values: chartValues, isRoot: false, into: &renderables)
    }
    next["Subcharts"] = .map(subcharts)
    let basePath = fullPath + "/templates"
    for template in chart.templates {
      // A library chart contributes only its partials.
      if chart.metadata.isLibrary && !Self.isPartial(template.path) { continue }
      renderables[fullPath + "/" + template.path] = Renderable(
        text: template.text, scope: next, basePath: basePath)
    }
    return .map(next)
  }

  static func isPartial(_ path: String) -> Bool {
    (path.split(separator: "/").last ?? "").hasPrefix("_")
  }

  /// Parse order: most path segments first, then reverse lexical (Helm's `sortTemplates`).
  static func parseOrder(_ names: some Collection<String>) -> [String] {
    names.sorted { a, b in
      let slashesA = a.utf8.count { $0 == UInt8(ascii: "/") }
      let slashesB = b.utf8.count { $0 == UInt8(ascii: "/") }
      return slashesA == slashesB ? a > b : slashesA > slashesB
    }
  }

  func execute(_ renderables: [String: Renderable]) throws(HelmError) -> [String: String] {
    var set = TemplateSet()
    let order = Self.parseOrder(renderables.keys)
    for name in order {
      do {
        try set.parse(name: name, text: renderables[name]!.text)
      } catch {
        throw RenderErrorFormatting.executionError(name, error)
      }
    }
    var executionOptions = ExecutionOptions()
    executionOptions.strict = options.strict
    var rendered: [String: String] = [:]
    for name in order where !Self.isPartial(name) {
      let renderable = renderables[name]!
      var data = renderable.scope
      data["Template"] = .map(["Name": .string(name), "BasePath": .string(renderable.basePath)])
      do {
        rendered[name] = try set.execute(name: name, data: .map(data), options: executionOptions)
      } catch {
        throw RenderErrorFormatting.executionError(name, error)
      }
    }
    return rendered
  }
}
