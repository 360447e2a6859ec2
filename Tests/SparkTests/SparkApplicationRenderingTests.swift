import Testing
import YAML

@testable import Spark

@Suite("rendering SparkApplications")
struct SparkApplicationRenderingTests {
  @Test("a Python job with deps, env, labels, retries and dynamic allocation")
  func weatherGolden() throws {
    let builder = SparkApplicationBuilder(
      context: SampleJobs.context(conf: [SparkKeyValue("spark.eventLog.enabled", "true")]))
    let app = builder.application(for: SampleJobs.weather, runName: "weather-7f3a9c2e")
    try Golden.check(YAMLEmitter.emit(app.node), "weather-application.yaml")
    try Golden.check(YAMLJSONWriter.string(app.node, pretty: true) + "\n", "weather-application.json")
  }

  @Test("a Scala job on Hadoop 3.4 gets the SDK v2 web-identity provider")
  func piGolden() throws {
    let builder = SparkApplicationBuilder(context: SampleJobs.context(hadoop: "3.4.1"))
    try Golden.check(YAMLEmitter.emit(builder.application(for: SampleJobs.pi).node), "pi-application.yaml")
  }

  @Test("a scheduled job for operator 2.x has timeZone and concurrencyPolicy")
  func scheduledV2Golden() throws {
    let builder = SparkApplicationBuilder(context: SampleJobs.context(generation: .v2))
    try Golden.check(
      YAMLEmitter.emit(try builder.scheduledApplication(for: SampleJobs.nightly).node),
      "nightly-scheduled-v2.yaml")
  }

  @Test("a scheduled job for operator 1.x carries its time zone in the cron text")
  func scheduledV1() throws {
    let builder = SparkApplicationBuilder(context: SampleJobs.context(generation: .v1))
    let scheduled = try builder.scheduledApplication(for: SampleJobs.nightly)
    #expect(scheduled.schedule == "CRON_TZ=Europe/Amsterdam 0 3 * * *")
    #expect(scheduled.timeZone == nil)
    #expect(scheduled.node["spec"]?["timeZone"] == nil)
    #expect(scheduled.node["spec"]?["concurrencyPolicy"]?.scalar?.text == "Forbid")
  }

  @Test("a job without a schedule has no ScheduledSparkApplication")
  func noSchedule() {
    let builder = SparkApplicationBuilder(context: SampleJobs.context())
    #expect(throws: SparkError.self) { try builder.scheduledApplication(for: SampleJobs.pi) }
    do {
      _ = try builder.scheduledApplication(for: SampleJobs.pi)
    } catch {
      #expect(error.code == .invalidJob)
      #expect(error.message == "job \"pi\" has no schedule")
    }
  }

  @Test("the job's sparkConf wins over the stack's, which wins over the S3A defaults")
  func confPrecedence() {
    var job = SampleJobs.pi
    job.sparkConf = [SparkKeyValue("spark.executor.heartbeatInterval", "20s")]
    let context = SampleJobs.context(conf: [
      SparkKeyValue("spark.executor.heartbeatInterval", "10s"), SparkKeyValue("spark.ui.enabled", "false"),
      SparkKeyValue("spark.hadoop.fs.s3a.impl", "com.example.S3FileSystem"),
    ])
    let conf = SparkApplicationBuilder(context: context).spec(for: job).sparkConf
    #expect(conf.first { $0.key == "spark.executor.heartbeatInterval" }?.value == "20s")
    #expect(conf.first { $0.key == "spark.ui.enabled" }?.value == "false")
    #expect(conf.first { $0.key == "spark.hadoop.fs.s3a.impl" }?.value == "com.example.S3FileSystem")
    #expect(conf.first { $0.key == "spark.hadoop.fs.s3a.endpoint.region" }?.value == "eu-west-1")
  }

  @Test(
    "the web-identity provider follows the Hadoop version",
    arguments: [
      ("3.3.4", S3ASettings.sdkV1WebIdentityProvider), ("3.3.6", S3ASettings.sdkV1WebIdentityProvider),
      ("3.4.0", S3ASettings.sdkV2WebIdentityProvider), ("3.4.1", S3ASettings.sdkV2WebIdentityProvider),
      ("4.0.0", S3ASettings.sdkV2WebIdentityProvider), ("unknown", S3ASettings.sdkV1WebIdentityProvider),
    ])
  func provider(hadoop: String, provider: String) {
    // The stack's default names the v1 class; on Hadoop 3.4 it becomes the v2 one.
    let context = SampleJobs.context(
      hadoop: hadoop,
      conf: [SparkKeyValue(S3ASettings.credentialsProviderKey, S3ASettings.sdkV1WebIdentityProvider)])
    let conf = SparkApplicationBuilder(context: context).spec(for: SampleJobs.pi).sparkConf
    #expect(conf.first { $0.key == S3ASettings.credentialsProviderKey }?.value == provider)
  }

