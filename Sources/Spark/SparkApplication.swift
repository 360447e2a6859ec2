/// A `sparkoperator.k8s.io/v1beta2` SparkApplication: one run of a job.
public struct SparkApplication: Sendable, Equatable {
  public static let apiVersion = "sparkoperator.k8s.io/v1beta2"
  public static let kind = "SparkApplication"

  public var name: String
  public var namespace: String
  public var labels: [SparkKeyValue]
  public var annotations: [SparkKeyValue]
  public var spec: SparkApplicationSpec

  public init(
    name: String, namespace: String, labels: [SparkKeyValue], annotations: [SparkKeyValue],
    spec: SparkApplicationSpec
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
    self.spec = spec
  }
}

/// A `sparkoperator.k8s.io/v1beta2` ScheduledSparkApplication: a job run on a cron schedule.
public struct ScheduledSparkApplication: Sendable, Equatable {
  public static let kind = "ScheduledSparkApplication"

  public var name: String
  public var namespace: String
  public var labels: [SparkKeyValue]
  public var annotations: [SparkKeyValue]
  /// The cron text as the operator gets it (on 1.x a time zone rides in as `CRON_TZ=`).
  public var schedule: String
  /// The operator 2.x `timeZone` field; nil on 1.x or when the job sets none.
  public var timeZone: String?
  public var concurrencyPolicy: SparkSchedule.ConcurrencyPolicy
  public var suspend: Bool
  public var successfulRunHistoryLimit: Int
  public var failedRunHistoryLimit: Int
  public var template: SparkApplicationSpec

  public init(
    name: String, namespace: String, labels: [SparkKeyValue], annotations: [SparkKeyValue], schedule: String,
    timeZone: String?, concurrencyPolicy: SparkSchedule.ConcurrencyPolicy, suspend: Bool,
    successfulRunHistoryLimit: Int, failedRunHistoryLimit: Int, template: SparkApplicationSpec
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
    self.schedule = schedule
    self.timeZone = timeZone
    self.concurrencyPolicy = concurrencyPolicy
    self.suspend = suspend
    self.successfulRunHistoryLimit = successfulRunHistoryLimit
    self.failedRunHistoryLimit = failedRunHistoryLimit
    self.template = template
  }
}

/// The `spec` of a SparkApplication (and the `template` of a ScheduledSparkApplication),
/// with every setting resolved: merged `sparkConf`, defaulted time to live, requests equal
/// to limits.
public struct SparkApplicationSpec: Sendable, Equatable {
  public var type: SparkApplicationType
  public var mode: SparkDeployMode
  public var image: String
  public var imagePullPolicy: String?
  public var mainApplicationFile: String
  public var mainClass: String?
  public var arguments: [String]
  public var sparkVersion: String
  public var pythonVersion: String?
  public var sparkConf: [SparkKeyValue]
  public var hadoopConf: [SparkKeyValue]
  public var deps: SparkDependencies
  public var restartPolicy: SparkRestartPolicy
  public var timeToLiveSeconds: Int
  public var dynamicAllocation: SparkDynamicAllocation?
  public var driver: SparkPodTemplate
  public var executor: SparkPodTemplate
}

/// The driver or executor section of a SparkApplication.
public struct SparkPodTemplate: Sendable, Equatable {
  public var cores: Int
  /// Always set, equal to `coreLimit` unless the job asked otherwise.
  public var coreRequest: String
  public var coreLimit: String
  public var memory: String
  public var memoryOverhead: String?
  public var instances: Int?
  /// What the Fargate profiles select the pod by.
  public var labels: [SparkKeyValue]
  public var annotations: [SparkKeyValue]
  public var env: [SparkKeyValue]
  /// The driver's service account (the one with the IRSA role); executors run under it too.
  public var serviceAccount: String
}
