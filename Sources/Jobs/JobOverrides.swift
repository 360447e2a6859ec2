import Spark

/// `--set key=value` on a stack job: the job fields a run commonly changes, named as in the
/// stack file (`driver.memory`, `executor.instances`, `sparkConf.spark.sql.shuffle.partitions`).
public struct JobOverrides: Sendable, Equatable {
  public var pairs: [(key: String, value: String)] {
    entries.map { ($0.key, $0.value) }
  }
  private var entries: [SparkKeyValue]

  /// The keys `--set` takes, for the error that lists them.
  public static let keys = [
    "image", "mainApplicationFile", "mainClass", "arguments", "serviceAccount", "timeToLiveSeconds",
    "driver.cores", "driver.memory", "executor.cores", "executor.memory", "executor.instances",
    "sparkConf.<key>", "hadoopConf.<key>", "env.<NAME>", "labels.<key>",
  ]

  /// Parses `key=value` texts.
  public init(_ texts: [String]) throws(JobsError) {
    var entries: [SparkKeyValue] = []
    for text in texts {
      guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
        throw JobsError(
          .invalidOverride, "--set \"\(text)\" is not key=value", remedy: "write it as --set driver.memory=2g"
        )
      }
      entries.append(SparkKeyValue(String(text[..<equals]), String(text[text.index(after: equals)...])))
    }
    self.entries = entries
  }

  public var isEmpty: Bool { entries.isEmpty }

  public static func == (lhs: JobOverrides, rhs: JobOverrides) -> Bool { lhs.entries == rhs.entries }

  /// `job` with every override applied, in order.
  public func applied(to job: SparkJobSpec) throws(JobsError) -> SparkJobSpec {
    var job = job
    for entry in entries {
      try apply(entry.key, entry.value, to: &job)
    }
    return job
  }

  private func apply(_ key: String, _ value: String, to job: inout SparkJobSpec) throws(JobsError) {
    for (prefix, path) in [
      ("sparkConf.", \SparkJobSpec.sparkConf), ("hadoopConf.", \SparkJobSpec.hadoopConf),
      ("env.", \SparkJobSpec.env), ("labels.", \SparkJobSpec.labels),
    ] where key.hasPrefix(prefix) && key.count > prefix.count {
      job[keyPath: path] = job[keyPath: path].overlaid(by: [
        SparkKeyValue(String(key.dropFirst(prefix.count)), value)
      ])
      return
    }
    switch key {
    case "image": job.image = value
    case "mainApplicationFile": job.mainApplicationFile = value
    case "mainClass": job.mainClass = value
    case "arguments": job.arguments = value.isEmpty ? [] : value.split(separator: ",").map(String.init)
    case "serviceAccount": job.serviceAccount = value
    case "timeToLiveSeconds": job.timeToLiveSeconds = try integer(key, value)
    case "driver.cores": job.driver.cores = try integer(key, value)
    case "driver.memory": job.driver.memory = value
    case "executor.cores": job.executor.cores = try integer(key, value)
    case "executor.memory": job.executor.memory = value
    case "executor.instances": job.executor.instances = try integer(key, value)
    default:
      throw JobsError(
        .invalidOverride, "--set \(key): the job has no field of that name",
        remedy: "use one of \(Self.keys.joined(separator: ", "))")
    }
  }

  private func integer(_ key: String, _ value: String) throws(JobsError) -> Int {
    guard let number = Int(value), number >= 0 else {
      throw JobsError(
        .invalidOverride, "--set \(key)=\(value): expected a whole number",
        remedy: "for example --set \(key)=2")
    }
    return number
  }
}
