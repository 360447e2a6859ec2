/// Validates values against `values.schema.json` (the JSON Schema draft-07 subset charts
/// use: type, properties, required, enum, const, items, minimum/maximum and exclusive
/// forms, minLength/maxLength, minItems/maxItems, pattern, additionalProperties, allOf /
/// anyOf / oneOf / not, and local `$ref`). Each chart is checked against its own section,
/// subcharts included, and every violation is reported with its JSON pointer, as Helm does.
public enum SchemaValidation {
  public static func validate(_ chart: Chart, values: [String: Value]) throws(HelmError) {
    var report = ""
    collect(chart, values: values, into: &report)
    if !report.isEmpty {
      throw HelmError(
        .schemaViolation,
        "values don't meet the specifications of the schema(s) in the following chart(s):\n" + report,
        remedy: "change the values at the paths listed, or see the chart's values.schema.json")
    }
  }

  static func collect(_ chart: Chart, values: [String: Value], into report: inout String) {
    if let schema = chart.schema {
      var violations: [(String, String)] = []
      SchemaChecker(root: schema).check(.map(values), schema, path: "", into: &violations)
      if !violations.isEmpty {
        report += "\(chart.name):\n"
        for (path, message) in violations.sorted(by: { $0.0 < $1.0 }) {
          report += "- at '\(path)': \(message)\n"
        }
      }
    }
    for subchart in chart.dependencies {
      guard case .map(let section)? = values[subchart.name] else { continue }
      collect(subchart, values: section, into: &report)
    }
  }
}

/// One schema walk; `root` resolves `#/definitions/x` and `#/$defs/x` references.
struct SchemaChecker {
  let root: Value

  func check(_ value: Value, _ schema: Value, path: String, into out: inout [(String, String)]) {
    guard case .map(let rules) = schema else {
      if case .bool(false) = schema { out.append((path, "false schema")) }
      return
    }
    if case .string(let reference)? = rules["$ref"] {
      if let target = resolve(reference) { check(value, target, path: path, into: &out) }
      return
    }
    if let type = rules["type"], !matchesType(value, type) {
      out.append((path, "got \(jsonType(value)), want \(typeNames(type))"))
      return
    }
    if case .list(let options)? = rules["enum"], !options.contains(where: { equal($0, value) }) {
      out.append((path, "value must be one of " + options.map(quoted).joined(separator: ", ")))
    }
    if let constant = rules["const"], !equal(constant, value) {
      out.append((path, "value must be \(quoted(constant))"))
    }
    checkNumber(value, rules, path: path, into: &out)
    checkString(value, rules, path: path, into: &out)
    checkCombinators(value, rules, path: path, into: &out)
    switch value {
    case .map(let map): checkObject(map, rules, path: path, into: &out)
    case .list(let items): checkArray(items, rules, path: path, into: &out)
    default: break
    }
  }

  func resolve(_ reference: String) -> Value? {
    guard reference.hasPrefix("#") else { return nil }
    var current = root
    for part in reference.dropFirst().split(separator: "/") {
      let key = String(part).replacing("~1", with: "/").replacing("~0", with: "~")
      guard case .map(let map) = current, let next = map[key] else { return nil }
      current = next
    }
    return current
  }

  func checkObject(
    _ map: [String: Value], _ rules: [String: Value], path: String, into out: inout [(String, String)]
  ) {
    if case .list(let required)? = rules["required"] {
      let missing = required.compactMap { item -> String? in
        guard case .string(let name) = item, map[name] == nil else { return nil }
        return name
      }
      if !missing.isEmpty {
        let names = missing.map { "'\($0)'" }.joined(separator: ", ")
        out.append((path, "missing propert\(missing.count == 1 ? "y" : "ies") \(names)"))
      }
    }
    var properties: [String: Value] = [:]
    if case .map(let declared)? = rules["properties"] { properties = declared }
    var extra: [String] = []
    for key in map.keys.sorted() {
      if let propertySchema = properties[key] {
        check(map[key]!, propertySchema, path: path + "/" + key, into: &out)
      } else if let additional = rules["additionalProperties"] {
        if case .bool(false) = additional {
          extra.append(key)
        } else {
          check(map[key]!, additional, path: path + "/" + key, into: &out)
        }
      }
    }
    if !extra.isEmpty {
      out.append(
        (path, "additional properties " + extra.map { "'\($0)'" }.joined(separator: ", ") + " not allowed"))
    }
  }

  func checkArray(
    _ items: [Value], _ rules: [String: Value], path: String, into out: inout [(String, String)]
  ) {
    if let itemSchema = rules["items"] {
      if case .list(let tuple) = itemSchema {
        for (index, schema) in tuple.enumerated() where index < items.count {
          check(items[index], schema, path: path + "/\(index)", into: &out)
        }
      } else {
        for (index, item) in items.enumerated() {
          check(item, itemSchema, path: path + "/\(index)", into: &out)
        }
      }
    }
    if let minimum = number(rules["minItems"]), Double(items.count) < minimum {
      out.append((path, "minItems: got \(items.count), want \(format(minimum))"))
    }
    if let maximum = number(rules["maxItems"]), Double(items.count) > maximum {
      out.append((path, "maxItems: got \(items.count), want \(format(maximum))"))
    }
  }
}
