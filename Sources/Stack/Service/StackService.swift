import AWS
import Config
import Engine
import FoundationEssentials

/// What the commands call: one stack file, the AWS clients for its region, and the steps
/// every writing command takes in the same order — preflight, lock, plan, execute — so a
/// command only parses flags, asks, and prints.
public struct StackService: Sendable {
  /// How a command wants the work done.
  public struct Options: Sendable {
    /// Steps (and reads) in flight at once.
    public var parallelism: Int
    public var clock: any EngineClock

    public init(parallelism: Int = 10, clock: any EngineClock = SystemClock()) {
      self.parallelism = max(1, parallelism)
      self.clock = clock
    }
  }

  public let file: String
  public let stack: Config.Stack
  /// Warnings from validation, to show before anything else.
  public let warnings: [StackProblem]
  public let configuration: AWSConfiguration
  public let clients: AWSClients
  public let s3: S3Client
  public let sts: STSClient
  public let options: Options
  /// Whether the stack file has an `operator:` section: only then is the release part of
  /// the stack.
  public let declaresOperator: Bool
  let environment: [String: String]
  let probe: PublicAddressProbe
  /// The run's ECR login and registry clients, shared by every image.
  public let registry: RegistrySession
  /// The way into the stack's cluster, resolved once per run and shared by every
  /// Kubernetes read and write.
  public let clusterAccess: ClusterAccess

  /// Loads and validates `file` and makes the AWS clients for the stack's region.
  /// - Throws: `ConfigError` for an invalid stack, `StackError`/`AWSError` for settings
  ///   that contradict it.
  public init(
    file: String, settings: AWSSettings, environment: [String: String], options: Options = Options(),
    fetch: PublicAddressProbe.Fetch? = nil
  ) throws {
    let loaded = try StackLoader().load(path: file)
    try self.init(
      file: file, loaded: loaded, settings: settings, environment: environment, options: options, fetch: fetch
    )
  }

  /// A service for a stack already loaded.
  public init(
    file: String, loaded: LoadedStack, settings: AWSSettings, environment: [String: String],
    options: Options = Options(), fetch: PublicAddressProbe.Fetch? = nil
  ) throws {
    let stack = loaded.stack
    if let region = settings.region, region != stack.metadata.region {
      throw StackError(
        .regionMismatch,
        "--region \(region) differs from the stack's metadata.region \(stack.metadata.region)",
        remedy: "drop --region (the stack file says where it lives) or change metadata.region")
    }
    var settings = settings
    settings.region = stack.metadata.region
    // Apply makes a few hundred calls; three attempts lose one now and then to throttling,
    // so the default is higher (AWS_MAX_ATTEMPTS and the profile's max_attempts still win).
    let configuration = AWSConfiguration(
      settings: settings, environment: environment, retry: RetryPolicy(defaultMaxAttempts: 10))
    self.file = file
    self.stack = stack
    self.warnings = loaded.warnings
    self.configuration = configuration
    self.clients = try AWSClients(configuration: configuration)
    self.s3 = clients.s3
    self.sts = try STSClient(configuration: configuration)
    self.options = options
    self.declaresOperator = loaded.sourceMap.isExplicit("operator")
    self.environment = environment
    self.probe = PublicAddressProbe(fetch: fetch, environment: environment)
    self.registry = RegistrySession(
      ecr: clients.ecr, cacheDirectory: RegistrySession.defaultCacheDirectory(environment: environment),
      environment: environment)
    self.clusterAccess = ClusterAccess(
      cluster: Address(ClusterResource.type, "main"), clusterName: stack.cluster.name, aws: configuration,
      environment: environment)
  }

  /// `EKS_SPARK_POLL_FLOOR` (seconds): the least time between two polls of a long create,
  /// in place of the AWS waiters' cadence (an endpoint that answers faster than AWS, such
  /// as the sandbox); nil when unset or not a positive number.
  var pollFloor: Duration? {
    guard let text = environment["EKS_SPARK_POLL_FLOOR"], let seconds = Double(text), seconds > 0 else {
      return nil
    }
    return .milliseconds(Int64(seconds * 1000))
  }

