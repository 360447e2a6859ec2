import AWS
import Foundation
import HTTP
import Testing

/// A stack of its own for one test: a unique prefix, a stack file in a temporary folder,
/// the eks-spark binary run as a user would, and counts of what carries the stack's tag.
struct StackFixture {
  let prefix: String
  let directory: URL
  var allowedCidrs = ["203.0.113.0/24"]
  /// `access.adminArns`.
  var adminArns: [String] = []
  /// `access.authenticationMode`.
  var authenticationMode = "aws-auth"
  /// Where the service account `spark` lives: a namespace of the stack's own by default,
  /// so stacks that follow each other on the sandbox's one cluster never share objects.
  var serviceAccountNamespace: String
  /// Whether a Fargate profile selects the service account's namespace.
  var selectsServiceAccountNamespace = true

  init(_ name: String) throws {
    prefix = Sandbox.unique(name)
    serviceAccountNamespace = "ns-\(prefix)"
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(prefix)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try write()
  }

  var file: String { directory.appendingPathComponent("stack.yaml").path }
  /// The sandbox's one cluster: its Kubernetes API (the emulator) answers for that name only.
  var clusterName: String { Self.sandboxClusterName }
  static var sandboxClusterName: String { Sandbox.environment["SANDBOX_CLUSTER_NAME"] ?? "spark-eks-cluster" }
  var bucket: String { "\(prefix)-data-lake-123456789012" }
  var stateBucket: String { "\(prefix)-eks-spark-state-123456789012" }

  /// Writes the stack file: two zones, one NAT gateway, two Fargate profiles, a service
  /// account with read/write access to the retained data lake.
  func write() throws {
    let text = """
      apiVersion: eks-spark.io/v1alpha1
      kind: Stack
      metadata:
        prefix: \(prefix)
        region: eu-west-1
      access:
        allowedCidrs: [\(allowedCidrs.joined(separator: ", "))]
        adminArns: [\(adminArns.joined(separator: ", "))]
        authenticationMode: \(authenticationMode)
      network:
        cidr: 10.40.0.0/16
        availabilityZones: 2
        natGateways: 1
      cluster:
        name: \(clusterName)
        fargateProfiles:
          - name: default
            selectors:
              - namespace: default
              - namespace: kube-system\(extraSelector)
          - name: spark-operator
            selectors:
              - namespace: spark-operator
      serviceAccounts:
        - name: spark
          namespace: \(serviceAccountNamespace)
          dataLakeAccess: readwrite
      dataLake:
        retainOnDestroy: true

      """
    try text.write(toFile: file, atomically: true, encoding: .utf8)
  }

  private var extraSelector: String {
    guard selectsServiceAccountNamespace, serviceAccountNamespace != "default" else { return "" }
    return "\n        - namespace: \(serviceAccountNamespace)"
  }

  /// Deletes the sandbox's cluster (Fargate profiles first, one at a time, as EKS wants)
  /// when a test before left it, so every stack test starts from nothing.
  static func releaseSandboxCluster() async throws {
    let eks = try EKSClient(configuration: Sandbox.configuration())
    let name = sandboxClusterName
    guard try await eks.listClusters().contains(name) else { return }
    for profile in try await eks.listFargateProfiles(clusterName: name) {
      _ = try? await eks.deleteFargateProfile(clusterName: name, name: profile)
      while try await eks.listFargateProfiles(clusterName: name).contains(profile) {
        try await Task.sleep(for: .milliseconds(100))
      }
    }
    _ = try await eks.deleteCluster(name: name)
    while try await eks.listClusters().contains(name) { try await Task.sleep(for: .milliseconds(100)) }
  }

  /// The binary: `EKS_SPARK_BIN`, else the debug build next to the test bundle.
  static var binary: String {
    if let path = Sandbox.environment["EKS_SPARK_BIN"], !path.isEmpty { return path }
    let tests = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
    var folder = tests.deletingLastPathComponent()
    while folder.path != "/"
      && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("eks-spark").path)
    {
      folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("eks-spark").path
  }

  struct Outcome {
    var status: Int32
    var killed: Bool
    var stdout: String
    var stderr: String
  }

