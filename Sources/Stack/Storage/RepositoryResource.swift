import AWS
import Engine

/// An ECR repository for one of the stack's images.
public struct RepositoryResource: Resource {
  public static let type = "aws.ecr.repository"

  public let address: Address
  let repository: String
  let tags: [String: String]
  let ownership: Ownership
  let ecr: ECRClient

  public init(name: String, repository: String, ownership: Ownership, ecr: ECRClient) {
    address = Address(Self.type, name)
    self.repository = repository
    self.ownership = ownership
    self.ecr = ecr
    tags = ownership.tags(for: address)
  }

  public var immutableFields: Set<String> { ["name"] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    ["name": .string(repository), "imageTagMutability": "MUTABLE", "tags": .stringMap(tags)]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    let found: ECRRepository
    do {
      guard let first = try await ecr.describeRepositories(names: [repository]).first else { return nil }
      found = first
    } catch  where AWSErrors.isNotFound(error) {
      return nil
    }
    var liveTags: [String: String] = [:]
    if let arn = found.repositoryArn { liveTags = try await ecr.listTagsForResource(arn: arn) }
    guard ownership.owns(liveTags, address: address) else {
      throw StackError(
        .notOwned, "ECR repository \(repository) exists but does not belong to stack \(ownership.prefix)",
        remedy: "set images[].repository to another name")
    }
    return LiveState(
      attributes: [
        "name": .string(found.repositoryName),
        "imageTagMutability": .string(found.imageTagMutability ?? "MUTABLE"),
        "tags": Ownership.liveTags(liveTags),
      ], outputs: Self.outputs(found))
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    if change.action == .update {
      if let arn = change.liveOutputs["arn"]?.stringValue { try await ecr.tagResource(arn: arn, tags: tags) }
      return change.liveOutputs
    }
    return Self.outputs(
      try await ecr.createRepository(name: repository, imageTagMutability: "MUTABLE", tags: tags))
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    // Images are build outputs and can be pushed again; they go with the repository.
    do { _ = try await ecr.deleteRepository(name: repository, force: true) } catch
      where AWSErrors.isNotFound(error)
    {}
  }

  static func outputs(_ repository: ECRRepository) -> Outputs {
    var outputs: Outputs = ["name": .string(repository.repositoryName)]
    if let arn = repository.repositoryArn { outputs["arn"] = .string(arn) }
    if let uri = repository.repositoryUri { outputs["uri"] = .string(uri) }
    return outputs
  }
}
