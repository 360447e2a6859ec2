import FoundationEssentials

/// The release as Helm's `json.Marshal` writes it: Go's field names, `omitempty` fields
/// left out when empty, `last_run` always present, `labels` not in the JSON (`json:"-"`).
extension HelmRelease {
  public var jsonValue: Value {
    var root: [String: Value] = [:]
    func put(_ key: String, _ text: String) { if !text.isEmpty { root[key] = .string(text) } }
    put("name", name)
    root["info"] = info.jsonValue
    root["chart"] = chart
    if !config.isEmpty { root["config"] = .map(config) }
    put("manifest", manifest)
    if !hooks.isEmpty { root["hooks"] = .list(hooks.map(\.jsonValue)) }
    if version != 0 { root["version"] = .int(Int64(version)) }
    put("namespace", namespace)
    put("apply_method", applyMethod)
    return .map(root)
  }

  /// `json.Marshal(release)`: the bytes Helm gzips into the record.
  public var json: String { JSONCodec.encode(jsonValue) }

  /// Reads a release from Helm's JSON; `labels` come from the record's Secret.
  public init(json: String, labels: [String: String] = [:]) throws(HelmError) {
    let value: Value
    do {
      value = try JSONCodec.decode(json)
    } catch {
      throw HelmError(.release, "release record is not valid JSON: \(error.message)")
    }
    guard case .map(let root) = value else {
      throw HelmError(.release, "release record is not a JSON object")
    }
    let info = root["info"].flatMap(\.mapValue) ?? [:]
    guard let status = ReleaseStatus(rawValue: info["status"]?.stringValue ?? "unknown") else {
      throw HelmError(
        .release, "release record has an unknown status \"\(info["status"]?.stringValue ?? "")\"")
    }
    self.init(
      name: root["name"]?.stringValue ?? "", namespace: root["namespace"]?.stringValue ?? "",
      version: root["version"]?.intValue ?? 0,
      info: ReleaseInfo(
        firstDeployed: info["first_deployed"]?.stringValue, lastDeployed: info["last_deployed"]?.stringValue,
        deleted: info["deleted"]?.stringValue, description: info["description"]?.stringValue ?? "",
        status: status,
        notes: info["notes"]?.stringValue ?? ""),
      chart: root["chart"] ?? .null, config: root["config"].flatMap(\.mapValue) ?? [:],
      manifest: root["manifest"]?.stringValue ?? "",
      hooks: (root["hooks"]?.listValue ?? []).map(ReleaseHook.init(json:)), labels: labels,
      applyMethod: root["apply_method"]?.stringValue ?? "")
  }

  /// `chart.Chart` as Helm marshals it: `metadata`, `lock`, `templates` and `files` (name
  /// and base64 data), `values`, `schema` (base64 of the schema JSON) and, as Helm 4
  /// writes it, a zero `schemamodtime`.
  public static func chartValue(_ chart: Chart) -> Value {
    func files(_ list: [ChartFile]) -> Value {
      .list(list.map { .map(["name": .string($0.path), "data": .string(GoBase64.encode($0.data))]) })
    }
    return .map([
      "metadata": chart.metadata.jsonValue, "lock": .null, "templates": files(chart.templates),
      "values": .map(chart.values),
      "schema": chart.schema.map { .string(GoBase64.encode(Array(JSONCodec.encode($0).utf8))) } ?? .null,
      "schemamodtime": .string("0001-01-01T00:00:00Z"), "files": files(chart.files),
    ])
  }
}

extension ReleaseInfo {
  var jsonValue: Value {
    var out: [String: Value] = [:]
    if let firstDeployed { out["first_deployed"] = .string(firstDeployed) }
    if let lastDeployed { out["last_deployed"] = .string(lastDeployed) }
    if let deleted { out["deleted"] = .string(deleted) }
    if !description.isEmpty { out["description"] = .string(description) }
    out["status"] = .string(status.rawValue)
    if !notes.isEmpty { out["notes"] = .string(notes) }
    return .map(out)
  }
}

