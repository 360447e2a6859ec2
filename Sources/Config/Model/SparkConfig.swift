import YAML

/// `spark:` — versions the job images are built with, and Spark settings every job gets.
public struct SparkConfig: Sendable, Equatable {
  public var version: String
  public var hadoopVersion: String
  /// The AWS SDK v1 bundle matching `hadoopVersion`'s hadoop-aws.
  public var awsSdkBundleVersion: String
  /// `sparkConf` defaults for every job (jobs override per key).
  public var conf: [KeyValue]
}

/// `operator:` — the Spark Operator Helm release.
public struct OperatorConfig: Sendable, Equatable {
  public var chart: String
  public var repository: String
  public var version: String
  public var release: String
  public var namespace: String
  /// Helm values, free-form (a mapping).
  public var values: YAMLNode
  /// How long to wait for the release, in seconds (written as `300s`, `5m`, `1h`).
  public var timeoutSeconds: Int
  /// Wait for the operator's Deployment to be ready.
  public var wait: Bool
}
