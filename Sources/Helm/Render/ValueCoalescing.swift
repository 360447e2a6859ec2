/// Helm's value merging (chartutil `CoalesceValues`, `MergeValues`, `mergeMaps`), kept
/// behaviour for behaviour: user values win over chart defaults, maps merge deeply, a
/// `null` from the user deletes the default (coalescing) or stays (merging), subcharts
/// receive their section plus the parent's `global`.
public enum ValueCoalescing {
  /// `-f a.yaml -f b.yaml`: later files win, maps merge deeply, anything else replaces.
  public static func mergeMaps(_ a: [String: Value], _ b: [String: Value]) -> [String: Value] {
    var out = a
    for (key, value) in b {
      if case .map(let inner) = value, case .map(let existing)? = out[key] {
        out[key] = .map(mergeMaps(existing, inner))
      } else {
        out[key] = value
      }
    }
    return out
  }

  /// The chart's defaults (and its subcharts', scoped) under `values`.
  public static func coalesce(_ chart: Chart, _ values: [String: Value], merge: Bool = false)
    throws(HelmError)
    -> [String: Value]
  {
    var dest = values
    try coalesce(chart, &dest, prefix: "", merge: merge)
    return dest
  }

  static func coalesce(_ chart: Chart, _ dest: inout [String: Value], prefix: String, merge: Bool)
    throws(HelmError)
  {
    coalesceValues(chart, &dest, merge: merge)
    try coalesceDependencies(chart, &dest, prefix: prefix, merge: merge)
  }

  static func coalesceDependencies(_ chart: Chart, _ dest: inout [String: Value], prefix: String, merge: Bool)
    throws(HelmError)
  {
    for subchart in chart.dependencies {
      var section: [String: Value]
      switch dest[subchart.name] {
      case nil: section = [:]
      case .map(let map)?: section = map
      case let other?:
        throw HelmError(
          .invalidValues, "type mismatch on \(subchart.name): %!t(\(SetValueParser.goType(other))=\(other))",
          remedy: "values for subchart \(subchart.name) must be a map")
      }
      coalesceGlobals(into: &section, from: dest, merge: merge)
      try coalesce(subchart, &section, prefix: prefix + chart.name + ".", merge: merge)
      dest[subchart.name] = .map(section)
    }
  }

  /// Copies the parent's `global` into the subchart's, parent first for tables.
  static func coalesceGlobals(into dest: inout [String: Value], from source: [String: Value], merge: Bool) {
    var destGlobals: [String: Value] = [:]
    switch dest["global"] {
    case nil: break
    case .map(let map)?: destGlobals = map
    default: return
    }
    var sourceGlobals: [String: Value] = [:]
    switch source["global"] {
    case nil: break
    case .map(let map)?: sourceGlobals = map
    default: return
    }
    for (key, value) in sourceGlobals {
      if case .map(let table) = value {
        if let existing = destGlobals[key] {
          if case .map(let existingTable) = existing {
            var copy = table
            coalesceTables(&copy, existingTable, merge: true)
            destGlobals[key] = .map(copy)
          }
        } else {
          destGlobals[key] = .map(table)
        }
      } else if case .map? = destGlobals[key] {
        continue  // a table in the subchart is not replaced by a scalar
      } else {
        destGlobals[key] = value
      }
    }
    dest["global"] = .map(destGlobals)
  }

  /// Chart defaults into `values` at the top level of one chart.
  static func coalesceValues(_ chart: Chart, _ values: inout [String: Value], merge: Bool) {
    for (key, defaultValue) in chart.values {
      guard let value = values[key] else {
        values[key] = defaultValue
        continue
      }
      if case .null = value, !merge {
        values.removeValue(forKey: key)
      } else if case .map(var table) = value {
        if case .map(let source) = defaultValue {
          let isSubchart = chart.dependencies.contains { $0.name == key }
          coalesceTables(&table, source, merge: merge || isSubchart)
          values[key] = .map(table)
        }
      }
    }
  }

  /// `src` under `dst`: `dst` wins; nulls in `dst` delete the key unless merging.
  static func coalesceTables(_ dst: inout [String: Value], _ src: [String: Value], merge: Bool) {
    // Helm's deep copy turns an empty default table into a nil map, and coalescing onto a
    // nil source returns the user's table untouched, nulls included (checked against Helm).
    if src.isEmpty { return }
    var src = src
    for (key, value) in dst where value.isNull { src[key] = .null }
    for (key, value) in src {
      let existing = dst[key]
      if let existing, existing.isNull, !merge {
        dst.removeValue(forKey: key)
      } else if existing == nil {
        dst[key] = value
      } else if case .map(let sourceTable) = value {
        if case .map(var table)? = existing {
          coalesceTables(&table, sourceTable, merge: merge)
          dst[key] = .map(table)
        }
      }
    }
  }
}

extension Value {
  var isNull: Bool {
    if case .null = self { return true }
    return false
  }
}
