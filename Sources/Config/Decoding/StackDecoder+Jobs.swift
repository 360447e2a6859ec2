import YAML

extension StackDecoder {
  static let jobKeys = [
    "name", "namespace", "type", "mode", "image", "imageRef", "imagePullPolicy", "mainApplicationFile",
    "mainClass",
    "arguments", "sparkVersion", "pythonVersion", "sparkConf", "hadoopConf", "deps", "env", "driver",
    "executor",
    "labels", "annotations", "serviceAccount", "restartPolicy", "timeToLiveSeconds", "dynamicAllocation",
    "schedule",
  ]
  static let podKeys = [
    "cores", "coreRequest", "coreLimit", "memory", "memoryOverhead", "labels", "annotations",
  ]

  func decodeJobs(_ root: MappingReader?, spark: SparkConfig) -> [JobConfig] {
    (root?.list("jobs") ?? []).compactMap { node, path in
      guard
        let reader = MappingReader.open(node, path: path, name: "a job", keys: Self.jobKeys, context: context)
      else { return nil }
      return decodeJob(reader, spark: spark)
    }
  }

  private func decodeJob(_ reader: MappingReader, spark: SparkConfig) -> JobConfig {
    let name = reader.requiredString("name", example: "pi") ?? ""
    let label = "job \"\(name)\""
    let mainFile =
      reader.requiredString("mainApplicationFile", example: "local:///opt/spark/work-dir/main.py") ?? ""
    let typeText = reader.choice("type", of: SparkJobType.allCases.map(\.rawValue))
    let type =
      typeText.flatMap(SparkJobType.init(rawValue:))
      ?? (mainFile.hasSuffix(".py") ? .python : mainFile.hasSuffix(".R") ? .r : .scala)
    let image = reader.string("image")
    let imageRef = reader.string("imageRef")
    if image != nil, imageRef != nil {
      context.error(
        .conflict, "\(label) sets both image and imageRef", at: reader.keyMark("imageRef"),
        hint: "use imageRef for an image this stack builds, image for one that exists already")
    } else if image == nil, imageRef == nil, !reader.has("image"), !reader.has("imageRef") {
      context.error(
        .missingValue, "\(label) has no image", at: reader.node.mark,
        hint: "add imageRef: <name of an entry in images>, or image: <registry>/<repository>:<tag>")
    }
    let deps = reader.mapping(
      "deps", name: "deps of \(label)",
      keys: ["jars", "files", "pyFiles", "packages", "repositories", "excludePackages"])
    let restart = reader.mapping(
      "restartPolicy", name: "restartPolicy of \(label)",
      keys: [
        "type", "onFailureRetries", "onFailureRetryInterval", "onSubmissionFailureRetries",
        "onSubmissionFailureRetryInterval",
      ])
    return JobConfig(
      name: name, namespace: reader.string("namespace") ?? StackDefaults.jobNamespace, type: type,
      mode: reader.choice("mode", of: ["cluster", "client"]) ?? "cluster", image: image, imageRef: imageRef,
      imagePullPolicy: reader.choice("imagePullPolicy", of: ["Always", "IfNotPresent", "Never"])
        ?? "IfNotPresent",
      mainApplicationFile: mainFile, mainClass: reader.string("mainClass"),
      arguments: reader.stringList("arguments") ?? [],
      sparkVersion: reader.string("sparkVersion") ?? spark.version,
      pythonVersion: reader.choice("pythonVersion", of: ["3"]) ?? (type == .python ? "3" : nil),
      sparkConf: spark.conf.merging(reader.stringMap("sparkConf") ?? []),
      hadoopConf: reader.stringMap("hadoopConf") ?? [],
      deps: JobDependencies(
        jars: deps?.stringList("jars") ?? [], files: deps?.stringList("files") ?? [],
        pyFiles: deps?.stringList("pyFiles") ?? [], packages: deps?.stringList("packages") ?? [],
        repositories: deps?.stringList("repositories") ?? [],
        excludePackages: deps?.stringList("excludePackages") ?? []),
      env: reader.stringMap("env") ?? [],
      driver: decodePod(
        reader.mapping("driver", name: "driver of \(label)", keys: Self.podKeys), executor: false),
      executor: decodePod(
        reader.mapping("executor", name: "executor of \(label)", keys: Self.podKeys + ["instances"]),
        executor: true),
      labels: reader.stringMap("labels") ?? [], annotations: reader.stringMap("annotations") ?? [],
      serviceAccount: reader.string("serviceAccount") ?? StackDefaults.serviceAccount,
      restartPolicy: RestartPolicyConfig(
        type: restart?.choice("type", of: ["Never", "OnFailure", "Always"]) ?? "Never",
        onFailureRetries: restart?.int("onFailureRetries", in: 0...1000),
        onFailureRetryInterval: restart?.int("onFailureRetryInterval", in: 1...86_400),
        onSubmissionFailureRetries: restart?.int("onSubmissionFailureRetries", in: 0...1000),
        onSubmissionFailureRetryInterval: restart?.int("onSubmissionFailureRetryInterval", in: 1...86_400)),
      timeToLiveSeconds: reader.int("timeToLiveSeconds", in: 1...31_536_000),
      dynamicAllocation: decodeDynamicAllocation(reader, label: label),
      schedule: decodeSchedule(reader, label: label))
  }

