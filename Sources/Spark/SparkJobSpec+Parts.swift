/// `deps`: files Spark fetches before starting.
public struct SparkDependencies: Sendable, Equatable {
  public var jars: [String]
  public var files: [String]
  public var pyFiles: [String]
  /// Maven coordinates (`org.apache.hadoop:hadoop-aws:3.3.4`).
  public var packages: [String]
  public var repositories: [String]
  public var excludePackages: [String]

  public init(
    jars: [String] = [], files: [String] = [], pyFiles: [String] = [], packages: [String] = [],
    repositories: [String] = [], excludePackages: [String] = []
  ) {
    self.jars = jars
    self.files = files
    self.pyFiles = pyFiles
    self.packages = packages
    self.repositories = repositories
    self.excludePackages = excludePackages
  }

  public var isEmpty: Bool {
    jars.isEmpty && files.isEmpty && pyFiles.isEmpty && packages.isEmpty && repositories.isEmpty
      && excludePackages.isEmpty
  }
}

/// When the operator runs a finished application again.
public struct SparkRestartPolicy: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case never = "Never"
    case onFailure = "OnFailure"
    case always = "Always"
  }

  public var kind: Kind
  public var onFailureRetries: Int?
  /// Seconds between a failure and the next run.
  public var onFailureRetryInterval: Int?
  public var onSubmissionFailureRetries: Int?
  public var onSubmissionFailureRetryInterval: Int?

  public init(
    _ kind: Kind = .never, onFailureRetries: Int? = nil, onFailureRetryInterval: Int? = nil,
    onSubmissionFailureRetries: Int? = nil, onSubmissionFailureRetryInterval: Int? = nil
  ) {
    self.kind = kind
    self.onFailureRetries = onFailureRetries
    self.onFailureRetryInterval = onFailureRetryInterval
    self.onSubmissionFailureRetries = onSubmissionFailureRetries
    self.onSubmissionFailureRetryInterval = onSubmissionFailureRetryInterval
  }
}

/// Spark dynamic allocation. Kubernetes has no external shuffle service, so the rendered
/// application always turns on shuffle tracking with it.
public struct SparkDynamicAllocation: Sendable, Equatable {
  public var enabled: Bool
  public var initialExecutors: Int?
  public var minExecutors: Int
  public var maxExecutors: Int

  public init(enabled: Bool = true, initialExecutors: Int? = nil, minExecutors: Int, maxExecutors: Int) {
    self.enabled = enabled
    self.initialExecutors = initialExecutors
    self.minExecutors = minExecutors
    self.maxExecutors = maxExecutors
  }
}

/// A cron schedule: the job becomes a ScheduledSparkApplication.
public struct SparkSchedule: Sendable, Equatable {
  public enum ConcurrencyPolicy: String, Sendable, Equatable, CaseIterable {
    case allow = "Allow"
    case forbid = "Forbid"
    case replace = "Replace"
  }

  /// Five-field cron or a descriptor (`@daily`, `@every 1h`).
  public var cron: String
  /// An IANA zone; nil for the operator's local zone (UTC in its image).
  public var timeZone: String?
  /// Always rendered, so a slow run never overlaps the next by accident of a default.
  public var concurrencyPolicy: ConcurrencyPolicy
  public var suspend: Bool
  public var successfulRunHistoryLimit: Int
  public var failedRunHistoryLimit: Int

  public init(
    cron: String, timeZone: String? = nil, concurrencyPolicy: ConcurrencyPolicy = .forbid,
    suspend: Bool = false,
    successfulRunHistoryLimit: Int = 1, failedRunHistoryLimit: Int = 3
  ) {
    self.cron = cron
    self.timeZone = timeZone
    self.concurrencyPolicy = concurrencyPolicy
    self.suspend = suspend
    self.successfulRunHistoryLimit = successfulRunHistoryLimit
    self.failedRunHistoryLimit = failedRunHistoryLimit
  }
}

/// What every job of a stack shares: the stack's `spark.conf`, the Hadoop version the
/// images carry (it decides the S3A credential provider), the region, and the ownership
/// labels every object eks-spark creates carries.
public struct SparkStackContext: Sendable, Equatable {
  /// The stack's `spark.conf`: under each job's own settings.
  public var sparkConf: [SparkKeyValue]
  public var hadoopVersion: String
  /// The data lake's region, so S3A signs for it without probing.
  public var region: String?
  /// `app.kubernetes.io/managed-by` and `eks-spark.io/stack`, on the application and its pods.
  public var ownershipLabels: [SparkKeyValue]
  /// Which operator renders the objects (decides how a schedule's time zone is written).
  public var operatorGeneration: SparkOperatorGeneration

  public init(
    sparkConf: [SparkKeyValue] = [], hadoopVersion: String, region: String? = nil,
    ownershipLabels: [SparkKeyValue] = [], operatorGeneration: SparkOperatorGeneration = .v2
  ) {
    self.sparkConf = sparkConf
    self.hadoopVersion = hadoopVersion
    self.region = region
    self.ownershipLabels = ownershipLabels
    self.operatorGeneration = operatorGeneration
  }
}

/// The Spark Operator's two lines: 1.x (GoogleCloudPlatform, chart 1.x) and 2.x (Kubeflow,
/// chart 2.x). Both serve `sparkoperator.k8s.io/v1beta2`.
public enum SparkOperatorGeneration: String, Sendable, Equatable, CaseIterable {
  case v1 = "1.x"
  case v2 = "2.x"

  /// The generation of a chart version (`1.4.6`, `2.1.0`).
  public static func of(chartVersion: String) -> SparkOperatorGeneration {
    chartVersion.hasPrefix("1.") || chartVersion.hasPrefix("0.") ? .v1 : .v2
  }
}
