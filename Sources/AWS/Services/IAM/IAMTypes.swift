import FoundationEssentials

/// An IAM role as eks-spark reads it.
public struct IAMRole: Sendable, Hashable {
  public var name: String
  public var id: String
  public var arn: String
  public var path: String
  /// The trust policy, URL-decoded JSON.
  public var assumeRolePolicyDocument: String?
  public var description: String?
  public var maxSessionDuration: Int?
  public var tags: [String: String]
  public var createDate: Date?

  init(_ node: XMLNode) {
    name = node.string("RoleName") ?? ""
    id = node.string("RoleId") ?? ""
    arn = node.string("Arn") ?? ""
    path = node.string("Path") ?? "/"
    assumeRolePolicyDocument = node.string("AssumeRolePolicyDocument").map(PercentEncoding.decode)
    description = node.string("Description")
    maxSessionDuration = node.string("MaxSessionDuration").flatMap { Int($0) }
    tags = node.tagMap("Tags")
    createDate = node.string("CreateDate").flatMap(Timestamp.parse)
  }
}

/// A managed policy attached to a role.
public struct IAMAttachedPolicy: Sendable, Hashable {
  public var name: String
  public var arn: String
}

/// An IAM OpenID Connect identity provider (IRSA trusts the cluster's issuer through one).
public struct IAMOpenIDConnectProvider: Sendable, Hashable {
  public var arn: String
  public var url: String
  public var clientIDs: [String]
  public var thumbprints: [String]
  public var tags: [String: String]
}