  private func decodePod(_ reader: MappingReader?, executor: Bool) -> SparkPodConfig {
    let cores = reader?.int("cores", in: 1...1024) ?? 1
    // The original driver ran with 1 core limited to 1200m; a bigger driver gets no default.
    let coreRequest = reader?.string("coreRequest")
    let defaultLimit = !executor && cores == 1 && coreRequest == nil ? "1200m" : nil
    return SparkPodConfig(
      cores: cores, coreRequest: coreRequest,
      coreLimit: reader?.string("coreLimit") ?? defaultLimit,
      memory: reader?.string("memory") ?? "512m", memoryOverhead: reader?.string("memoryOverhead"),
      instances: executor ? reader?.int("instances", in: 0...10_000) ?? 1 : nil,
      labels: reader?.stringMap("labels") ?? [], annotations: reader?.stringMap("annotations") ?? [])
  }

  private func decodeDynamicAllocation(_ reader: MappingReader, label: String) -> DynamicAllocationConfig? {
    guard
      let dynamic = reader.mapping(
        "dynamicAllocation", name: "dynamicAllocation of \(label)",
        keys: ["enabled", "initialExecutors", "minExecutors", "maxExecutors"])
    else { return nil }
    let minimum = dynamic.int("minExecutors", in: 0...10_000) ?? 0
    let maximum = dynamic.int("maxExecutors", in: 1...10_000) ?? 10
    if minimum > maximum {
      context.error(
        .invalidValue,
        "dynamicAllocation of \(label) has minExecutors \(minimum) above maxExecutors \(maximum)",
        at: dynamic.value("minExecutors")?.mark, hint: "make minExecutors at most maxExecutors")
    }
    return DynamicAllocationConfig(
      enabled: dynamic.bool("enabled") ?? true,
      initialExecutors: dynamic.int("initialExecutors", in: 0...10_000),
      minExecutors: minimum, maxExecutors: maximum)
  }

  private func decodeSchedule(_ reader: MappingReader, label: String) -> JobSchedule? {
    guard
      let schedule = reader.mapping(
        "schedule", name: "schedule of \(label)",
        keys: [
          "cron", "timeZone", "concurrencyPolicy", "suspend", "successfulRunHistoryLimit",
          "failedRunHistoryLimit",
        ])
    else { return nil }
    return JobSchedule(
      cron: schedule.requiredString("cron", example: "\"0 3 * * *\"") ?? "",
      timeZone: schedule.string("timeZone"),
      concurrencyPolicy: schedule.choice("concurrencyPolicy", of: ["Allow", "Forbid", "Replace"]) ?? "Forbid",
      suspend: schedule.bool("suspend") ?? false,
      successfulRunHistoryLimit: schedule.int("successfulRunHistoryLimit", in: 0...100) ?? 3,
      failedRunHistoryLimit: schedule.int("failedRunHistoryLimit", in: 0...100) ?? 3)
  }
}
