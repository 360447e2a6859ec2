/// Builds SparkApplications and ScheduledSparkApplications from jobs, with the stack's
/// shared settings.
public struct SparkApplicationBuilder: Sendable {
  /// The label every object of a job carries, so its runs can be listed.
  public static let jobLabel = "eks-spark.io/job"

  public var context: SparkStackContext

  public init(context: SparkStackContext) {
    self.context = context
  }

  /// One run of `job`, named `runName` (a new name per submit) or after the job.
  public func application(for job: SparkJobSpec, runName: String? = nil) -> SparkApplication {
    SparkApplication(
      name: runName ?? job.name, namespace: job.namespace, labels: objectLabels(job),
      annotations: job.annotations, spec: spec(for: job))
  }

  /// The ScheduledSparkApplication of a job with a schedule.
  public func scheduledApplication(for job: SparkJobSpec) throws(SparkError) -> ScheduledSparkApplication {
    guard let schedule = job.schedule else {
      throw SparkError(
        .invalidJob, "job \"\(job.name)\" has no schedule", remedy: "add schedule: with a cron expression")
    }
    var cron = schedule.cron
    var timeZone = schedule.timeZone
    // Operator 1.x has no timeZone field; its cron library reads a CRON_TZ= prefix instead.
    if context.operatorGeneration == .v1, let zone = timeZone {
      if !cron.hasPrefix("CRON_TZ=") && !cron.hasPrefix("TZ=") { cron = "CRON_TZ=\(zone) \(cron)" }
      timeZone = nil
    }
    return ScheduledSparkApplication(
      name: job.name, namespace: job.namespace, labels: objectLabels(job), annotations: job.annotations,
      schedule: cron, timeZone: timeZone, concurrencyPolicy: schedule.concurrencyPolicy,
      suspend: schedule.suspend, successfulRunHistoryLimit: schedule.successfulRunHistoryLimit,
      failedRunHistoryLimit: schedule.failedRunHistoryLimit, template: spec(for: job))
  }

  /// The resolved spec: S3A defaults under the stack's `spark.conf` under the job's own
  /// settings, then what dynamic allocation and overhead factors require.
  public func spec(for job: SparkJobSpec) -> SparkApplicationSpec {
    var conf = S3ASettings.defaults(hadoopVersion: context.hadoopVersion, region: context.region)
      .overlaid(by: context.sparkConf).overlaid(by: job.sparkConf)
    conf = S3ASettings.correctingProvider(in: conf, hadoopVersion: context.hadoopVersion)
    var dynamicAllocation: SparkDynamicAllocation?
    if let dynamic = job.dynamicAllocation, dynamic.enabled {
      dynamicAllocation = dynamic
      // Executors hold shuffle files themselves: without an external shuffle service (none
      // on Kubernetes) Spark only releases executors when it tracks those files.
      conf = conf.overlaid(by: [
        SparkKeyValue("spark.dynamicAllocation.enabled", "true"),
        SparkKeyValue("spark.dynamicAllocation.shuffleTracking.enabled", "true"),
        SparkKeyValue("spark.shuffle.service.enabled", "false"),
      ])
    }
    for (role, pod) in [("driver", job.driver), ("executor", job.executor)] {
      if let factor = pod.memoryOverheadFactor {
        conf = conf.overlaid(by: [SparkKeyValue("spark.\(role).memoryOverheadFactor", String(factor))])
      }
    }
    return SparkApplicationSpec(
      type: job.type, mode: job.mode, image: job.image, imagePullPolicy: job.imagePullPolicy,
      mainApplicationFile: job.mainApplicationFile, mainClass: job.mainClass, arguments: job.arguments,
      sparkVersion: job.sparkVersion, pythonVersion: job.pythonVersion, sparkConf: conf,
      hadoopConf: job.hadoopConf, deps: job.deps, restartPolicy: job.restartPolicy,
      timeToLiveSeconds: job.timeToLiveSeconds ?? SparkJobSpec.defaultTimeToLiveSeconds,
      dynamicAllocation: dynamicAllocation, driver: template(job.driver, of: job, instances: nil),
      executor: template(
        job.executor, of: job, instances: dynamicAllocation == nil ? (job.executor.instances ?? 1) : nil))
  }

  /// Ownership first, then the job's labels, then the job name (which nothing overrides).
  private func objectLabels(_ job: SparkJobSpec) -> [SparkKeyValue] {
    context.ownershipLabels.overlaid(by: job.labels).overlaid(by: [SparkKeyValue(Self.jobLabel, job.name)])
  }

  private func template(_ pod: SparkPodSpec, of job: SparkJobSpec, instances: Int?) -> SparkPodTemplate {
    // Fargate runs every pod with guaranteed QoS: a limit different from the request is
    // ignored for sizing, so both are the same unless the job says otherwise.
    let request = pod.coreRequest ?? String(pod.cores)
    return SparkPodTemplate(
      cores: pod.cores, coreRequest: request, coreLimit: pod.coreLimit ?? request, memory: pod.memory,
      memoryOverhead: pod.memoryOverhead, instances: instances,
      labels: context.ownershipLabels.overlaid(by: job.labels).overlaid(by: pod.labels)
        .overlaid(by: [SparkKeyValue(Self.jobLabel, job.name)]),
      annotations: job.annotations.overlaid(by: pod.annotations),
      env: job.env, serviceAccount: job.serviceAccount)
  }
}
