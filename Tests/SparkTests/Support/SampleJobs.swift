import Spark

/// Jobs and stack settings the rendering tests share.
enum SampleJobs {
  static let ownership = [
    SparkKeyValue("app.kubernetes.io/managed-by", "eks-spark"),
    SparkKeyValue("eks-spark.io/stack", "spark-eks"),
  ]

  static func context(
    hadoop: String = "3.3.4", generation: SparkOperatorGeneration = .v2, conf: [SparkKeyValue] = []
  ) -> SparkStackContext {
    SparkStackContext(
      sparkConf: conf, hadoopVersion: hadoop, region: "eu-west-1", ownershipLabels: ownership,
      operatorGeneration: generation)
  }

  /// A PySpark job with everything set: deps, env, labels, dynamic allocation, retries.
  static let weather = SparkJobSpec(
    name: "weather", namespace: "spark-jobs", type: .python,
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark-eks/weather@sha256:"
      + String(repeating: "ab", count: 32),
    imagePullPolicy: "IfNotPresent", mainApplicationFile: "s3a://spark-eks-data-lake/jobs/weather.py",
    arguments: ["--input", "s3a://spark-eks-data-lake/raw/weather/", "--date", "2026-12-04"],
    sparkVersion: "3.5.3", pythonVersion: "3",
    sparkConf: [
      SparkKeyValue("spark.sql.shuffle.partitions", "64"), SparkKeyValue("spark.eventLog.enabled", "false"),
    ],
    hadoopConf: [SparkKeyValue("fs.s3a.connection.maximum", "200")],
    deps: SparkDependencies(
      pyFiles: ["s3a://spark-eks-data-lake/jobs/helpers.zip"], packages: ["io.delta:delta-spark_2.12:3.2.0"]),
    env: [SparkKeyValue("LOG_LEVEL", "INFO"), SparkKeyValue("TZ", "UTC")],
    labels: [SparkKeyValue("team", "data")],
    annotations: [SparkKeyValue("example.com/owner", "data@example.com")],
    serviceAccount: "spark",
    driver: SparkPodSpec(cores: 1, memory: "1g", labels: [SparkKeyValue("tier", "driver")]),
    executor: SparkPodSpec(cores: 2, memory: "4g", memoryOverhead: "1g", instances: 2),
    restartPolicy: SparkRestartPolicy(
      .onFailure, onFailureRetries: 2, onFailureRetryInterval: 30, onSubmissionFailureRetries: 1,
      onSubmissionFailureRetryInterval: 20),
    dynamicAllocation: SparkDynamicAllocation(initialExecutors: 1, minExecutors: 1, maxExecutors: 4))

  /// A Scala job with the least set.
  static let pi = SparkJobSpec(
    name: "pi", namespace: "default", type: .scala, image: "apache/spark:3.5.3",
    mainApplicationFile: "local:///opt/spark/examples/jars/spark-examples_2.12-3.5.3.jar",
    mainClass: "org.apache.spark.examples.SparkPi", arguments: ["1000"], sparkVersion: "3.5.3",
    serviceAccount: "spark", driver: SparkPodSpec(cores: 1, memory: "512m"),
    executor: SparkPodSpec(cores: 1, memory: "512m", instances: 2))

  static var nightly: SparkJobSpec {
    var job = pi
    job.name = "nightly"
    job.timeToLiveSeconds = 600
    job.schedule = SparkSchedule(
      cron: "0 3 * * *", timeZone: "Europe/Amsterdam", concurrencyPolicy: .forbid, suspend: false,
      successfulRunHistoryLimit: 2, failedRunHistoryLimit: 5)
    return job
  }
}
