import Config
import Spark

/// The one mapping from the stack file's jobs to the Spark module's `SparkJobSpec`, and the
/// stack-wide context every job shares. `job submit` and the stack's schedules both use it.
public struct JobSpecMapping: Sendable {
  public let stack: Config.Stack

  public init(stack: Config.Stack) {
    self.stack = stack
  }

  /// Labels every object eks-spark creates carries (DESIGN: live state is the truth).
  public var ownershipLabels: [SparkKeyValue] {
    [
      SparkKeyValue("app.kubernetes.io/managed-by", "eks-spark"),
      SparkKeyValue("eks-spark.io/stack", stack.metadata.prefix),
    ]
  }

  public var context: SparkStackContext {
    SparkStackContext(
      sparkConf: stack.spark.conf.map { SparkKeyValue($0.key, $0.value) },
      hadoopVersion: stack.spark.hadoopVersion, region: stack.metadata.region,
      ownershipLabels: ownershipLabels,
      operatorGeneration: SparkOperatorGeneration.of(chartVersion: stack.sparkOperator.version))
  }

  /// The job of this name, or nil.
  public func job(named name: String) -> JobConfig? {
    stack.jobs.first { $0.name == name }
  }

  /// `job` as the Spark module takes it; `image` is the reference to run (a job's `image`,
  /// or its `imageRef` resolved by the caller).
  public func spec(for job: JobConfig, image: String) -> SparkJobSpec {
    SparkJobSpec(
      name: job.name, namespace: job.namespace,
      type: SparkApplicationType(rawValue: job.type.rawValue) ?? .python,
      mode: SparkDeployMode(rawValue: job.mode) ?? .cluster, image: image,
      imagePullPolicy: job.imagePullPolicy, mainApplicationFile: job.mainApplicationFile,
      mainClass: job.mainClass, arguments: job.arguments, sparkVersion: job.sparkVersion,
      pythonVersion: job.pythonVersion, sparkConf: pairs(job.sparkConf), hadoopConf: pairs(job.hadoopConf),
      deps: SparkDependencies(
        jars: job.deps.jars, files: job.deps.files, pyFiles: job.deps.pyFiles, packages: job.deps.packages,
        repositories: job.deps.repositories, excludePackages: job.deps.excludePackages),
      env: pairs(job.env), labels: pairs(job.labels), annotations: pairs(job.annotations),
      serviceAccount: job.serviceAccount, driver: pod(job.driver, job: job, role: "driver"),
      executor: pod(job.executor, job: job, role: "executor"),
      restartPolicy: SparkRestartPolicy(
        SparkRestartPolicy.Kind(rawValue: job.restartPolicy.type) ?? .never,
        onFailureRetries: job.restartPolicy.onFailureRetries,
        onFailureRetryInterval: job.restartPolicy.onFailureRetryInterval,
        onSubmissionFailureRetries: job.restartPolicy.onSubmissionFailureRetries,
        onSubmissionFailureRetryInterval: job.restartPolicy.onSubmissionFailureRetryInterval),
      timeToLiveSeconds: job.timeToLiveSeconds,
      dynamicAllocation: job.dynamicAllocation.map {
        SparkDynamicAllocation(
          enabled: $0.enabled, initialExecutors: $0.initialExecutors, minExecutors: $0.minExecutors,
          maxExecutors: $0.maxExecutors)
      },
      schedule: job.schedule.map {
        SparkSchedule(
          cron: $0.cron, timeZone: $0.timeZone,
          concurrencyPolicy: SparkSchedule.ConcurrencyPolicy(rawValue: $0.concurrencyPolicy) ?? .forbid,
          suspend: $0.suspend, successfulRunHistoryLimit: $0.successfulRunHistoryLimit,
          failedRunHistoryLimit: $0.failedRunHistoryLimit)
      })
  }

  private func pairs(_ values: [KeyValue]) -> [SparkKeyValue] {
    values.map { SparkKeyValue($0.key, $0.value) }
  }

  /// The overhead factor comes from the job's Spark settings, where Spark reads it.
  private func pod(_ config: SparkPodConfig, job: JobConfig, role: String) -> SparkPodSpec {
    let factor = job.sparkConf.last { $0.key == "spark.\(role).memoryOverheadFactor" }.flatMap {
      Double($0.value)
    }
    return SparkPodSpec(
      cores: config.cores, coreRequest: config.coreRequest, coreLimit: config.coreLimit,
      memory: config.memory,
      memoryOverhead: config.memoryOverhead, memoryOverheadFactor: factor, instances: config.instances,
      labels: pairs(config.labels), annotations: pairs(config.annotations))
  }
}
