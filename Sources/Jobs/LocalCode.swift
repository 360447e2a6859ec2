import AWS
import COpenSSL
import Config
import FoundationEssentials
import Kubernetes
import Spark

/// `job submit ./app.py`: local code run as a one-off job. The files are uploaded to the
/// data lake under a prefix named by their content (`eks-spark/code/<hash>/`), so the same
/// code is uploaded once and a run always reads exactly what was submitted, and the
/// application references them by `s3a://` URI (what the operator's removed `sparkctl` did).
public struct LocalCode: Sendable, Equatable {
  public var main: String
  public var pyFiles: [String]
  public var jars: [String]
  public var image: String?
  public var mainClass: String?
  public var conf: [SparkKeyValue]
  public var arguments: [String]
  public var namespace: String
  public var serviceAccount: String?

  public init(
    main: String, pyFiles: [String] = [], jars: [String] = [], image: String? = nil, mainClass: String? = nil,
    conf: [SparkKeyValue] = [], arguments: [String] = [], namespace: String = "default",
    serviceAccount: String? = nil
  ) {
    self.main = main
    self.pyFiles = pyFiles
    self.jars = jars
    self.image = image
    self.mainClass = mainClass
    self.conf = conf
    self.arguments = arguments
    self.namespace = namespace
    self.serviceAccount = serviceAccount
  }

  /// Whether `path` names local code (by its extension) rather than a manifest.
  public static func isCode(_ path: String) -> Bool {
    [".py", ".jar", ".r", ".R"].contains { path.hasSuffix($0) }
  }

  /// The job name runs of this code carry: the main file's name, as Kubernetes names allow.
  public var jobName: String {
    let base = main.split(separator: "/").last.map(String.init) ?? main
    let stem = base.split(separator: ".").dropLast().joined(separator: ".")
    let lowered = (stem.isEmpty ? base : stem).lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    let name = String(lowered).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
    return String((name.isEmpty ? "app" : name).prefix(SparkRunName.maximumJobNameLength))
  }

  public var type: SparkApplicationType {
    if main.hasSuffix(".py") { return .python }
    if main.hasSuffix(".jar") { return .java }
    return .r
  }

  /// The content-addressed folder of these files: SHA-256 over each file's name and bytes.
  static func prefix(_ files: [(name: String, bytes: [UInt8])]) -> String {
    var text: [UInt8] = []
    for file in files {
      text += Array(file.name.utf8) + [0] + sha256(file.bytes) + [0]
    }
    return "eks-spark/code/"
      + sha256(text).prefix(8).map { byte in
        let hex = String(byte, radix: 16)
        return hex.count == 1 ? "0" + hex : hex
      }.joined()
  }

  static func sha256(_ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    bytes.withUnsafeBufferPointer { buffer in _ = SHA256(buffer.baseAddress, buffer.count, &digest) }
    return digest
  }
}

extension JobService {
  /// Uploads the code (each file once: an object already at its content-addressed key is
  /// kept) and returns the SparkApplication of its run.
  public func application(
    for code: LocalCode, suffix: String, read: (String) -> [UInt8]?
  ) async throws -> KubernetesObjectResult {
    guard let image = code.image else {
      throw JobsError(
        .invalidApplication, "local code needs --image: the Spark image to run \(code.main) in",
        remedy: "pass --image <registry>/<repository>:<tag> (an image with Spark and the code's dependencies)"
      )
    }
    var files: [(name: String, bytes: [UInt8])] = []
    for path in [code.main] + code.pyFiles + code.jars {
      guard let bytes = read(path) else {
        throw JobsError(
          .unknownTarget, "cannot read \(path)", remedy: "check the path (relative to the current folder)")
      }
      let name = path.split(separator: "/").last.map(String.init) ?? path
      guard !files.contains(where: { $0.name == name }) else {
        throw JobsError(
          .invalidApplication, "two files are named \(name)",
          remedy: "rename one: they share one folder in the data lake")
      }
      files.append((name, bytes))
    }
    let stack = mapping.stack
    var bucket = stack.dataLake.bucket
    if bucket.contains("${aws.accountId}") {
      let account = try await STSClient(configuration: aws).getCallerIdentity().account
      bucket = bucket.replacing("${aws.accountId}", with: account)
    }
    let prefix = LocalCode.prefix(files)
    let s3 = try S3Client(configuration: aws)
    let uploads = files
    let target = bucket
    try await withThrowingTaskGroup(of: Void.self) { group in
      for file in uploads {
        group.addTask {
          _ = try await s3.putObjectIfAbsent(bucket: target, key: "\(prefix)/\(file.name)", body: file.bytes)
        }
      }
      try await group.waitForAll()
    }
    func uri(_ path: String) -> String {
      "s3a://\(bucket)/\(prefix)/\(path.split(separator: "/").last.map(String.init) ?? path)"
    }
    let account =
      code.serviceAccount ?? stack.serviceAccounts.first { $0.namespace == code.namespace }?.name ?? "default"
    let pod = SparkPodSpec(cores: 1, memory: "1g")
    var executor = pod
    executor.instances = 1
    let spec = SparkJobSpec(
      name: code.jobName, namespace: code.namespace, type: code.type, image: image,
      mainApplicationFile: uri(code.main),
      mainClass: code.mainClass, arguments: code.arguments, sparkVersion: stack.spark.version,
      pythonVersion: code.type == .python ? "3" : nil, sparkConf: code.conf,
      deps: SparkDependencies(jars: code.jars.map(uri), pyFiles: code.pyFiles.map(uri)),
      serviceAccount: account,
      driver: pod, executor: executor)
    let run = try SparkRunName.make(job: code.jobName, suffix: suffix)
    return KubernetesObjectResult(
      application: KubernetesObject(
        SparkApplicationBuilder(context: mapping.context).application(for: spec, runName: run).node),
      uploaded: files.map { uri($0.name) })
  }
}

/// A local-code run's application and the `s3a://` URIs its files were uploaded to.
public struct KubernetesObjectResult: Sendable {
  public var application: KubernetesObject
  public var uploaded: [String]
}
