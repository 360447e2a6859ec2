/// `jobs[]` — a SparkApplication (or, with `schedule`, a ScheduledSparkApplication).
public struct JobConfig: Sendable, Equatable {
  public var name: String
  public var namespace: String
  public var type: SparkJobType
  /// `cluster` or `client`.
  public var mode: String
  /// An image reference used as is (`registry/repo:tag`), or nil when `imageRef` names one
  /// of the stack's images.
  public var image: String?
  public var imageRef: String?
  /// `Always`, `IfNotPresent` or `Never`.
  public var imagePullPolicy: String
  public var mainApplicationFile: String
  public var mainClass: String?
  public var arguments: [String]
  public var sparkVersion: String
  /// `3` for Python jobs.
  public var pythonVersion: String?
  /// Effective Spark settings: `spark.conf` with the job's own on top.
  public var sparkConf: [KeyValue]
  public var hadoopConf: [KeyValue]
  public var deps: JobDependencies
  /// Environment for the driver and the executors.
  public var env: [KeyValue]
  public var driver: SparkPodConfig
  public var executor: SparkPodConfig
  public var labels: [KeyValue]
  public var annotations: [KeyValue]
  public var serviceAccount: String
  public var restartPolicy: RestartPolicyConfig
  public var timeToLiveSeconds: Int?
  public var dynamicAllocation: DynamicAllocationConfig?
  public var schedule: JobSchedule?

  /// The most executors this job can run at once (for executor pod names and sizing).
  public var maximumExecutors: Int {
    if let dynamicAllocation, dynamicAllocation.enabled { return dynamicAllocation.maxExecutors }
    return executor.instances ?? 1
  }
}

/// The language of the main application file.
public enum SparkJobType: String, Sendable, Equatable, CaseIterable {
  case python = "Python"
  case scala = "Scala"
  case java = "Java"
  case r = "R"
}

/// Resources and metadata of the driver or of each executor.
public struct SparkPodConfig: Sendable, Equatable {
  public var cores: Int
  /// A Kubernetes CPU quantity requested (`500m`, `1`), or nil to request `cores`.
  public var coreRequest: String?
  /// A Kubernetes CPU quantity limit (`1200m`).
  public var coreLimit: String?
  /// Spark's memory format (`512m`, `2g`).
  public var memory: String
  /// Spark's memory format; nil lets Spark pick (10%, 40% for Python, at least 384m).
  public var memoryOverhead: String?
  /// Executors only.
  public var instances: Int?
  public var labels: [KeyValue]
  public var annotations: [KeyValue]
}

/// `deps:` — files Spark fetches before starting.
public struct JobDependencies: Sendable, Equatable {
  public var jars: [String]
  public var files: [String]
  public var pyFiles: [String]
  public var packages: [String]
  public var repositories: [String]
  public var excludePackages: [String]

  public var isEmpty: Bool {
    jars.isEmpty && files.isEmpty && pyFiles.isEmpty && packages.isEmpty && repositories.isEmpty
      && excludePackages.isEmpty
  }
}

/// When the operator resubmits a failed application.
public struct RestartPolicyConfig: Sendable, Equatable {
  /// `Never`, `OnFailure` or `Always`.
  public var type: String
  public var onFailureRetries: Int?
  public var onFailureRetryInterval: Int?
  public var onSubmissionFailureRetries: Int?
  public var onSubmissionFailureRetryInterval: Int?
}

/// Spark dynamic allocation (with shuffle tracking, as Kubernetes has no shuffle service).
public struct DynamicAllocationConfig: Sendable, Equatable {
  public var enabled: Bool
  public var initialExecutors: Int?
  public var minExecutors: Int
  public var maxExecutors: Int
}

/// `schedule:` — run the job on a cron schedule as a ScheduledSparkApplication.
public struct JobSchedule: Sendable, Equatable {
  /// Five-field cron or a descriptor (`@daily`, `@every 1h`).
  public var cron: String
  /// An IANA time zone, or nil for the operator's (UTC).
  public var timeZone: String?
  /// `Allow`, `Forbid` or `Replace`.
  public var concurrencyPolicy: String
  public var suspend: Bool
  public var successfulRunHistoryLimit: Int
  public var failedRunHistoryLimit: Int
}
