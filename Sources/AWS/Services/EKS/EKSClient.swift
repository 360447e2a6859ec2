/// Amazon EKS: clusters, updates, Fargate profiles, access entries and policies, tags.
public struct EKSClient: Sendable {
  public let client: AWSClient

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .eks, configuration: configuration)
  }

  struct ClusterOutput: Decodable { var cluster: EKSCluster }
  struct UpdateOutput: Decodable { var update: EKSUpdate }
  struct ProfileOutput: Decodable { var fargateProfile: EKSFargateProfile }
  struct EntryOutput: Decodable { var accessEntry: EKSAccessEntry }
  struct Empty: Decodable {}

  // MARK: Clusters

  public func createCluster(_ request: EKSCreateClusterRequest) async throws -> EKSCluster {
    try await client.rest("CreateCluster", .post, "/clusters", body: request, as: ClusterOutput.self).cluster
  }

  public func describeCluster(name: String) async throws -> EKSCluster {
    try await client.rest("DescribeCluster", .get, "/clusters/\(name.pathSegment)", as: ClusterOutput.self)
      .cluster
  }

  public func listClusters() async throws -> [String] {
    try await paginate("ListClusters", "/clusters") { (page: NamesPage) in page.clusters ?? [] }
  }

  /// Changes the endpoint access, logging or authentication mode.
  public func updateClusterConfig(
    name: String, resourcesVpcConfig: EKSCluster.VPCConfig? = nil,
    accessConfig: EKSCluster.AccessConfig? = nil, logging: EKSCluster.Logging? = nil
  ) async throws -> EKSUpdate {
    struct Body: Encodable {
      var resourcesVpcConfig: EKSCluster.VPCConfig?
      var accessConfig: EKSCluster.AccessConfig?
      var logging: EKSCluster.Logging?
    }
    return try await client.rest(
      "UpdateClusterConfig", .post, "/clusters/\(name.pathSegment)/update-config",
      body: Body(resourcesVpcConfig: resourcesVpcConfig, accessConfig: accessConfig, logging: logging),
      as: UpdateOutput.self
    ).update
  }

  public func updateClusterVersion(name: String, version: String) async throws -> EKSUpdate {
    struct Body: Encodable { var version: String }
    return try await client.rest(
      "UpdateClusterVersion", .post, "/clusters/\(name.pathSegment)/updates", body: Body(version: version),
      as: UpdateOutput.self
    ).update
  }

  public func describeUpdate(clusterName: String, updateID: String) async throws -> EKSUpdate {
    try await client.rest(
      "DescribeUpdate", .get, "/clusters/\(clusterName.pathSegment)/updates/\(updateID.pathSegment)",
      as: UpdateOutput.self
    ).update
  }

  @discardableResult
  public func deleteCluster(name: String) async throws -> EKSCluster {
    try await client.rest("DeleteCluster", .delete, "/clusters/\(name.pathSegment)", as: ClusterOutput.self)
      .cluster
  }

  // MARK: Fargate profiles

  public func createFargateProfile(
    clusterName: String, name: String, podExecutionRoleArn: String, subnets: [String],
    selectors: [EKSFargateProfile.Selector], tags: [String: String]? = nil
  ) async throws -> EKSFargateProfile {
    struct Body: Encodable {
      var fargateProfileName: String
      var podExecutionRoleArn: String
      var subnets: [String]
      var selectors: [EKSFargateProfile.Selector]
      var tags: [String: String]?
    }
    return try await client.rest(
      "CreateFargateProfile", .post, "/clusters/\(clusterName.pathSegment)/fargate-profiles",
      body: Body(
        fargateProfileName: name, podExecutionRoleArn: podExecutionRoleArn, subnets: subnets,
        selectors: selectors,
        tags: tags),
      as: ProfileOutput.self
    ).fargateProfile
  }

  public func describeFargateProfile(clusterName: String, name: String) async throws -> EKSFargateProfile {
    try await client.rest(
      "DescribeFargateProfile", .get,
      "/clusters/\(clusterName.pathSegment)/fargate-profiles/\(name.pathSegment)",
      as: ProfileOutput.self
    ).fargateProfile
  }

  public func listFargateProfiles(clusterName: String) async throws -> [String] {
    try await paginate("ListFargateProfiles", "/clusters/\(clusterName.pathSegment)/fargate-profiles") {
      (page: NamesPage) in page.fargateProfileNames ?? []
    }
  }

  @discardableResult
  public func deleteFargateProfile(clusterName: String, name: String) async throws -> EKSFargateProfile {
    try await client.rest(
      "DeleteFargateProfile", .delete,
      "/clusters/\(clusterName.pathSegment)/fargate-profiles/\(name.pathSegment)",
      as: ProfileOutput.self
    ).fargateProfile
  }

  // MARK: Tags

  public func tagResource(arn: String, tags: [String: String]) async throws {
    struct Body: Encodable { var tags: [String: String] }
    _ = try await client.rest(
      "TagResource", .post, "/tags/\(arn.pathSegment)", body: Body(tags: tags), as: Empty.self)
  }

  public func untagResource(arn: String, keys: [String]) async throws {
    _ = try await client.rest(
      "UntagResource", .delete, "/tags/\(arn.pathSegment)", query: keys.map { ("tagKeys", $0) },
      as: Empty.self)
  }

  public func listTagsForResource(arn: String) async throws -> [String: String] {
    struct Output: Decodable { var tags: [String: String]? }
    return try await client.rest("ListTagsForResource", .get, "/tags/\(arn.pathSegment)", as: Output.self)
      .tags ?? [:]
  }

  // MARK: Pagination

  /// Every list key EKS pages use; each operation reads its own.
  struct NamesPage: Decodable {
    var clusters: [String]?
    var fargateProfileNames: [String]?
    var accessEntries: [String]?
    var associatedAccessPolicies: [EKSAssociatedAccessPolicy]?
    var nextToken: String?
  }

  func paginate<Item>(_ operation: String, _ path: String, _ items: (NamesPage) -> [Item]) async throws
    -> [Item]
  {
    var all: [Item] = []
    var token: String?
    repeat {
      let query = token.map { [("nextToken", $0)] } ?? []
      let page = try await client.rest(operation, .get, path, query: query, as: NamesPage.self)
      all += items(page)
      token = page.nextToken
    } while token != nil
    return all
  }
}