  /// Starts `eks-spark <arguments> -f <file>`.
  func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = arguments + ["-f", file]
    var env = Sandbox.environment
    // Poll long creates at the sandbox's pace, not at the AWS waiters' 10-30 s.
    if env["EKS_SPARK_POLL_FLOOR"] == nil { env["EKS_SPARK_POLL_FLOOR"] = "0.1" }
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, out, err)
  }

  /// Runs to the end.
  @discardableResult
  func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
    let (process, out, err) = try start(arguments, environment: environment)
    return await finish(process, out, err)
  }

  func finish(_ process: Process, _ out: Pipe, _ err: Pipe) async -> Outcome {
    async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
    async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
    let (o, e) = await (stdout, stderr)
    while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    return Outcome(
      status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  /// Applies with --auto-approve and expects success.
  func apply(_ extra: [String] = []) async throws {
    let outcome = try await run(["apply", "--auto-approve"] + extra)
    #expect(outcome.status == 0, "apply failed: \(outcome.stderr)\n\(outcome.stdout.suffix(3000))")
  }

  /// `plan -o json --detailed-exitcode`: the exit status and the summary counts.
  func plan() async throws -> (status: Int32, add: Int, change: Int, destroy: Int, json: [String: Any]) {
    let outcome = try await run(["plan", "-o", "json", "--detailed-exitcode"])
    let object = (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) as? [String: Any] ?? [:]
    let summary = object["summary"] as? [String: Any] ?? [:]
    return (
      outcome.status, summary["add"] as? Int ?? -1, summary["change"] as? Int ?? -1,
      summary["destroy"] as? Int ?? -1, object
    )
  }

  /// How many live resources of each kind carry this stack's tag (or its names).
  func inventory() async throws -> [String: Int] {
    let configuration = Sandbox.configuration()
    let ec2 = try EC2Client(configuration: configuration)
    let iam = try IAMClient(configuration: configuration)
    let eks = try EKSClient(configuration: configuration)
    let s3 = try S3Client(configuration: configuration)
    let filters = ["tag:eks-spark.io/stack": [prefix]]
    var counts: [String: Int] = [:]
    counts["vpc"] = try await ec2.describeVPCs(filters: filters).count
    counts["subnet"] = try await ec2.describeSubnets(filters: filters).count
    counts["internetGateway"] = try await ec2.describeInternetGateways(filters: filters).count
    counts["natGateway"] = try await ec2.describeNATGateways(filters: filters).filter {
      !["deleted", "deleting"].contains($0.state)
    }.count
    counts["eip"] = try await ec2.describeAddresses(filters: filters).count
    counts["routeTable"] = try await ec2.describeRouteTables(filters: filters).count
    counts["role"] = try await iam.listRoles().filter { $0.name.hasPrefix(prefix + "-") }.count
    counts["cluster"] = try await eks.listClusters().filter { $0 == clusterName }.count
    counts["fargateProfile"] =
      counts["cluster"] == 1 ? try await eks.listFargateProfiles(clusterName: clusterName).count : 0
    counts["bucket"] = try await s3.headBucket(name: bucket) ? 1 : 0
    counts["stateBucket"] = try await s3.headBucket(name: stateBucket) ? 1 : 0
    return counts.filter { $0.value > 0 }
  }

  /// What a full apply of the fixture leaves.
  static let applied: [String: Int] = [
    "vpc": 1, "subnet": 4, "internetGateway": 1, "natGateway": 1, "eip": 1, "routeTable": 2, "role": 3,
    "cluster": 1, "fargateProfile": 2, "bucket": 1, "stateBucket": 1,
  ]
}

/// The sandbox's request log.
enum RequestLog {
  struct Entry {
    var seq: Int
    var service: String
    var operation: String
    var status: Int
    var path: String

    /// A write to one of the stack's resources (not to the lock in the state bucket).
    var isResourceWrite: Bool {
      RequestLog.isMutating(operation) && !path.contains("-eks-spark-state-")
    }
  }

  /// Entries after `since`.
  static func entries(since: Int) async throws -> [Entry] {
    let response = try await Sandbox.control(.get, "/requests?since=\(since)")
    let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    return (object["requests"] as? [[String: Any]] ?? []).map {
      Entry(
        seq: $0["seq"] as? Int ?? 0, service: $0["service"] as? String ?? "",
        operation: $0["operation"] as? String ?? "", status: $0["status"] as? Int ?? 0,
        path: $0["path"] as? String ?? "")
    }
  }

  /// The sequence number of the last request so far.
  static func last() async throws -> Int {
    let response = try await Sandbox.control(.get, "/requests?since=1000000000")
    let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    return object["count"] as? Int ?? 0
  }

  /// Whether an operation changes something (anything but reads).
  static func isMutating(_ operation: String) -> Bool {
    !["Describe", "Get", "List", "Head"].contains { operation.hasPrefix($0) }
  }
}
