import AWS
import Config
import FoundationEssentials
import Kubernetes
import Spark
import YAML

/// What the `job` commands call: runs of the stack's jobs (and of SparkApplication files)
/// on the stack's cluster — submit with a preflight, follow, list, read, delete.
public struct JobService: Sendable {
  /// The clock and the pauses between reads while following a run (injected for tests).
  public struct Timing: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Between two reads of a followed run.
    public var pollInterval: Duration

    public init(
      now: @escaping @Sendable () -> Date = { Date() },
      sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
      pollInterval: Duration = .milliseconds(500)
    ) {
      self.now = now
      self.sleep = sleep
      self.pollInterval = pollInterval
    }
  }

  public static let sparkApplication = GroupVersionKind(
    group: "sparkoperator.k8s.io", version: "v1beta2", kind: "SparkApplication")
  public static let scheduledSparkApplication = GroupVersionKind(
    group: "sparkoperator.k8s.io", version: "v1beta2", kind: "ScheduledSparkApplication")
  /// The operator labels every pod of a run with the run's name.
  public static let appNameLabel = "sparkoperator.k8s.io/app-name"

  public let mapping: JobSpecMapping
  public let aws: AWSConfiguration
  public let client: KubernetesClient
  public let timing: Timing

  public init(
    mapping: JobSpecMapping, aws: AWSConfiguration, client: KubernetesClient, timing: Timing = Timing()
  ) {
    self.mapping = mapping
    self.aws = aws
    self.client = client
    self.timing = timing
  }

  /// A service connected to the stack's cluster: DescribeCluster's endpoint (or the
  /// environment's server override) and an EKS token of the caller's identity.
  public static func connect(
    stack: Config.Stack, aws: AWSConfiguration, environment: [String: String], timing: Timing = Timing()
  ) async throws -> JobService {
    let connection = try await EKSConnectionResolver(aws: aws).connection(
      clusterName: stack.cluster.name, override: try KubernetesServerOverride.fromEnvironment(environment))
    let client = KubernetesClient(connection: connection, environment: environment)
    return JobService(mapping: JobSpecMapping(stack: stack), aws: aws, client: client, timing: timing)
  }

  /// The SparkApplication a submit of `target` creates, named `<job>-<suffix>`.
  public func application(
    for target: JobTarget, overrides: JobOverrides, suffix: String, imageResolver: ImageResolver
  ) async throws -> KubernetesObject {
    switch target {
    case .stackJob(let job):
      let image = try await imageResolver.reference(for: job)
      let spec = try overrides.applied(to: mapping.spec(for: job, image: image))
      let runName = try SparkRunName.make(job: job.name, suffix: suffix)
      return KubernetesObject(
        SparkApplicationBuilder(context: mapping.context).application(for: spec, runName: runName).node)
    case .applicationFile(let path, var object):
      guard overrides.isEmpty else {
        throw JobsError(
          .invalidOverride, "--set changes stack jobs only, and \(path) is a SparkApplication file",
          remedy: "edit the file, or submit the stack's job")
      }
      let job = object.name
      var metadata = object.metadata
      metadata.tree.set(.string(try SparkRunName.make(job: job, suffix: suffix)), at: ["name"])
      if metadata.namespace == nil { metadata.tree.set(.string("default"), at: ["namespace"]) }
      for label in mapping.ownershipLabels + [SparkKeyValue(SparkApplicationBuilder.jobLabel, job)] {
        metadata.tree.set(.string(label.value), at: ["labels", label.key])
      }
      for path in [["resourceVersion"], ["uid"], ["creationTimestamp"], ["generation"]] {
        metadata.tree.set(nil, at: path)
      }
      object.metadata = metadata
      object.tree.set(nil, at: ["status"])
      return object
    case .localCode(let path):
      throw JobsError(
        .invalidApplication, "\(path) is local code: it is uploaded first",
        remedy: "call application(for: LocalCode, ...)")
    }
  }

  /// Creates the run after the preflight found every piece it needs.
  public func submit(_ application: KubernetesObject, imageResolver: ImageResolver) async throws
    -> SubmittedRun
  {
    try await JobPreflight(client: client, imageResolver: imageResolver).check(application)
    let created = try await client.create(application)
    return SubmittedRun(
      run: created.name, namespace: created.namespace ?? "default",
      job: created.metadata.labels[SparkApplicationBuilder.jobLabel] ?? created.name)
  }

  /// The namespace a run lives in when the caller names none: its job's, else `default`.
  public func namespace(ofRun run: String) -> String {
    guard let dash = run.lastIndex(of: "-") else { return "default" }
    return mapping.job(named: String(run[..<dash]))?.namespace ?? "default"
  }
}

/// What `job submit` prints: the run's name (the one thing a script needs next).
public struct SubmittedRun: Sendable, Equatable, Encodable {
  public var run: String
  public var namespace: String
  public var job: String
}
