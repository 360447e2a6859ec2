extension EKSClient {
  /// Gives an IAM principal an identity in the cluster (clusters in API authentication mode).
  public func createAccessEntry(
    clusterName: String, principalArn: String, kubernetesGroups: [String]? = nil, username: String? = nil,
    type: String? = nil, tags: [String: String]? = nil
  ) async throws -> EKSAccessEntry {
    struct Body: Encodable {
      var principalArn: String
      var kubernetesGroups: [String]?
      var username: String?
      var type: String?
      var tags: [String: String]?
    }
    return try await client.rest(
      "CreateAccessEntry", .post, "/clusters/\(clusterName.pathSegment)/access-entries",
      body: Body(
        principalArn: principalArn, kubernetesGroups: kubernetesGroups, username: username, type: type,
        tags: tags),
      as: EntryOutput.self
    ).accessEntry
  }

  public func describeAccessEntry(clusterName: String, principalArn: String) async throws -> EKSAccessEntry {
    try await client.rest(
      "DescribeAccessEntry", .get, entryPath(clusterName, principalArn), as: EntryOutput.self
    ).accessEntry
  }

  /// The principal ARNs with access entries.
  public func listAccessEntries(clusterName: String) async throws -> [String] {
    try await paginate("ListAccessEntries", "/clusters/\(clusterName.pathSegment)/access-entries") {
      (page: NamesPage) in page.accessEntries ?? []
    }
  }

  public func deleteAccessEntry(clusterName: String, principalArn: String) async throws {
    _ = try await client.rest(
      "DeleteAccessEntry", .delete, entryPath(clusterName, principalArn), as: Empty.self)
  }

  public func associateAccessPolicy(
    clusterName: String, principalArn: String, policyArn: String, accessScope: EKSAccessScope
  ) async throws {
    struct Body: Encodable {
      var policyArn: String
      var accessScope: EKSAccessScope
    }
    _ = try await client.rest(
      "AssociateAccessPolicy", .post, entryPath(clusterName, principalArn) + "/access-policies",
      body: Body(policyArn: policyArn, accessScope: accessScope), as: Empty.self)
  }

  public func listAssociatedAccessPolicies(clusterName: String, principalArn: String) async throws
    -> [EKSAssociatedAccessPolicy]
  {
    try await paginate(
      "ListAssociatedAccessPolicies", entryPath(clusterName, principalArn) + "/access-policies"
    ) {
      (page: NamesPage) in page.associatedAccessPolicies ?? []
    }
  }

  public func disassociateAccessPolicy(clusterName: String, principalArn: String, policyArn: String)
    async throws
  {
    _ = try await client.rest(
      "DisassociateAccessPolicy", .delete,
      entryPath(clusterName, principalArn) + "/access-policies/\(policyArn.pathSegment)", as: Empty.self)
  }

  func entryPath(_ clusterName: String, _ principalArn: String) -> String {
    "/clusters/\(clusterName.pathSegment)/access-entries/\(principalArn.pathSegment)"
  }
}
