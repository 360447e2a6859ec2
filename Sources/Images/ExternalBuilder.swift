import FoundationEssentials

/// A Dockerfile build: the context folder, the Dockerfile in it, and the build args.
public struct DockerfileBuild: Sendable, Hashable {
  /// An absolute path.
  public var context: String
  /// Relative to the context.
  public var dockerfile: String
  public var buildArgs: [String: String]
  public var platform: Platform

  public init(
    context: String, dockerfile: String = "Dockerfile", buildArgs: [String: String] = [:],
    platform: Platform = .linuxAMD64
  ) {
    self.context = context
    self.dockerfile = dockerfile
    self.buildArgs = buildArgs
    self.platform = platform
  }

  /// The stack's Spark versions under the image's own build args (the image's win).
  public static func mergedArgs(stack: [String: String], image: [(name: String, value: String)]) -> [String:
    String]
  {
    var merged = stack
    for (name, value) in image { merged[name] = value }
    return merged
  }
}

/// An external image builder: `buildah` (daemonless, `--isolation chroot`, vfs storage
/// under a cache folder), `docker` or `podman`.
public struct ExternalBuilder: Sendable {
  public enum Kind: String, Sendable, CaseIterable { case buildah, podman, docker }

  public var kind: Kind
  public var executable: String
  public var runner: ProcessRunner
  /// buildah's storage and everything the builder is handed (auth file) live here.
  public var workDirectory: String
  /// The last lines of output kept for a failure's message.
  public var tailLines = 30

  public init(kind: Kind, executable: String, runner: ProcessRunner, workDirectory: String) {
    self.kind = kind
    self.executable = executable
    self.runner = runner
    self.workDirectory = workDirectory
  }

  /// The named builder, or the first of buildah, podman, docker on `PATH`.
  public static func locate(named name: String?, runner: ProcessRunner, workDirectory: String) throws
    -> ExternalBuilder
  {
    let candidates = name.map { named in [named] } ?? Kind.allCases.map(\.rawValue)
    for candidate in candidates {
      guard let path = runner.find(candidate) else { continue }
      let base = String(candidate.split(separator: "/").last ?? "")
      guard let kind = Kind(rawValue: base) else {
        throw ImagesError(
          .builderMissing, "\(candidate) is not a builder eks-spark knows",
          remedy: "name buildah, podman or docker")
      }
      return ExternalBuilder(kind: kind, executable: path, runner: runner, workDirectory: workDirectory)
    }
    let what =
      name.map { "the builder \($0) is not installed" }
      ?? "no image builder (buildah, podman or docker) is on PATH"
    throw ImagesError(
      .builderMissing, "\(what), and this image is built from a Dockerfile",
      remedy:
        "install buildah (apt-get install buildah: no daemon needed), or give the image a base: and files: to assemble it without a builder"
    )
  }

  var globalArguments: [String] {
    kind == .buildah
      ? [
        "--root", "\(workDirectory)/storage", "--runroot", "\(workDirectory)/run", "--storage-driver", "vfs",
      ] : []
  }

  /// The build command's arguments.
  /// `authFile` true passes the login eks-spark wrote; false leaves the builder's own.
  public func buildArguments(
    _ build: DockerfileBuild, reference: String, plainHTTP: Bool, authFile useAuth: Bool = true
  )
    -> [String]
  {
    var arguments = globalArguments
    arguments += kind == .buildah ? ["bud", "--isolation", "chroot"] : ["build"]
    arguments += [
      "--platform", build.platform.description, "-f", "\(build.context)/\(build.dockerfile)", "-t", reference,
    ]
    if kind != .docker {
      if useAuth { arguments += ["--authfile", authFile] }
      if plainHTTP { arguments.append("--tls-verify=false") }
    }
    for name in build.buildArgs.keys.sorted() {
      arguments += ["--build-arg", "\(name)=\(build.buildArgs[name]!)"]
    }
    return arguments + [build.context]
  }

  /// The push command's arguments.
  public func pushArguments(reference: String, plainHTTP: Bool, authFile useAuth: Bool = true) -> [String] {
    var arguments = globalArguments + ["push"]
    if kind != .docker {
      if useAuth { arguments += ["--authfile", authFile] }
      if plainHTTP { arguments.append("--tls-verify=false") }
      return arguments + [reference, "docker://\(reference)"]
    }
    return arguments + [reference]
  }

  var authFile: String { "\(workDirectory)/auth.json" }

  /// Builds and pushes `reference`, streaming the builder's lines to `output`.
  public func buildAndPush(
    _ build: DockerfileBuild, reference: String, registry: String, credentials: RegistryCredentials,
    plainHTTP: Bool,
    output: @escaping @Sendable (String) -> Void
  ) async throws {
    guard LocalFiles.status(build.context)?.kind == .directory else {
      throw ImagesError(
        .file, "the build context \(build.context) does not exist", remedy: "check the image's context: path")
    }
    guard LocalFiles.status("\(build.context)/\(build.dockerfile)") != nil else {
      throw ImagesError(
        .file, "the build context \(build.context) has no \(build.dockerfile)",
        remedy: "add it, or set dockerfile: to its path in the context")
    }
    try LocalFiles.makeDirectories(workDirectory)
    // Anonymous pushes keep the builder's own logins (a private FROM may need them).
    let useAuth = credentials != .anonymous
    if useAuth { try writeAuth(registry: registry, credentials: credentials) }
    var runner = runner
    if kind == .docker, useAuth { runner.environment["DOCKER_CONFIG"] = workDirectory }
    try await run(
      runner, buildArguments(build, reference: reference, plainHTTP: plainHTTP, authFile: useAuth),
      step: "build", output: output
    )
    try await run(
      runner, pushArguments(reference: reference, plainHTTP: plainHTTP, authFile: useAuth), step: "push",
      output: output)
  }

  private func run(
    _ runner: ProcessRunner, _ arguments: [String], step: String, output: @escaping @Sendable (String) -> Void
  )
    async throws
  {
    let tail = OutputTail(limit: tailLines)
    let status = try await runner.run(executable, arguments) { line in
      tail.append(line)
      output(line)
    }
    guard status == 0 else {
      let lines = tail.lines
      throw ImagesError(
        .buildFailed,
        "\(kind.rawValue) \(step) failed with exit status \(status)"
          + (lines.isEmpty ? "" : ":\n" + lines.joined(separator: "\n")),
        remedy: "fix the step the output above names, then run again")
    }
  }

  /// `auth.json` (Docker's config.json shape), written 0600 so no password is on a command line.
  private func writeAuth(registry: String, credentials: RegistryCredentials) throws {
    guard case .basic(let username, let password) = credentials else { return }
    let token = Data("\(username):\(password)".utf8).base64EncodedString()
    let auths = "{\"\(registry)\":{\"auth\":\"\(token)\"}}"
    let path = kind == .docker ? "\(workDirectory)/config.json" : authFile
    try LocalFiles.write(Array("{\"auths\":\(auths)}\n".utf8), to: path, mode: 0o600)
  }
}
