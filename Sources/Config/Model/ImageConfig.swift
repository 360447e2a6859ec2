/// `images[]` — a container image pushed to ECR: built from a Dockerfile in a local folder
/// by an external builder, or, with `base`, assembled natively from a base image and files.
public struct ImageConfig: Sendable, Equatable {
  public var name: String
  /// The build context folder, relative to the stack file (Dockerfile builds).
  public var context: String
  /// The Dockerfile, relative to the context.
  public var dockerfile: String
  public var buildArgs: [KeyValue]
  /// The ECR repository name (`<prefix>/<name>` by default).
  public var repository: String
  /// A fixed tag, or nil to tag with a digest of the image's inputs.
  public var tag: String?
  /// The base image reference; set, the image is assembled natively with no builder.
  public var base: String?
  /// Local paths (relative to the stack file) → absolute paths in the image, in file order.
  public var files: [KeyValue]
  /// Set or replaced in the base's environment.
  public var env: [KeyValue]
  public var workdir: String?
  public var user: String?
  public var entrypoint: [String]?
  public var cmd: [String]?

  public init(
    name: String, context: String, dockerfile: String = "Dockerfile", buildArgs: [KeyValue] = [],
    repository: String, tag: String? = nil, base: String? = nil, files: [KeyValue] = [], env: [KeyValue] = [],
    workdir: String? = nil, user: String? = nil, entrypoint: [String]? = nil, cmd: [String]? = nil
  ) {
    self.name = name
    self.context = context
    self.dockerfile = dockerfile
    self.buildArgs = buildArgs
    self.repository = repository
    self.tag = tag
    self.base = base
    self.files = files
    self.env = env
    self.workdir = workdir
    self.user = user
    self.entrypoint = entrypoint
    self.cmd = cmd
  }

  /// Whether the image is assembled from `base` and `files` rather than built.
  public var isAssembled: Bool { base != nil }

  /// The build args of a Dockerfile build: the stack's Spark versions (`SPARK_VERSION`,
  /// `HADOOP_VERSION`, `AWS_SDK_BUNDLE_VERSION`) under the image's own `buildArgs`.
  public func effectiveBuildArgs(spark: SparkConfig) -> [String: String] {
    var args = [
      "SPARK_VERSION": spark.version, "HADOOP_VERSION": spark.hadoopVersion,
      "AWS_SDK_BUNDLE_VERSION": spark.awsSdkBundleVersion,
    ]
    for pair in buildArgs { args[pair.key] = pair.value }
    return args
  }
}
