/// AWS Identity and Access Management: roles, their managed and inline policies, and
/// OpenID Connect providers. IAM is global: requests are signed for the partition's
/// global region whatever region is configured.
public struct IAMClient: Sendable {
  public let client: AWSClient

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .iam, configuration: configuration)
  }

  // MARK: Roles

  public func createRole(
    name: String, assumeRolePolicyDocument: String, path: String? = nil, description: String? = nil,
    maxSessionDuration: Int? = nil, tags: [String: String] = [:]
  ) async throws -> IAMRole {
    var parameters = QueryParameters()
    parameters["RoleName"] = name
    parameters["AssumeRolePolicyDocument"] = assumeRolePolicyDocument
    parameters["Path"] = path
    parameters["Description"] = description
    parameters["MaxSessionDuration"] = maxSessionDuration.map(String.init)
    parameters.tags("Tags", tags)
    let result = try await client.query("CreateRole", parameters)
    return IAMRole(result.child("Role") ?? result)
  }

  public func getRole(name: String) async throws -> IAMRole {
    var parameters = QueryParameters()
    parameters["RoleName"] = name
    let result = try await client.query("GetRole", parameters)
    guard let role = result.child("Role") else {
      throw AWSError.decoding("iam", "GetRole", "the response has no Role")
    }
    return IAMRole(role)
  }

  public func deleteRole(name: String) async throws {
    var parameters = QueryParameters()
    parameters["RoleName"] = name
    _ = try await client.query("DeleteRole", parameters)
  }

  public func updateAssumeRolePolicy(roleName: String, policyDocument: String) async throws {
    var parameters = QueryParameters()
    parameters["RoleName"] = roleName
    parameters["PolicyDocument"] = policyDocument
    _ = try await client.query("UpdateAssumeRolePolicy", parameters)
  }

  public func tagRole(name: String, tags: [String: String]) async throws {
    var parameters = QueryParameters()
    parameters["RoleName"] = name
    parameters.tags("Tags", tags)
    _ = try await client.query("TagRole", parameters)
  }

  /// Every role (under `pathPrefix` when given), following `Marker` pages.
  public func listRoles(pathPrefix: String? = nil) async throws -> [IAMRole] {
    var parameters = QueryParameters()
    parameters["PathPrefix"] = pathPrefix
    return try await paginate("ListRoles", parameters) { $0.items("Roles").map(IAMRole.init) }
  }

  // MARK: Managed policies

  public func attachRolePolicy(roleName: String, policyARN: String) async throws {
    _ = try await client.query("AttachRolePolicy", rolePolicy(roleName, "PolicyArn", policyARN))
  }

  public func detachRolePolicy(roleName: String, policyARN: String) async throws {
    _ = try await client.query("DetachRolePolicy", rolePolicy(roleName, "PolicyArn", policyARN))
  }

  public func listAttachedRolePolicies(roleName: String) async throws -> [IAMAttachedPolicy] {
    var parameters = QueryParameters()
    parameters["RoleName"] = roleName
    return try await paginate("ListAttachedRolePolicies", parameters) { result in
      result.items("AttachedPolicies").map {
        IAMAttachedPolicy(name: $0.string("PolicyName") ?? "", arn: $0.string("PolicyArn") ?? "")
      }
    }
  }

  // MARK: Inline policies

  public func putRolePolicy(roleName: String, policyName: String, policyDocument: String) async throws {
    var parameters = rolePolicy(roleName, "PolicyName", policyName)
    parameters["PolicyDocument"] = policyDocument
    _ = try await client.query("PutRolePolicy", parameters)
  }

  /// The inline policy's document, URL-decoded.
  public func getRolePolicy(roleName: String, policyName: String) async throws -> String {
    let result = try await client.query("GetRolePolicy", rolePolicy(roleName, "PolicyName", policyName))
    return PercentEncoding.decode(try result.require("PolicyDocument", "iam", "GetRolePolicy"))
  }

  public func deleteRolePolicy(roleName: String, policyName: String) async throws {
    _ = try await client.query("DeleteRolePolicy", rolePolicy(roleName, "PolicyName", policyName))
  }

  public func listRolePolicies(roleName: String) async throws -> [String] {
    var parameters = QueryParameters()
    parameters["RoleName"] = roleName
    return try await paginate("ListRolePolicies", parameters) { $0.items("PolicyNames").map(\.text) }
  }

  // MARK: OpenID Connect providers

  /// Returns the provider's ARN.
  public func createOpenIDConnectProvider(
    url: String, clientIDs: [String], thumbprints: [String], tags: [String: String] = [:]
  ) async throws -> String {
    var parameters = QueryParameters()
    parameters["Url"] = url
    parameters.list("ClientIDList", clientIDs)
    parameters.list("ThumbprintList", thumbprints)
    parameters.tags("Tags", tags)
    let result = try await client.query("CreateOpenIDConnectProvider", parameters)
    return try result.require("OpenIDConnectProviderArn", "iam", "CreateOpenIDConnectProvider")
  }

  public func getOpenIDConnectProvider(arn: String) async throws -> IAMOpenIDConnectProvider {
    var parameters = QueryParameters()
    parameters["OpenIDConnectProviderArn"] = arn
    let result = try await client.query("GetOpenIDConnectProvider", parameters)
    return IAMOpenIDConnectProvider(
      arn: arn, url: result.string("Url") ?? "", clientIDs: result.items("ClientIDList").map(\.text),
      thumbprints: result.items("ThumbprintList").map(\.text), tags: result.tagMap("Tags"))
  }

  /// The ARNs of every OIDC provider in the account.
  public func listOpenIDConnectProviders() async throws -> [String] {
    let result = try await client.query("ListOpenIDConnectProviders")
    return result.items("OpenIDConnectProviderList").compactMap { $0.string("Arn") }
  }

  public func deleteOpenIDConnectProvider(arn: String) async throws {
    var parameters = QueryParameters()
    parameters["OpenIDConnectProviderArn"] = arn
    _ = try await client.query("DeleteOpenIDConnectProvider", parameters)
  }

  public func tagOpenIDConnectProvider(arn: String, tags: [String: String]) async throws {
    var parameters = QueryParameters()
    parameters["OpenIDConnectProviderArn"] = arn
    parameters.tags("Tags", tags)
    _ = try await client.query("TagOpenIDConnectProvider", parameters)
  }

  public func updateOpenIDConnectProviderThumbprint(arn: String, thumbprints: [String]) async throws {
    var parameters = QueryParameters()
    parameters["OpenIDConnectProviderArn"] = arn
    parameters.list("ThumbprintList", thumbprints)
    _ = try await client.query("UpdateOpenIDConnectProviderThumbprint", parameters)
  }

  // MARK: Helpers

  func rolePolicy(_ roleName: String, _ key: String, _ value: String) -> QueryParameters {
    var parameters = QueryParameters()
    parameters["RoleName"] = roleName
    parameters[key] = value
    return parameters
  }

  /// Follows IAM's `IsTruncated` / `Marker` pages.
  func paginate<Item>(
    _ action: String, _ parameters: QueryParameters, _ items: (XMLNode) -> [Item]
  ) async throws -> [Item] {
    var all: [Item] = []
    var parameters = parameters
    while true {
      let result = try await client.query(action, parameters)
      all += items(result)
      guard result.string("IsTruncated") == "true", let marker = result.string("Marker") else { return all }
      parameters["Marker"] = marker
    }
  }
}
