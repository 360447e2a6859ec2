extension ChartMetadata {
  /// Reads a decoded `Chart.yaml` and validates it as Helm's `Metadata.Validate` does.
  init(decoding value: Value) throws(HelmError) {
    guard case .map = value else {
      throw HelmError(.invalidChart, "cannot load Chart.yaml: it is not a map", remedy: nil)
    }
    func text(_ key: String) -> String { Self.text(value[key]) }
    self.init(apiVersion: text("apiVersion"), name: text("name"), version: text("version"))
    if apiVersion.isEmpty { apiVersion = "v1" }  // Helm's loader defaults a missing apiVersion
    kubeVersion = text("kubeVersion")
    description = text("description")
    type = text("type")
    home = text("home")
    icon = text("icon")
    appVersion = text("appVersion")
    if case .bool(let flag)? = value["deprecated"] { deprecated = flag }
    if case .list(let items)? = value["keywords"] { keywords = items.map { Self.text($0) } }
    if case .list(let items)? = value["sources"] { sources = items.map { Self.text($0) } }
    if case .map(let map)? = value["annotations"] { annotations = map.mapValues { Self.text($0) } }
    if case .list(let items)? = value["maintainers"] {
      maintainers = items.map { item in
        Maintainer(
          name: Self.text(item["name"]), email: Self.text(item["email"]), url: Self.text(item["url"]))
      }
    }
    dependencies = try Self.dependencies(from: value["dependencies"])
    try validate()
  }

  static func dependencies(from value: Value?) throws(HelmError) -> [ChartDependency] {
    guard case .list(let items)? = value else { return [] }
    return items.map { item in
      var dependency = ChartDependency(name: text(item["name"]))
      dependency.version = text(item["version"])
      dependency.repository = text(item["repository"])
      dependency.condition = text(item["condition"])
      dependency.alias = text(item["alias"])
      if case .list(let tags)? = item["tags"] { dependency.tags = tags.map { text($0) } }
      if case .list(let imports)? = item["import-values"] { dependency.importValues = imports }
      return dependency
    }
  }

  /// Scalars as Go's JSON decoding into a string field would hold them (numbers as written).
  static func text(_ value: Value?) -> String {
    switch value {
    case .string(let text)?: return text
    case .float(let number)?:
      return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    case .int(let number)?: return String(number)
    case .bool(let flag)?: return flag ? "true" : "false"
    default: return ""
    }
  }

  func validate() throws(HelmError) {
    let hint = "fix Chart.yaml: apiVersion, name and version are required"
    guard !name.isEmpty else {
      throw HelmError(.invalidChart, "validation: chart.metadata.name is required", remedy: hint)
    }
    guard !name.contains("/") && !name.contains("\\") && name != "." && name != ".." else {
      throw HelmError(.invalidChart, "validation: chart.metadata.name \"\(name)\" is invalid", remedy: hint)
    }
    guard !version.isEmpty else {
      throw HelmError(.invalidChart, "validation: chart.metadata.version is required", remedy: hint)
    }
    guard SemanticVersion(version) != nil else {
      throw HelmError(
        .invalidChart, "validation: chart.metadata.version \"\(version)\" is invalid",
        remedy: "use a semantic version such as 1.2.3")
    }
    guard type.isEmpty || type == "application" || type == "library" else {
      throw HelmError(
        .invalidChart, "validation: chart.metadata.type must be application or library", remedy: hint)
    }
    for dependency in dependencies where dependency.name.isEmpty {
      throw HelmError(.invalidChart, "validation: dependencies must have a name", remedy: hint)
    }
  }
}