  @Test("a provider the user chose is kept")
  func customProvider() {
    var job = SampleJobs.pi
    job.sparkConf = [
      SparkKeyValue(
        S3ASettings.credentialsProviderKey, "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
    ]
    let conf = SparkApplicationBuilder(context: SampleJobs.context(hadoop: "3.4.1")).spec(for: job).sparkConf
    #expect(
      conf.first { $0.key == S3ASettings.credentialsProviderKey }?.value
        == "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
  }

  @Test("dynamic allocation turns on shuffle tracking and leaves executor instances out")
  func dynamicAllocation() {
    let spec = SparkApplicationBuilder(context: SampleJobs.context()).spec(for: SampleJobs.weather)
    #expect(spec.sparkConf.contains(SparkKeyValue("spark.dynamicAllocation.shuffleTracking.enabled", "true")))
    #expect(spec.sparkConf.contains(SparkKeyValue("spark.shuffle.service.enabled", "false")))
    #expect(spec.executor.instances == nil)
    #expect(spec.dynamicAllocation?.maxExecutors == 4)
    var disabled = SampleJobs.weather
    disabled.dynamicAllocation?.enabled = false
    let plain = SparkApplicationBuilder(context: SampleJobs.context()).spec(for: disabled)
    #expect(plain.dynamicAllocation == nil)
    #expect(plain.executor.instances == 2)
    #expect(!plain.sparkConf.contains { $0.key.hasPrefix("spark.dynamicAllocation") })
  }

  @Test("pods carry the ownership, job and pod labels the Fargate profiles select by")
  func podLabels() {
    let spec = SparkApplicationBuilder(context: SampleJobs.context()).spec(for: SampleJobs.weather)
    #expect(
      spec.driver.labels == [
        SparkKeyValue("app.kubernetes.io/managed-by", "eks-spark"),
        SparkKeyValue("eks-spark.io/stack", "spark-eks"),
        SparkKeyValue("team", "data"), SparkKeyValue("tier", "driver"),
        SparkKeyValue("eks-spark.io/job", "weather"),
      ])
    #expect(spec.executor.labels.contains(SparkKeyValue("team", "data")))
    #expect(!spec.executor.labels.contains(SparkKeyValue("tier", "driver")))
    #expect(spec.executor.annotations == [SparkKeyValue("example.com/owner", "data@example.com")])
    #expect(spec.executor.serviceAccount == "spark")
  }

  @Test("CPU requests equal limits, and the time to live is defaulted")
  func requestsAndTimeToLive() {
    var job = SampleJobs.pi
    job.driver.coreRequest = "500m"
    let spec = SparkApplicationBuilder(context: SampleJobs.context()).spec(for: job)
    #expect(spec.driver.coreRequest == "500m")
    #expect(spec.driver.coreLimit == "500m")
    #expect(spec.executor.coreRequest == "1")
    #expect(spec.executor.coreLimit == "1")
    #expect(spec.timeToLiveSeconds == SparkJobSpec.defaultTimeToLiveSeconds)
  }

  @Test("overhead factors become Spark settings; retries are not written for Never")
  func factorsAndNever() {
    var job = SampleJobs.pi
    job.executor.memoryOverheadFactor = 0.2
    job.restartPolicy = SparkRestartPolicy(.never, onFailureRetries: 3)
    let spec = SparkApplicationBuilder(context: SampleJobs.context()).spec(for: job)
    #expect(spec.sparkConf.contains(SparkKeyValue("spark.executor.memoryOverheadFactor", "0.2")))
    #expect(spec.node["restartPolicy"].map(YAMLEmitter.emit) == "type: Never\n")
  }

  @Test(
    "the operator generation of a chart version",
    arguments: [("1.1.6", SparkOperatorGeneration.v1), ("1.4.6", .v1), ("2.0.2", .v2), ("2.1.0", .v2)])
  func generation(chart: String, generation: SparkOperatorGeneration) {
    #expect(SparkOperatorGeneration.of(chartVersion: chart) == generation)
  }
}
