import YAML

extension SparkApplication {
  /// The object as the Kubernetes API takes it, in the order `kubectl get -o yaml` shows.
  public var node: YAMLNode {
    .mapping([
      ("apiVersion", .string(Self.apiVersion)),
      ("kind", .string(Self.kind)),
      (
        "metadata",
        SparkYAML.metadata(name: name, namespace: namespace, labels: labels, annotations: annotations)
      ),
      ("spec", spec.node),
    ])
  }
}

extension ScheduledSparkApplication {
  /// The object as the Kubernetes API takes it. `concurrencyPolicy` is always written.
  public var node: YAMLNode {
    var spec: [(String, YAMLNode)] = [("schedule", .string(schedule))]
    if let timeZone { spec.append(("timeZone", .string(timeZone))) }
    spec += [
      ("concurrencyPolicy", .string(concurrencyPolicy.rawValue)),
      ("suspend", .bool(suspend)),
      ("successfulRunHistoryLimit", .int(successfulRunHistoryLimit)),
      ("failedRunHistoryLimit", .int(failedRunHistoryLimit)),
      ("template", template.node),
    ]
    return .mapping([
      ("apiVersion", .string(SparkApplication.apiVersion)),
      ("kind", .string(Self.kind)),
      (
        "metadata",
        SparkYAML.metadata(name: name, namespace: namespace, labels: labels, annotations: annotations)
      ),
      ("spec", .mapping(spec)),
    ])
  }
}

extension SparkApplicationSpec {
  /// The spec mapping; absent optional fields are left out, not written as null.
  public var node: YAMLNode {
    var pairs: [(String, YAMLNode)] = [
      ("type", .string(type.rawValue)),
      ("mode", .string(mode.rawValue)),
      ("image", .string(image)),
    ]
    if let imagePullPolicy { pairs.append(("imagePullPolicy", .string(imagePullPolicy))) }
    pairs.append(("mainApplicationFile", .string(mainApplicationFile)))
    if let mainClass { pairs.append(("mainClass", .string(mainClass))) }
    if !arguments.isEmpty { pairs.append(("arguments", .sequence(arguments.map { .string($0) }))) }
    pairs.append(("sparkVersion", .string(sparkVersion)))
    if let pythonVersion { pairs.append(("pythonVersion", .string(pythonVersion))) }
    if !sparkConf.isEmpty { pairs.append(("sparkConf", SparkYAML.stringMap(sparkConf))) }
    if !hadoopConf.isEmpty { pairs.append(("hadoopConf", SparkYAML.stringMap(hadoopConf))) }
    if !deps.isEmpty { pairs.append(("deps", deps.node)) }
    pairs.append(("restartPolicy", restartPolicy.node))
    pairs.append(("timeToLiveSeconds", .int(timeToLiveSeconds)))
    if let dynamicAllocation { pairs.append(("dynamicAllocation", dynamicAllocation.node)) }
    pairs.append(("driver", driver.node))
    pairs.append(("executor", executor.node))
    return .mapping(pairs)
  }
}

extension SparkPodTemplate {
  var node: YAMLNode {
    var pairs: [(String, YAMLNode)] = [
      ("cores", .int(cores)),
      ("coreRequest", .string(coreRequest)),
      ("coreLimit", .string(coreLimit)),
      ("memory", .string(memory)),
    ]
    if let memoryOverhead { pairs.append(("memoryOverhead", .string(memoryOverhead))) }
    if let instances { pairs.append(("instances", .int(instances))) }
    if !labels.isEmpty { pairs.append(("labels", SparkYAML.stringMap(labels))) }
    if !annotations.isEmpty { pairs.append(("annotations", SparkYAML.stringMap(annotations))) }
    if !env.isEmpty {
      pairs.append(
        ("env", .sequence(env.map { .mapping([("name", .string($0.key)), ("value", .string($0.value))]) })))
    }
    pairs.append(("serviceAccount", .string(serviceAccount)))
    return .mapping(pairs)
  }
}

extension SparkDependencies {
  var node: YAMLNode {
    let lists = [
      ("jars", jars), ("files", files), ("pyFiles", pyFiles), ("packages", packages),
      ("repositories", repositories), ("excludePackages", excludePackages),
    ]
    return .mapping(lists.filter { !$0.1.isEmpty }.map { ($0.0, .sequence($0.1.map { .string($0) })) })
  }
}

extension SparkRestartPolicy {
  var node: YAMLNode {
    var pairs: [(String, YAMLNode)] = [("type", .string(kind.rawValue))]
    // The operator reads retries only for OnFailure and Always; on Never they would mislead.
    if kind != .never {
      let numbers = [
        ("onFailureRetries", onFailureRetries), ("onFailureRetryInterval", onFailureRetryInterval),
        ("onSubmissionFailureRetries", onSubmissionFailureRetries),
        ("onSubmissionFailureRetryInterval", onSubmissionFailureRetryInterval),
      ]
      pairs += numbers.compactMap { key, value in value.map { (key, .int($0)) } }
    }
    return .mapping(pairs)
  }
}

extension SparkDynamicAllocation {
  var node: YAMLNode {
    var pairs: [(String, YAMLNode)] = [("enabled", .bool(enabled))]
    if let initialExecutors { pairs.append(("initialExecutors", .int(initialExecutors))) }
    pairs += [("minExecutors", .int(minExecutors)), ("maxExecutors", .int(maxExecutors))]
    return .mapping(pairs)
  }
}

/// Shared pieces of the rendered objects.
enum SparkYAML {
  static func metadata(
    name: String, namespace: String, labels: [SparkKeyValue], annotations: [SparkKeyValue]
  ) -> YAMLNode {
    var pairs: [(String, YAMLNode)] = [("name", .string(name)), ("namespace", .string(namespace))]
    if !labels.isEmpty { pairs.append(("labels", stringMap(labels))) }
    if !annotations.isEmpty { pairs.append(("annotations", stringMap(annotations))) }
    return .mapping(pairs)
  }

  /// Kubernetes string maps: every value a string, even `true` or `3`.
  static func stringMap(_ pairs: [SparkKeyValue]) -> YAMLNode {
    .mapping(pairs.map { ($0.key, .string($0.value)) })
  }
}