extension ReleaseHook {
  var jsonValue: Value {
    var out: [String: Value] = [:]
    for (key, text) in [("name", name), ("kind", kind), ("path", path), ("manifest", manifest)]
    where !text.isEmpty {
      out[key] = .string(text)
    }
    if !events.isEmpty { out["events"] = .list(events.map(Value.string)) }
    var run: [String: Value] = ["phase": .string(lastRun.phase)]
    if let startedAt = lastRun.startedAt { run["started_at"] = .string(startedAt) }
    if let completedAt = lastRun.completedAt { run["completed_at"] = .string(completedAt) }
    out["last_run"] = .map(run)
    if weight != 0 { out["weight"] = .int(Int64(weight)) }
    if !deletePolicies.isEmpty { out["delete_policies"] = .list(deletePolicies.map(Value.string)) }
    return .map(out)
  }

  init(json value: Value) {
    let map = value.mapValue ?? [:]
    let run = map["last_run"]?.mapValue ?? [:]
    self.init(
      name: map["name"]?.stringValue ?? "", kind: map["kind"]?.stringValue ?? "",
      path: map["path"]?.stringValue ?? "", manifest: map["manifest"]?.stringValue ?? "",
      events: (map["events"]?.listValue ?? []).compactMap(\.stringValue),
      weight: map["weight"]?.intValue ?? 0,
      deletePolicies: (map["delete_policies"]?.listValue ?? []).compactMap(\.stringValue),
      lastRun: HookRun(
        startedAt: run["started_at"]?.stringValue, completedAt: run["completed_at"]?.stringValue,
        phase: run["phase"]?.stringValue ?? ""))
  }
}

extension ChartMetadata {
  /// `chart.Metadata` as Helm marshals it (every field `omitempty`).
  var jsonValue: Value {
    var out: [String: Value] = [:]
    let texts = [
      ("name", name), ("home", home), ("version", version), ("description", description), ("icon", icon),
      ("apiVersion", apiVersion), ("appVersion", appVersion), ("kubeVersion", kubeVersion), ("type", type),
    ]
    for (key, text) in texts where !text.isEmpty { out[key] = .string(text) }
    if !sources.isEmpty { out["sources"] = .list(sources.map(Value.string)) }
    if !keywords.isEmpty { out["keywords"] = .list(keywords.map(Value.string)) }
    if !maintainers.isEmpty {
      out["maintainers"] = .list(
        maintainers.map { person in
          var entry: [String: Value] = [:]
          for (key, text) in [("name", person.name), ("email", person.email), ("url", person.url)]
          where !text.isEmpty { entry[key] = .string(text) }
          return .map(entry)
        })
    }
    if deprecated { out["deprecated"] = .bool(true) }
    if !annotations.isEmpty { out["annotations"] = .map(annotations.mapValues(Value.string)) }
    if !dependencies.isEmpty {
      out["dependencies"] = .list(
        dependencies.map { dependency in
          var entry: [String: Value] = ["name": .string(dependency.name)]
          for (key, text) in [
            ("version", dependency.version), ("repository", dependency.repository),
            ("condition", dependency.condition), ("alias", dependency.alias),
          ] where !text.isEmpty { entry[key] = .string(text) }
          if !dependency.tags.isEmpty { entry["tags"] = .list(dependency.tags.map(Value.string)) }
          if !dependency.importValues.isEmpty { entry["import-values"] = .list(dependency.importValues) }
          if !dependency.enabled { entry["enabled"] = .bool(false) }
          return .map(entry)
        })
    }
    return .map(out)
  }
}

extension Value {
  var mapValue: [String: Value]? {
    if case .map(let map) = self { return map }
    return nil
  }
  var listValue: [Value]? {
    if case .list(let list) = self { return list }
    return nil
  }
  var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }
  var intValue: Int? {
    switch self {
    case .int(let n): Int(n)
    case .float(let x) where x == x.rounded(): Int(x)
    default: nil
    }
  }
}
