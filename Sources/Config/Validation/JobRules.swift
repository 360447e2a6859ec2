import Spark

extension StackValidator {
  mutating func checkJobs() {
    checkUnique(
      stack.jobs.map { $0.name.isEmpty ? "" : "\"\($0.name)\" in namespace \($0.namespace)" }, what: "job"
    ) { "jobs[\($0)].name" }
    for (index, job) in stack.jobs.enumerated() {
      checkJob(job, at: "jobs[\(index)]")
    }
  }

  private mutating func checkJob(_ job: JobConfig, at path: String) {
    let label = "job \"\(job.name)\""
    checkJobNames(job, at: path)
    if let imageRef = job.imageRef, !stack.images.contains(where: { $0.name == imageRef }) {
      var hint = "define it under images, or use image: for an image that exists already"
      if let suggestion = EditDistance.suggestion(for: imageRef, among: stack.images.map(\.name)) {
        hint = "did you mean \"\(suggestion)\"?"
      } else if !stack.images.isEmpty {
        hint = "images defined: " + stack.images.map(\.name).joined(separator: ", ")
      }
      error(
        .undefinedImage, "\(label) uses image \"\(imageRef)\", which is not defined", at: "\(path).imageRef",
        hint: hint)
    }
    if let image = job.image, image.isEmpty || image.contains(" ") || image.contains("\t") {
      error(
        .invalidValue, "\(label) has an invalid image reference \"\(image)\"", at: "\(path).image",
        hint: "write registry/repository:tag")
    }
    let accounts = stack.serviceAccounts.filter { $0.name == job.serviceAccount }
    if !accounts.contains(where: { $0.namespace == job.namespace }) {
      let hint =
        accounts.isEmpty
        ? "define it under serviceAccounts (defined: \(stack.serviceAccounts.map(\.name).joined(separator: ", ")))"
        : "service account \"\(job.serviceAccount)\" is in namespace \(accounts[0].namespace); run the job there"
      error(
        .undefinedServiceAccount,
        "\(label) runs as service account \"\(job.serviceAccount)\" in namespace \"\(job.namespace)\", which is not defined",
        at: derivedPath("\(path).serviceAccount", from: "\(path).name"), hint: hint)
    }
    for (role, pod) in [("driver", job.driver), ("executor", job.executor)] {
      let labels = job.labels.merging(pod.labels) + [KeyValue("spark-role", role)]
      if !isScheduled(namespace: job.namespace, labels: labels) {
        error(
          .unscheduledNamespace,
          "no Fargate profile selects the \(role) pods of \(label) in namespace \"\(job.namespace)\": they would stay Pending",
          at: derivedPath("\(path).namespace", from: "\(path).name"),
          hint:
            "add {namespace: \(job.namespace)} to a Fargate profile's selectors (selected: \(selectedNamespaces.joined(separator: ", ")))"
        )
        break
      }
    }
    if (job.type == .scala || job.type == .java) && job.mainClass == nil && !job.mainApplicationFile.isEmpty {
      error(
        .missingValue, "\(label) is a \(job.type.rawValue) job without mainClass", at: "\(path).name",
        hint: "add mainClass: org.example.Main, or set type: Python for a .py file")
    }
    checkSchemes(job, at: path)
    checkPod(job.driver, job: job, role: "driver", at: "\(path).driver")
    checkPod(job.executor, job: job, role: "executor", at: "\(path).executor")
    for pair in job.sparkConf where !pair.key.hasPrefix("spark.") {
      keyWarning(
        .invalidValue,
        "Spark ignores the setting \"\(pair.key)\" in sparkConf of \(label): it does not start with spark.",
        at: "\(path).sparkConf.\(pair.key)",
        hint: "Hadoop settings go under hadoopConf (or as spark.hadoop.\(pair.key))")
    }
    for pair in job.env where NameRules.environmentName(pair.key) != nil {
      keyError(
        .invalidName, "environment variable name \"\(pair.key)\" of \(label) is invalid",
        at: "\(path).env.\(pair.key)",
        hint:
          "rename it: environment variable names are letters, digits, '_', '-' and '.', not starting with a digit"
      )
    }
    checkLabels(job.labels, at: "\(path).labels")
    checkLabels(job.annotations, at: "\(path).annotations", values: false)
    if !Self.isVersionShaped(job.sparkVersion) {
      error(
        .invalidValue, "sparkVersion \"\(job.sparkVersion)\" of \(label) is not a version",
        at: "\(path).sparkVersion",
        hint: "write it like 3.5.3")
    }
    if let dynamic = job.dynamicAllocation, let initial = dynamic.initialExecutors,
      !(dynamic.minExecutors...max(dynamic.minExecutors, dynamic.maxExecutors)).contains(initial)
    {
      error(
        .invalidValue, "initialExecutors \(initial) of \(label) is outside minExecutors...maxExecutors",
        at: "\(path).dynamicAllocation.initialExecutors",
        hint: "use a value from \(dynamic.minExecutors) to \(dynamic.maxExecutors)")
    }
    if let schedule = job.schedule { checkSchedule(schedule, label: label, at: "\(path).schedule") }
  }

