/// One Spark job as the Spark module takes it: everything a SparkApplication (or, with a
/// schedule, a ScheduledSparkApplication) is built from. The stack maps its job
/// configuration to this; `job submit` builds one from local code.
public struct SparkJobSpec: Sendable, Equatable {
  public var name: String
  public var namespace: String
  public var type: SparkApplicationType
  public var mode: SparkDeployMode
  /// A full image reference (an `images` entry resolved to its pushed digest by the caller).
  public var image: String
  /// `Always`, `IfNotPresent` or `Never`; nil leaves Kubernetes' default.
  public var imagePullPolicy: String?
  public var mainApplicationFile: String
  public var mainClass: String?
  public var arguments: [String]
  public var sparkVersion: String
  /// `3` for Python jobs; nil leaves the operator's default.
  public var pythonVersion: String?
  /// The job's own Spark settings; they win over the stack's `spark.conf`.
  public var sparkConf: [SparkKeyValue]
  public var hadoopConf: [SparkKeyValue]
  public var deps: SparkDependencies
  /// Environment of the driver and of every executor.
  public var env: [SparkKeyValue]
  /// On the application and on its pods.
  public var labels: [SparkKeyValue]
  /// On the application and on its pods.
  public var annotations: [SparkKeyValue]
  public var serviceAccount: String
  public var driver: SparkPodSpec
  public var executor: SparkPodSpec
  public var restartPolicy: SparkRestartPolicy
  /// Seconds a finished application (and its pods) is kept; nil takes
  /// `SparkJobSpec.defaultTimeToLiveSeconds`.
  public var timeToLiveSeconds: Int?
  public var dynamicAllocation: SparkDynamicAllocation?
  /// With a schedule the job becomes a ScheduledSparkApplication.
  public var schedule: SparkSchedule?

  /// An hour: long enough to read a finished driver's log, short enough that finished
  /// applications do not pile up.
  public static let defaultTimeToLiveSeconds = 3600

  public init(
    name: String, namespace: String, type: SparkApplicationType, mode: SparkDeployMode = .cluster,
    image: String, imagePullPolicy: String? = nil, mainApplicationFile: String, mainClass: String? = nil,
    arguments: [String] = [], sparkVersion: String, pythonVersion: String? = nil,
    sparkConf: [SparkKeyValue] = [], hadoopConf: [SparkKeyValue] = [], deps: SparkDependencies = .init(),
    env: [SparkKeyValue] = [], labels: [SparkKeyValue] = [], annotations: [SparkKeyValue] = [],
    serviceAccount: String, driver: SparkPodSpec, executor: SparkPodSpec,
    restartPolicy: SparkRestartPolicy = .init(), timeToLiveSeconds: Int? = nil,
    dynamicAllocation: SparkDynamicAllocation? = nil, schedule: SparkSchedule? = nil
  ) {
    self.name = name
    self.namespace = namespace
    self.type = type
    self.mode = mode
    self.image = image
    self.imagePullPolicy = imagePullPolicy
    self.mainApplicationFile = mainApplicationFile
    self.mainClass = mainClass
    self.arguments = arguments
    self.sparkVersion = sparkVersion
    self.pythonVersion = pythonVersion
    self.sparkConf = sparkConf
    self.hadoopConf = hadoopConf
    self.deps = deps
    self.env = env
    self.labels = labels
    self.annotations = annotations
    self.serviceAccount = serviceAccount
    self.driver = driver
    self.executor = executor
    self.restartPolicy = restartPolicy
    self.timeToLiveSeconds = timeToLiveSeconds
    self.dynamicAllocation = dynamicAllocation
    self.schedule = schedule
  }

  /// The most executors this job runs at once (for sizing and executor pod names).
  public var maximumExecutors: Int {
    if let dynamicAllocation, dynamicAllocation.enabled { return dynamicAllocation.maxExecutors }
    return executor.instances ?? 1
  }
}

/// The language of the main application file (the CRD's `type`).
public enum SparkApplicationType: String, Sendable, Equatable, CaseIterable {
  case python = "Python"
  case scala = "Scala"
  case java = "Java"
  case r = "R"
}

/// Where the driver runs (the CRD's `mode`).
public enum SparkDeployMode: String, Sendable, Equatable, CaseIterable {
  case cluster
  case client
}

/// An ordered key and value: Spark settings, labels, annotations, environment.
public struct SparkKeyValue: Sendable, Hashable {
  public var key: String
  public var value: String

  public init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }
}

extension [SparkKeyValue] {
  /// These pairs with `overrides` on top: an overridden key keeps its place, new keys follow.
  public func overlaid(by overrides: [SparkKeyValue]) -> [SparkKeyValue] {
    var result = self
    for pair in overrides {
      if let index = result.firstIndex(where: { $0.key == pair.key }) {
        result[index].value = pair.value
      } else {
        result.append(pair)
      }
    }
    return result
  }
}

/// Resources and metadata of the driver, or of each executor.
public struct SparkPodSpec: Sendable, Equatable {
  /// Spark cores (whole), also the vCPU request unless `coreRequest` says otherwise.
  public var cores: Int
  /// A Kubernetes CPU quantity (`500m`, `1`) requested instead of `cores`.
  public var coreRequest: String?
  /// A Kubernetes CPU quantity; nil makes the limit equal to the request (Fargate runs every
  /// pod with guaranteed QoS, so a different limit buys nothing).
  public var coreLimit: String?
  /// Spark's size format (`512m`, `2g`).
  public var memory: String
  /// Spark's size format; nil lets Spark derive it (see `SparkQuantities.defaultOverheadMiB`).
  public var memoryOverhead: String?
  /// `spark.{driver,executor}.memoryOverheadFactor`, when the job sets one.
  public var memoryOverheadFactor: Double?
  /// Executors only; nil for the driver.
  public var instances: Int?
  public var labels: [SparkKeyValue]
  public var annotations: [SparkKeyValue]
  /// Ephemeral storage in GiB (Fargate includes 20, allows up to 175).
  public var ephemeralStorageGiB: Int?

  public init(
    cores: Int, coreRequest: String? = nil, coreLimit: String? = nil, memory: String,
    memoryOverhead: String? = nil, memoryOverheadFactor: Double? = nil, instances: Int? = nil,
    labels: [SparkKeyValue] = [], annotations: [SparkKeyValue] = [], ephemeralStorageGiB: Int? = nil
  ) {
    self.cores = cores
    self.coreRequest = coreRequest
    self.coreLimit = coreLimit
    self.memory = memory
    self.memoryOverhead = memoryOverhead
    self.memoryOverheadFactor = memoryOverheadFactor
    self.instances = instances
    self.labels = labels
    self.annotations = annotations
    self.ephemeralStorageGiB = ephemeralStorageGiB
  }
}
