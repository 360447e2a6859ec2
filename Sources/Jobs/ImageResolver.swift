import AWS
import Config

/// Finds a job's image and checks that an ECR image exists.
///
/// `imageRef` jobs resolve here until the stack's image resources record what they pushed:
/// the entry's repository in ECR, at its `tag` when it has one, else the image pushed last,
/// always returned by digest so a run is pinned to the bytes that were checked.
public struct ImageResolver: Sendable {
  public let stack: Config.Stack
  public let ecr: ECRClient

  public init(stack: Config.Stack, ecr: ECRClient) {
    self.stack = stack
    self.ecr = ecr
  }

  /// The image reference a run of `job` uses.
  public func reference(for job: JobConfig) async throws -> String {
    if let image = job.image { return image }
    guard let name = job.imageRef, let entry = stack.images.first(where: { $0.name == name }) else {
      throw JobsError(
        .imageMissing, "job \(job.name) has neither image nor an imageRef of the stack's images",
        remedy: "set image: or imageRef: on the job")
    }
    let repository: ECRRepository
    do {
      guard let found = try await ecr.describeRepositories(names: [entry.repository]).first else {
        throw JobsError(
          .imageMissing, "ECR repository \(entry.repository) of image \(name) does not exist",
          remedy: Self.buildRemedy)
      }
      repository = found
    } catch let error as AWSError where error.code == "RepositoryNotFoundException" {
      throw JobsError(
        .imageMissing, "ECR repository \(entry.repository) of image \(name) does not exist",
        remedy: Self.buildRemedy)
    }
    let images = try await describe(entry.repository, tags: entry.tag.map { [$0] } ?? [])
    guard
      let newest = images.max(by: { ($0.imagePushedAt ?? .distantPast) < ($1.imagePushedAt ?? .distantPast) }
      ),
      let digest = newest.imageDigest, let uri = repository.repositoryUri
    else {
      throw JobsError(
        .imageMissing,
        "image \(name) has not been pushed to \(entry.repository)\(entry.tag.map { " with tag \($0)" } ?? "")",
        remedy: Self.buildRemedy)
    }
    return "\(uri)@\(digest)"
  }

  /// Whether `reference` names an ECR image that exists (nil: not an ECR reference, not
  /// checked). A host that is not spelled `<account>.dkr.ecr.<region>...` is compared with
  /// the account's registry endpoint (registries reached through a private endpoint or a
  /// proxy carry another name).
  public func ecrImageExists(_ reference: String) async throws -> Bool? {
    guard let parsed = ECRImageReference(reference) else { return nil }
    if !parsed.host.contains(".dkr.ecr.") {
      let endpoints = try await ecr.getAuthorizationToken().compactMap(\.proxyEndpoint)
      guard endpoints.contains(where: { Self.host(of: $0) == parsed.host }) else { return nil }
    }
    do {
      let images = try await describe(
        parsed.repository, tags: parsed.tag.map { [$0] } ?? [], digests: parsed.digest.map { [$0] } ?? [])
      return !images.isEmpty
    } catch let error as JobsError where error.code == .imageMissing {
      return false
    }
  }

  /// `https://host:port/` → `host:port`.
  static func host(of endpoint: String) -> String {
    let parts = endpoint.split(separator: "://", maxSplits: 1)
    return String((parts.count == 2 ? parts[1] : parts[0]).prefix { $0 != "/" })
  }

  static let buildRemedy = "run eks-spark apply -f stack.yaml (or eks-spark image build) to build and push it"

  private func describe(_ repository: String, tags: [String] = [], digests: [String] = []) async throws
    -> [ECRImageDetail]
  {
    do {
      return try await ecr.describeImages(repository: repository, tags: tags, digests: digests)
    } catch let error as AWSError
      where error.code == "ImageNotFoundException" || error.code == "RepositoryNotFoundException"
    {
      throw JobsError(.imageMissing, "\(repository): \(error.message)", remedy: Self.buildRemedy)
    }
  }
}

/// `<registry host>/<repository>[:tag][@digest]`; nil for references without a registry
/// host (`apache/spark:3.5.3`, Docker Hub's).
struct ECRImageReference: Equatable {
  var host: String
  var repository: String
  var tag: String?
  var digest: String?

  init?(_ reference: String) {
    guard let slash = reference.firstIndex(of: "/") else { return nil }
    host = String(reference[..<slash])
    guard host.contains(".") || host.contains(":") || host == "localhost" else { return nil }
    var rest = String(reference[reference.index(after: slash)...])
    if let at = rest.firstIndex(of: "@") {
      digest = String(rest[rest.index(after: at)...])
      rest = String(rest[..<at])
    }
    if let colon = rest.lastIndex(of: ":") {
      tag = String(rest[rest.index(after: colon)...])
      rest = String(rest[..<colon])
    }
    repository = rest
    if tag == nil && digest == nil { tag = "latest" }
  }
}
