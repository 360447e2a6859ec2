import Config
import Engine
import Images

/// A job image in its ECR repository, under a tag that is a digest of its inputs.
///
/// `read` hashes the inputs (the Dockerfile and its context, or the base's digest and the
/// files: no build) and asks the registry whether that tag is there; a present tag is the
/// whole image, so it plans nothing and is never rebuilt or pushed. `apply` builds through
/// the external builder or assembles natively, pushes, and outputs the image by digest
/// (`reference`: `<repositoryUri>@sha256:...`) for the jobs that run it. Its images go with
/// the repository's deletion, so it deletes nothing itself.
public struct ImageResource: Resource {
  public static let type = "image"

  public let address: Address
  let image: ImageConfig
  let spark: SparkConfig
  let baseDirectory: String
  let accountID: String
  let repositoryAddress: Address
  let session: RegistrySession

  public init(
    image: ImageConfig, spark: SparkConfig, baseDirectory: String, accountID: String, repository: Address,
    session: RegistrySession
  ) {
    address = Self.address(image.name)
    self.image = image
    self.spark = spark
    self.baseDirectory = baseDirectory
    self.accountID = accountID
    repositoryAddress = repository
    self.session = session
  }

  /// The address of the image called `name` in `images[]`.
  public static func address(_ name: String) -> Address { Address(type, name) }

  /// The pushed image by digest (`<repositoryUri>@sha256:...`), as jobs reference it, or nil
  /// while not known (the image is built in this run).
  public static func reference(_ name: String, in inputs: Inputs) -> String? {
    inputs.string(address(name), "reference")
  }

  public var dependencies: [Address] { [repositoryAddress] }
  /// A failed build or push is not retried: the same inputs fail the same way, and the
  /// builder's output is the error to read.
  public var maxRetries: Int { 0 }

  public func desired(_ inputs: Inputs) -> Attributes? {
    ["repository": .string(image.repository)]
  }

  /// The recipe and its content tag, with the account's registry settled.
  func prepared() async throws -> (recipe: ImageRecipe, tag: String, login: RegistrySession.Login) {
    let login = try await session.ecrLogin()
    let recipe = try ImageRecipe(
      image, spark: spark, baseDirectory: baseDirectory,
      references: ApplyTimeReferences(accountID: accountID, ecrRegistry: login.registry))
    switch recipe.build {
    case .dockerfile(let build):
      return (recipe, try DockerfileImageBuilder.tag(build), login)
    case .assemble(let spec):
      let baseClient = try await baseClient(spec)
      let tag = try await NativeImageBuilder(cache: session.blobCache).inputs(spec, baseClient: baseClient)
        .tag
      return (recipe, tag, login)
    }
  }

  private func baseClient(_ spec: NativeImageSpec) async throws -> RegistryClient? {
    guard let base = spec.base else { return nil }
    return try await session.client(for: base.registry)
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    let live = try await status()
    if live.attributes["pushed"] == .bool(false), live.attributes["build"] == .string("build") {
      // Found before the first write, so a missing builder changes nothing.
      _ = try session.builder(named: nil)
    }
    return live
  }

  /// The content tag, and whether the repository has it (`pushed`; with the digest in the
  /// outputs when it does). Hashing and one manifest HEAD: no build, no builder needed.
  func status() async throws -> LiveState {
    let (recipe, tag, login) = try await prepared()
    let client = try await session.client(for: login.registry)
    let digest = try await client.manifestDigest(image.repository, reference: tag)
    var attributes: Attributes = [
      "repository": .string(image.repository), "tag": .string(tag), "pushed": .bool(digest != nil),
      "build": .string(recipe.verb),
    ]
    if let fixed = image.tag {
      // A fixed tag must name the same manifest as the content tag.
      let current = try await client.manifestDigest(image.repository, reference: fixed)
      attributes["fixedTag"] = .string(fixed)
      attributes["pushed"] = .bool(digest != nil && current == digest)
    }
    if digest == nil {
      // Whether an earlier content tag is there tells "changed" from "never pushed".
      let earlier = try await client.tags(image.repository).contains { $0.hasPrefix("in-") }
      attributes["earlier"] = .bool(earlier)
    }
    let outputs = digest.map {
      Self.outputs(registry: login.registry, repository: image.repository, tag: tag, digest: $0)
    }
    return LiveState(attributes: attributes, outputs: outputs ?? [:])
  }

  /// Nothing when the content tag is there; otherwise a create whose reason says why.
  public func diff(desired: Attributes?, live: LiveState?) -> Change {
    guard let desired else {
      return Change(address: address, action: .noop, before: live?.attributes, after: live?.attributes)
    }
    guard let live else {
      return Change(address: address, action: .create, before: nil, after: desired)
    }
    var after = desired
    after["tag"] = live.attributes["tag"] ?? .unknown
    if live.attributes["pushed"] == .bool(true) {
      return Change(
        address: address, action: .noop, before: live.attributes, after: live.attributes,
        liveOutputs: live.outputs)
    }
    return Change(
      address: address, action: .create, before: live.attributes, after: after, reason: Self.reason(live))
  }

  /// `build: context changed`, `assemble: files or config changed`, or `...: not pushed yet`.
  static func reason(_ live: LiveState) -> String {
    let verb = live.attributes["build"]?.stringValue ?? "build"
    if live.attributes["earlier"] == nil, let fixed = live.attributes["fixedTag"]?.stringValue {
      return "tag: \(fixed) does not name the image with these inputs"
    }
    guard live.attributes["earlier"] == .bool(true) else { return "\(verb): not pushed yet" }
    return verb == "assemble" ? "assemble: base, files or config changed" : "build: context changed"
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let (recipe, _, login) = try await prepared()
    let target = try await session.client(for: login.registry)
    let publication: ImagePublication
    switch recipe.build {
    case .assemble(let spec):
      let baseClient = try await baseClient(spec)
      publication = try await NativeImageBuilder(cache: session.blobCache).publish(
        spec, baseClient: baseClient, to: target, repository: image.repository)
    case .dockerfile(let build):
      let builder = DockerfileImageBuilder(builder: try session.builder(named: nil))
      publication = try await builder.publish(
        build, to: target, repository: image.repository, plainHTTP: login.plainHTTP
      ) { line in context.progress(line) }
    }
    return Self.outputs(
      registry: login.registry, repository: image.repository, tag: publication.tag, digest: publication.digest
    )
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {}

  static func outputs(registry: String, repository: String, tag: String, digest: Digest) -> Outputs {
    let uri = "\(registry)/\(repository)"
    return [
      "repositoryUri": .string(uri), "tag": .string(tag), "digest": .string(digest.description),
      "reference": .string("\(uri)@\(digest)"),
    ]
  }
}
