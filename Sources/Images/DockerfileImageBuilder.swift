/// Dockerfile images through an external builder, tagged with a digest of their inputs so
/// an unchanged context is never rebuilt or pushed.
public struct DockerfileImageBuilder: Sendable {
  public var builder: ExternalBuilder

  public init(builder: ExternalBuilder) { self.builder = builder }

  /// The content tag of `build`: the Dockerfile, the context after `.dockerignore`, the args.
  public static func tag(_ build: DockerfileBuild) throws -> String {
    let path = "\(build.context)/\(build.dockerfile)"
    guard LocalFiles.status(build.context)?.kind == .directory else {
      throw ImagesError(
        .file, "the build context \(build.context) does not exist", remedy: "check the image's context: path")
    }
    guard LocalFiles.status(path) != nil else {
      throw ImagesError(
        .file, "the build context \(build.context) has no \(build.dockerfile)",
        remedy: "add it, or set dockerfile: to its path in the context")
    }
    let inputs = ContentTag.dockerfile(
      try LocalFiles.read(path), context: try BuildContext.files(in: build.context),
      buildArgs: build.buildArgs,
      platform: build.platform)
    return ContentTag.tag(for: inputs)
  }

  /// Builds and pushes `build` to `repository` under its content tag, unless it is there.
  public func publish(
    _ build: DockerfileBuild, to target: RegistryClient, repository: String, plainHTTP: Bool = false,
    output: @escaping @Sendable (String) -> Void
  ) async throws -> ImagePublication {
    let tag = try Self.tag(build)
    if let existing = try await target.manifestDigest(repository, reference: tag) {
      return ImagePublication(tag: tag, digest: existing, pushed: false, report: PushReport())
    }
    let reference = "\(target.registry)/\(repository):\(tag)"
    try await builder.buildAndPush(
      build, reference: reference, registry: target.registry, credentials: target.credentials,
      plainHTTP: plainHTTP,
      output: output)
    guard let digest = try await target.manifestDigest(repository, reference: tag) else {
      throw ImagesError(
        .registry,
        "\(builder.kind.rawValue) reported a push of \(reference), but the registry does not have it",
        remedy: "check the builder's output and the registry")
    }
    var report = PushReport()
    report.digest = digest
    report.manifestPushed = true
    return ImagePublication(tag: tag, digest: digest, pushed: true, report: report)
  }
}