  /// Spark with hadoop-aws reads S3 through s3a://; s3:// has no file system registered.
  private mutating func checkSchemes(_ job: JobConfig, at path: String) {
    var files = [("\(path).mainApplicationFile", job.mainApplicationFile)]
    for (key, list) in [
      ("jars", job.deps.jars), ("files", job.deps.files), ("pyFiles", job.deps.pyFiles),
    ] {
      files += list.enumerated().map { ("\(path).deps.\(key)[\($0)]", $1) }
    }
    for (filePath, file) in files where file.hasPrefix("s3://") || file.hasPrefix("s3n://") {
      let rest = file.drop { $0 != ":" }
      warning(
        .invalidValue, "\(file) of job \"\(job.name)\" uses a scheme Spark on EKS cannot read", at: filePath,
        hint: "write s3a\(rest): hadoop-aws serves S3 as s3a://")
    }
  }

  private mutating func checkJobNames(_ job: JobConfig, at path: String) {
    guard !job.name.isEmpty else { return }
    let label = "job \"\(job.name)\""
    if let problem = NameRules.dnsLabel(job.name) {
      error(
        .invalidName, "job name \"\(job.name)\" is invalid: \(problem)", at: "\(path).name",
        hint: "job names become pod names: lowercase letters, digits and '-'")
      return
    }
    let driver = "\(job.name)-driver"
    let executor = "\(job.name)-\(String(repeating: "0", count: 16))-exec-\(job.maximumExecutors)"
    if driver.count > 63 {
      error(
        .nameTooLong,
        "\(label) is too long: its driver pod \"\(driver)\" has \(driver.count) characters (limit 63)",
        at: "\(path).name", hint: "shorten the job name to at most 56 characters")
    } else if executor.count > 63 {
      error(
        .nameTooLong,
        "\(label) is too long: executor pod names <name>-<16 hex>-exec-\(job.maximumExecutors) have \(executor.count) characters (limit 63)",
        at: "\(path).name",
        hint: "shorten the job name to at most \(job.name.count - (executor.count - 63)) characters")
    }
    if let problem = NameRules.dnsLabel(job.namespace) {
      error(
        .invalidName, "namespace \"\(job.namespace)\" of \(label) is invalid: \(problem)",
        at: "\(path).namespace", hint: StackValidator.dnsHint)
    }
  }

