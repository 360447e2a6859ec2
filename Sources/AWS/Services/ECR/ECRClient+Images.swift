import FoundationEssentials

/// An image of an ECR repository, as DescribeImages answers it.
public struct ECRImageDetail: Codable, Sendable, Hashable {
  public var repositoryName: String?
  public var imageDigest: String?
  public var imageTags: [String]?
  public var imagePushedAt: Date?
  public var imageSizeInBytes: Int?
}

extension ECRClient {
  /// The images of `repository` with these tags or digests (every image when both are
  /// empty). An absent tag is `ImageNotFoundException`, which the caller reads as "not
  /// pushed"; an absent repository is `RepositoryNotFoundException`.
  public func describeImages(repository: String, tags: [String] = [], digests: [String] = []) async throws
    -> [ECRImageDetail]
  {
    struct ImageID: Encodable {
      var imageTag: String?
      var imageDigest: String?
    }
    struct Input: Encodable {
      var repositoryName: String
      var imageIds: [ImageID]?
      var nextToken: String?
    }
    struct Output: Decodable {
      var imageDetails: [ECRImageDetail]?
      var nextToken: String?
    }
    let ids = tags.map { ImageID(imageTag: $0) } + digests.map { ImageID(imageDigest: $0) }
    var all: [ECRImageDetail] = []
    var token: String?
    repeat {
      let page = try await client.json(
        "DescribeImages",
        Input(repositoryName: repository, imageIds: ids.isEmpty ? nil : ids, nextToken: token),
        as: Output.self)
      all += page.imageDetails ?? []
      token = page.nextToken
    } while token != nil
    return all
  }
}
