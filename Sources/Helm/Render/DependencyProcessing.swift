/// Helm's `ProcessDependenciesWithMerge`: aliases, `condition`, `tags` and `import-values`
/// decide which subcharts render and what values flow up from them.
enum DependencyProcessing {
  static func process(_ chart: Chart, values: [String: Value]) throws(HelmError) -> Chart {
    var chart = try enable(chart, values: values, path: "")
    try importValues(&chart)
    return chart
  }

  /// Drops subcharts disabled by tags or conditions, renaming aliased ones, recursively.
  static func enable(_ chart: Chart, values: [String: Value], path: String) throws(HelmError) -> Chart {
    var chart = chart
    guard !chart.metadata.dependencies.isEmpty else { return chart }
    var selected: [Chart] = []
    // Subcharts in charts/ that Chart.yaml does not name still render.
    for existing in chart.dependencies
    where !chart.metadata.dependencies.contains(where: {
      $0.name == existing.name && compatible($0.version, existing.metadata.version)
    }) {
      selected.append(existing)
    }
    for index in chart.metadata.dependencies.indices {
      let requirement = chart.metadata.dependencies[index]
      if var match = chart.dependencies.first(where: {
        $0.name == requirement.name && compatible(requirement.version, $0.metadata.version)
      }) {
        if !requirement.alias.isEmpty { match.metadata.name = requirement.alias }
        selected.append(match)
      }
      if !requirement.alias.isEmpty { chart.metadata.dependencies[index].name = requirement.alias }
      chart.metadata.dependencies[index].enabled = true
    }
    chart.dependencies = selected
    let coalesced = try ValueCoalescing.coalesce(chart, values)
    applyTags(&chart.metadata.dependencies, coalesced)
    applyConditions(&chart.metadata.dependencies, coalesced, path: path)
    let disabled = Set(chart.metadata.dependencies.filter { !$0.enabled }.map(\.name))
    chart.metadata.dependencies.removeAll { disabled.contains($0.name) }
    var kept: [Chart] = []
    for subchart in chart.dependencies where !disabled.contains(subchart.name) {
      kept.append(try enable(subchart, values: coalesced, path: path + subchart.name + "."))
    }
    chart.dependencies = kept
    return chart
  }

  static func compatible(_ constraint: String, _ version: String) -> Bool {
    guard let parsed = SemanticVersion(version), let constraints = try? VersionConstraints(constraint) else {
      return false
    }
    return constraints.allows(parsed)
  }

  static func applyTags(_ dependencies: inout [ChartDependency], _ values: [String: Value]) {
    guard case .map(let tags)? = values["tags"] else { return }
    for index in dependencies.indices {
      var hasTrue = false
      var hasFalse = false
      for tag in dependencies[index].tags {
        if case .bool(let flag)? = tags[tag] {
          if flag { hasTrue = true } else { hasFalse = true }
        }
      }
      dependencies[index].enabled = hasTrue || !hasFalse
    }
  }

  static func applyConditions(
    _ dependencies: inout [ChartDependency], _ values: [String: Value], path: String
  ) {
    for index in dependencies.indices {
      let conditions = dependencies[index].condition.trimmingBlanks.split(
        separator: ",", omittingEmptySubsequences: false)
      for condition in conditions where !condition.isEmpty {
        if case .bool(let flag)? = pathValue(values, path + condition) {
          dependencies[index].enabled = flag
          break
        }
      }
    }
  }

  /// `Values.PathValue`: the non-table value at a dotted path.
  static func pathValue(_ values: [String: Value], _ path: String) -> Value? {
    let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    var table = values
    for part in parts.dropLast() {
      guard case .map(let next)? = table[part] else { return nil }
      table = next
    }
    guard let last = parts.last, let value = table[last] else { return nil }
    if case .map = value { return nil }
    return value
  }

  /// `import-values`: child tables copied into the parent's values (children first).
  static func importValues(_ chart: inout Chart) throws(HelmError) {
    for index in chart.dependencies.indices { try importValues(&chart.dependencies[index]) }
    guard !chart.metadata.dependencies.isEmpty else { return }
    let merged = try ValueCoalescing.coalesce(chart, [:], merge: true)
    var imported: [String: Value] = [:]
    for dependency in chart.metadata.dependencies {
      for entry in dependency.importValues {
        var child: String
        var parent: String
        switch entry {
        case .string(let name):
          child = "exports." + name
          parent = "."
        case .map(let map):
          guard case .string(let c)? = map["child"], case .string(let p)? = map["parent"] else { continue }
          child = c
          parent = p
        default: continue
        }
        guard case .map(let table)? = table(merged, dependency.name + "." + child) else { continue }
        ValueCoalescing.coalesceTables(&imported, pathToMap(parent, table), merge: true)
      }
    }
    var values = merged
    ValueCoalescing.coalesceTables(&values, imported, merge: true)
    chart.values = values
  }

  static func table(_ values: [String: Value], _ path: String) -> Value? {
    var current: Value = .map(values)
    for part in path.split(separator: ".") {
      guard case .map(let map) = current, let next = map[String(part)] else { return nil }
      current = next
    }
    if case .map = current { return current }
    return nil
  }

  static func pathToMap(_ path: String, _ data: [String: Value]) -> [String: Value] {
    if path == "." { return data }
    var result = data
    for part in path.split(separator: ".").reversed() { result = [String(part): .map(result)] }
    return result
  }
}

extension StringProtocol {
  var trimmingBlanks: String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}