  /// The stack's identity and ownership marks.
  public var ownership: Ownership {
    Ownership(
      prefix: stack.metadata.prefix,
      extraTags: Dictionary(
        stack.metadata.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
  }

  /// Credentials, account, zones, the caller's address: before any write.
  public func preflight() async throws -> PreflightReport {
    try await StackPreflight(sts: sts, ec2: clients.ec2, publicAddress: probe).run(stack)
  }

  /// The resource graph for the account and zones preflight found, cut down to `targets`
  /// and what they need when targets are given.
  /// A destroy graph leaves the images out: they go with their repositories.
  public func graph(
    _ preflight: PreflightReport, targets: [String] = [], deleteData: Bool = false,
    mode: Planner.Mode = .apply, adopt: Bool = false
  ) async throws -> ResourceGraph {
    try graph(
      preflight, targets: targets, deleteData: deleteData, mode: mode, adopt: adopt,
      release: try await operatorRelease())
  }

  /// The graph with the operator release already prepared (`operatorRelease()`, which can
  /// run while preflight does).
  public func graph(
    _ preflight: PreflightReport, targets: [String] = [], deleteData: Bool = false,
    mode: Planner.Mode = .apply, adopt: Bool = false, release: OperatorRelease?
  ) throws -> ResourceGraph {
    let built = try stackGraph(
      preflight, deleteData: deleteData, adopt: adopt, images: mode == .apply, release: release)
    let graph = try ResourceGraph(built.resources)
    return targets.isEmpty ? graph : try graph.subgraph(targets: targets)
  }

  /// The address of the EKS cluster, for `cluster create`.
  public func clusterTargets(_ preflight: PreflightReport) throws -> [String] {
    let built = try stackGraph(preflight)
    let graph = try ResourceGraph(built.resources)
    // The cluster and everything that hangs on it directly: Fargate profiles.
    let profiles = graph.order.filter { $0.type == FargateProfileResource.type }
    return ([built.cluster] + profiles).map(\.description)
  }

  /// The stack's graph with what only the account settles filled in (`${aws.accountId}`
  /// in the bucket name).
  public func stackGraph(
    _ preflight: PreflightReport, deleteData: Bool = false, adopt: Bool = false, images: Bool = true,
    release: OperatorRelease? = nil
  ) throws -> StackGraph {
    var resolved = stack
    resolved.dataLake.bucket = stack.dataLake.bucket.replacing("${aws.accountId}", with: preflight.account)
    return try StackGraph(
      stack: resolved, accountID: preflight.account, zones: preflight.zones, clients: clients,
      baseDirectory: StackLoader.directory(of: file), deleteData: deleteData, adopt: adopt,
      pollFloor: pollFloor, images: images ? registry : nil, clusterAccess: clusterAccess, release: release)
  }

  /// Reads live state and diffs (`plan`, and `apply` before it asks). Owned network
  /// resources, Fargate profiles and roles the stack file no longer describes are found by tag and planned for
  /// deletion (not in a targeted run).
  public func plan(_ graph: ResourceGraph, mode: Planner.Mode = .apply, targeted: Bool = false) async throws
    -> Plan
  {
    let owned: [any OwnedResourceSource] =
      targeted
      ? []
      : [
        NetworkOrphans(ownership: ownership, ec2: clients.ec2),
        ServiceOrphans(
          ownership: ownership, clusterName: stack.cluster.name,
          cluster: Address(ClusterResource.type, "main"), eks: clients.eks, iam: clients.iam),
        KubernetesOrphans(
          namespaces: stack.serviceAccounts.map(\.namespace),
          ownership: KubernetesOwnership(prefix: stack.metadata.prefix),
          access: clusterAccess),
      ]
        + (stack.access.authenticationMode == .accessEntries
          ? [
            AccessEntryOrphans(
              clusterName: stack.cluster.name, cluster: clusterAccess.cluster, ownership: ownership,
              eks: clients.eks)
          ] : [])
    // Reads are cheap Describe/Get calls found by tag or name: four times as many go out at
    // once as changes run, so a whole stack's reads fit in one wave (plan's round-trip
    // depth is then the longest read's chain, not the number of waves).
    return try await Planner(parallelism: options.parallelism * 4, clock: options.clock).plan(
      graph, owned: owned, mode: mode)
  }

  /// Starts executing `plan`: the progress events as a stream, and the task whose value is
  /// the report (cancelling it interrupts waiters too).
  public func start(_ plan: Plan, cancellation: CancellationSignal? = nil)
    -> (events: AsyncStream<ProgressEvent>, report: Task<ApplyReport, Never>)
  {
    Executor(parallelism: options.parallelism, clock: options.clock, cancellation: cancellation).start(plan)
  }

  /// The lock of this stack, in the account preflight found.
  public func lock(
    _ preflight: PreflightReport, isHolderGone: @escaping @Sendable (LockRecord) -> Bool = { _ in false }
  )
    -> StateBucketLock
  {
    StateBucketLock(
      prefix: stack.metadata.prefix, accountID: preflight.account, region: stack.metadata.region,
      ownership: ownership, s3: s3, isHolderGone: isHolderGone)
  }

  /// Refuses replacements of resources that cannot be replaced without an outage (the
  /// cluster) unless the user said `--allow-replace`.
  public func checkReplacements(_ plan: Plan, allowed: Bool) throws {
    guard !allowed else { return }
    let refused = plan.replacements.filter { $0.address.type == ClusterResource.type }
    guard let first = refused.first else { return }
    throw StackError(
      .replacementRefused,
      "the plan replaces \(first.address) (\(first.reason ?? first.replacingFields.joined(separator: ", "))): the cluster and every workload on it would be deleted and made again",
      remedy: "if that is what you want, run again with --allow-replace")
  }
}