  private mutating func checkPod(_ pod: SparkPodConfig, job: JobConfig, role: String, at path: String) {
    let label = "the \(role) of job \"\(job.name)\""
    let memory = sparkMemory(pod.memory, what: "\(role) memory", job: job.name, at: "\(path).memory")
    if let memory, memory < 450 {
      error(
        .invalidQuantity, "\(role) memory of job \"\(job.name)\" is \(pod.memory); Spark needs at least 450m",
        at: "\(path).memory",
        hint: "Spark reserves 300m and refuses heaps under 1.5 times that; use 512m or more")
    }
    var overhead: Double?
    if let text = pod.memoryOverhead {
      overhead = sparkMemory(
        text, what: "\(role) memoryOverhead", job: job.name, at: "\(path).memoryOverhead")
    } else if let memory {
      overhead = SparkQuantities.defaultOverheadMiB(memoryMiB: memory, type: job.type.applicationType)
    }
    var requestMillicores = pod.cores * 1000
    if let text = pod.coreRequest {
      if let value = cpu(text, what: "\(role) coreRequest", job: job.name, at: "\(path).coreRequest") {
        requestMillicores = value
      }
    }
    if let text = pod.coreLimit,
      let limit = cpu(text, what: "\(role) coreLimit", job: job.name, at: "\(path).coreLimit"),
      limit < requestMillicores
    {
      error(
        .invalidQuantity, "coreLimit \(text) of \(label) is below its CPU request (\(requestMillicores)m)",
        at: "\(path).coreLimit",
        hint: "Kubernetes rejects a limit under the request; raise coreLimit or lower cores")
    }
    if requestMillicores > FargateLimits.maximumVCPU * 1000 {
      error(
        .fargateLimit,
        "\(label) requests \(SparkQuantities.vCPUText(requestMillicores)) vCPU; a Fargate pod has at most \(FargateLimits.maximumVCPU)",
        at: sourceMap.isExplicit("\(path).coreRequest") ? "\(path).coreRequest" : "\(path).cores",
        hint: "use at most \(FargateLimits.maximumVCPU) cores and more executors")
    }
    if let memory, let overhead {
      let total = memory + overhead + FargateLimits.componentsMiB
      // Sized at no more vCPU than Fargate has, so only the memory can fail here (the vCPU
      // was reported above).
      let vCPU = min(requestMillicores, FargateLimits.maximumVCPU * 1000)
      if (try? FargatePodSize.smallest(millicores: vCPU, memoryMiB: total)) == nil {
        error(
          .fargateLimit,
          "\(label) needs \(Int(total / 1024)) GiB (memory + overhead + 256 MiB for Fargate); a Fargate pod has at most \(FargateLimits.maximumMemoryGiB) GiB",
          at: "\(path).memory", hint: "use smaller executors and more of them")
      }
    }
    checkLabels(pod.labels, at: "\(path).labels")
    checkLabels(pod.annotations, at: "\(path).annotations", values: false)
  }

  private mutating func sparkMemory(_ text: String, what: String, job: String, at path: String) -> Double? {
    switch SparkQuantities.memoryMiB(text) {
    case .success(let mebibytes): return mebibytes
    case .failure(let reason):
      let hint: String
      switch reason {
      case .fraction: hint = "Spark does not accept fractions; write 1536m instead of 1.5g"
      case .suffix(let suffix) where suffix.hasSuffix("i"):
        hint =
          "Spark writes sizes as 512m or 2g, not Kubernetes' 2Gi; use \(text.dropLast(2).lowercased())\(suffix.prefix(1))"
      default: hint = "write a whole number with k, m, g or t, for example 512m or 2g"
      }
      error(
        .invalidQuantity, "\(what) \"\(text)\" of job \"\(job)\" is not a size Spark accepts", at: path,
        hint: hint)
      return nil
    }
  }

  private mutating func cpu(_ text: String, what: String, job: String, at path: String) -> Int? {
    if let value = SparkQuantities.cpuMillicores(text) { return value }
    error(
      .invalidQuantity, "\(what) \"\(text)\" of job \"\(job)\" is not a CPU quantity", at: path,
      hint: "write cores as 1, 0.5 or 500m (millicores)")
    return nil
  }

  private mutating func checkSchedule(_ schedule: JobSchedule, label: String, at path: String) {
    if !schedule.cron.isEmpty, let problem = CronExpression.problem(in: schedule.cron) {
      error(
        .invalidCron, "schedule \"\(schedule.cron)\" of \(label) is not a valid cron expression: \(problem)",
        at: "\(path).cron",
        hint: "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\", or @daily")
    }
    guard let zone = schedule.timeZone else { return }
    switch TimeZoneNames.check(zone) {
    case .known: break
    case .unlisted:
      var message = "time zone \"\(zone)\" of \(label) is not in eks-spark's list of common zones"
      if let suggestion = TimeZoneNames.suggestion(for: zone) {
        message += "; did you mean \"\(suggestion)\"?"
      }
      warning(
        .invalidTimeZone, message, at: "\(path).timeZone",
        hint:
          "check the spelling against the IANA list (e.g. Europe/Amsterdam); the operator rejects unknown zones"
      )
    case .invalid(let reason):
      error(
        .invalidTimeZone, "time zone \"\(zone)\" of \(label) is invalid: \(reason)", at: "\(path).timeZone",
        hint: "write an IANA name such as UTC, Europe/Amsterdam or America/New_York")
    }
  }
}

extension SparkJobType {
  /// The same language as the Spark module names it (its sizing rules take that).
  var applicationType: SparkApplicationType {
    switch self {
    case .python: .python
    case .scala: .scala
    case .java: .java
    case .r: .r
    }
  }
}
