import FoundationEssentials

/// An ECR repository.
public struct ECRRepository: Codable, Sendable, Hashable {
  public var repositoryName: String
  public var repositoryArn: String?
  public var registryId: String?
  /// `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, what images are pushed to.
  public var repositoryUri: String?
  public var createdAt: Date?
  public var imageTagMutability: String?
}

/// A registry login: `authorizationToken` is base64 of `AWS:<password>`.
public struct ECRAuthorization: Codable, Sendable, Hashable {
  public var authorizationToken: String
  public var expiresAt: Date?
  public var proxyEndpoint: String?
}

/// Amazon ECR: repositories for job images and registry logins.
public struct ECRClient: Sendable {
  public let client: AWSClient

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .ecr, configuration: configuration)
  }

  struct Tag: Codable { var Key: String; var Value: String }

  static func tagList(_ tags: [String: String]) -> [Tag] {
    tags.keys.sorted().map { Tag(Key: $0, Value: tags[$0]!) }
  }

  public func createRepository(
    name: String, imageTagMutability: String? = nil, scanOnPush: Bool? = nil, tags: [String: String] = [:]
  ) async throws -> ECRRepository {
    struct Scan: Encodable { var scanOnPush: Bool }
    struct Input: Encodable {
      var repositoryName: String
      var imageTagMutability: String?
      var imageScanningConfiguration: Scan?
      var tags: [Tag]?
    }
    struct Output: Decodable { var repository: ECRRepository }
    let input = Input(
      repositoryName: name, imageTagMutability: imageTagMutability,
      imageScanningConfiguration: scanOnPush.map(Scan.init), tags: tags.isEmpty ? nil : Self.tagList(tags))
    return try await client.json("CreateRepository", input, as: Output.self).repository
  }

  /// The named repositories, or every repository when `names` is empty.
  public func describeRepositories(names: [String] = []) async throws -> [ECRRepository] {
    struct Input: Encodable {
      var repositoryNames: [String]?
      var nextToken: String?
    }
    struct Output: Decodable {
      var repositories: [ECRRepository]?
      var nextToken: String?
    }
    var all: [ECRRepository] = []
    var token: String?
    repeat {
      let page = try await client.json(
        "DescribeRepositories", Input(repositoryNames: names.isEmpty ? nil : names, nextToken: token),
        as: Output.self)
      all += page.repositories ?? []
      token = page.nextToken
    } while token != nil
    return all
  }

  /// `force` also deletes the images in it.
  @discardableResult
  public func deleteRepository(name: String, force: Bool = false) async throws -> ECRRepository {
    struct Input: Encodable {
      var repositoryName: String
      var force: Bool
    }
    struct Output: Decodable { var repository: ECRRepository }
    return try await client.json(
      "DeleteRepository", Input(repositoryName: name, force: force), as: Output.self
    )
    .repository
  }

  public func tagResource(arn: String, tags: [String: String]) async throws {
    struct Input: Encodable {
      var resourceArn: String
      var tags: [Tag]
    }
    _ = try await client.json(
      "TagResource", Input(resourceArn: arn, tags: Self.tagList(tags)), as: EmptyInput.self)
  }

  public func listTagsForResource(arn: String) async throws -> [String: String] {
    struct Input: Encodable { var resourceArn: String }
    struct Output: Decodable { var tags: [Tag]? }
    let output = try await client.json("ListTagsForResource", Input(resourceArn: arn), as: Output.self)
    return Dictionary((output.tags ?? []).map { ($0.Key, $0.Value) }) { $1 }
  }

  public func getAuthorizationToken() async throws -> [ECRAuthorization] {
    struct Output: Decodable { var authorizationData: [ECRAuthorization]? }
    return try await client.json("GetAuthorizationToken", EmptyInput(), as: Output.self).authorizationData
      ?? []
  }
}
