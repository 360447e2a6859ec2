import Config
import Images

/// One `images[]` entry as the Images module makes it: a native assembly (base + files +
/// config) or a Dockerfile build, with the references only the account settles resolved.
struct ImageRecipe: Sendable {
  enum Build: Sendable {
    case assemble(NativeImageSpec)
    case dockerfile(DockerfileBuild)
  }

  let build: Build

  /// The verb plans show: `assemble` or `build`.
  var verb: String {
    switch build {
    case .assemble: "assemble"
    case .dockerfile: "build"
    }
  }

  /// - Throws: `ImagesError` for a base reference that does not parse once resolved.
  init(_ image: ImageConfig, spark: SparkConfig, baseDirectory: String, references: ApplyTimeReferences)
    throws
  {
    func local(_ path: String) -> String { path.hasPrefix("/") ? path : "\(baseDirectory)/\(path)" }
    if let base = image.base {
      let overrides = ImageOverrides(
        env: image.env.map { (name: $0.key, value: references.resolve($0.value)) }, workingDir: image.workdir,
        user: image.user, entrypoint: image.entrypoint, cmd: image.cmd)
      let resolved = references.resolve(base)
      build = .assemble(
        NativeImageSpec(
          base: resolved == "scratch" ? nil : try ImageReference(parsing: resolved),
          files: image.files.map { FileMapping(source: local($0.key), destination: $0.value) },
          overrides: overrides))
    } else {
      var args = image.effectiveBuildArgs(spark: spark)
      for (name, value) in args { args[name] = references.resolve(value) }
      build = .dockerfile(
        DockerfileBuild(context: local(image.context), dockerfile: image.dockerfile, buildArgs: args))
    }
  }
}

/// The references in an image's base, env and build args that only the account settles:
/// `${aws.accountId}` and `${aws.ecrRegistry}` (the host of GetAuthorizationToken's
/// `proxyEndpoint`, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com`).
public struct ApplyTimeReferences: Sendable, Hashable {
  public var accountID: String
  public var ecrRegistry: String

  public init(accountID: String, ecrRegistry: String) {
    self.accountID = accountID
    self.ecrRegistry = ecrRegistry
  }

  /// `text` with both references replaced.
  public func resolve(_ text: String) -> String {
    guard text.contains("${") else { return text }
    return text.replacing("${aws.accountId}", with: accountID).replacing(
      "${metadata.accountId}", with: accountID
    )
    .replacing("${aws.ecrRegistry}", with: ecrRegistry)
  }
}
