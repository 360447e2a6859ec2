import FoundationEssentials

/// An EKS cluster (the DescribeCluster shape, the fields eks-spark uses).
public struct EKSCluster: Codable, Sendable, Hashable {
  public struct VPCConfig: Codable, Sendable, Hashable {
    public var subnetIds: [String]?
    public var securityGroupIds: [String]?
    public var clusterSecurityGroupId: String?
    public var vpcId: String?
    public var endpointPublicAccess: Bool?
    public var endpointPrivateAccess: Bool?
    public var publicAccessCidrs: [String]?

    public init(
      subnetIds: [String]? = nil, securityGroupIds: [String]? = nil, endpointPublicAccess: Bool? = nil,
      endpointPrivateAccess: Bool? = nil, publicAccessCidrs: [String]? = nil
    ) {
      self.subnetIds = subnetIds
      self.securityGroupIds = securityGroupIds
      self.endpointPublicAccess = endpointPublicAccess
      self.endpointPrivateAccess = endpointPrivateAccess
      self.publicAccessCidrs = publicAccessCidrs
    }
  }
  public struct CertificateAuthority: Codable, Sendable, Hashable { public var data: String? }
  public struct OIDC: Codable, Sendable, Hashable { public var issuer: String? }
  public struct Identity: Codable, Sendable, Hashable { public var oidc: OIDC? }
  public struct AccessConfig: Codable, Sendable, Hashable {
    public var authenticationMode: String?
    public var bootstrapClusterCreatorAdminPermissions: Bool?

    public init(authenticationMode: String? = nil, bootstrapClusterCreatorAdminPermissions: Bool? = nil) {
      self.authenticationMode = authenticationMode
      self.bootstrapClusterCreatorAdminPermissions = bootstrapClusterCreatorAdminPermissions
    }
  }

  public var name: String
  public var arn: String?
  public var createdAt: Date?
  public var version: String?
  public var endpoint: String?
  public var roleArn: String?
  public var resourcesVpcConfig: VPCConfig?
  /// CREATING, ACTIVE, DELETING, FAILED, UPDATING, PENDING.
  public var status: String?
  public var certificateAuthority: CertificateAuthority?
  public var identity: Identity?
  public var platformVersion: String?
  public var tags: [String: String]?
  public var accessConfig: AccessConfig?
  public var logging: Logging?
}

/// The body of CreateCluster.
public struct EKSCreateClusterRequest: Codable, Sendable, Hashable {
  public var name: String
  public var version: String?
  public var roleArn: String
  public var resourcesVpcConfig: EKSCluster.VPCConfig
  public var accessConfig: EKSCluster.AccessConfig?
  public var logging: EKSCluster.Logging?
  public var tags: [String: String]?
  /// Makes a retried create idempotent.
  public var clientRequestToken: String?

  public init(
    name: String, version: String? = nil, roleArn: String, resourcesVpcConfig: EKSCluster.VPCConfig,
    accessConfig: EKSCluster.AccessConfig? = nil, logging: EKSCluster.Logging? = nil,
    tags: [String: String]? = nil, clientRequestToken: String? = nil
  ) {
    self.logging = logging
    self.name = name
    self.version = version
    self.roleArn = roleArn
    self.resourcesVpcConfig = resourcesVpcConfig
    self.accessConfig = accessConfig
    self.tags = tags
    self.clientRequestToken = clientRequestToken
  }
}

/// An asynchronous cluster change (UpdateClusterConfig, UpdateClusterVersion).
public struct EKSUpdate: Codable, Sendable, Hashable {
  public struct ErrorDetail: Codable, Sendable, Hashable {
    public var errorCode: String?
    public var errorMessage: String?
  }
  public var id: String
  /// InProgress, Failed, Cancelled, Successful.
  public var status: String?
  public var type: String?
  public var createdAt: Date?
  public var errors: [ErrorDetail]?
}

public struct EKSFargateProfile: Codable, Sendable, Hashable {
  public struct Selector: Codable, Sendable, Hashable {
    public var namespace: String
    public var labels: [String: String]?

    public init(namespace: String, labels: [String: String]? = nil) {
      self.namespace = namespace
      self.labels = labels
    }
  }
  public var fargateProfileName: String
  public var fargateProfileArn: String?
  public var clusterName: String?
  public var createdAt: Date?
  public var podExecutionRoleArn: String?
  public var subnets: [String]?
  public var selectors: [Selector]?
  /// CREATING, ACTIVE, DELETING, CREATE_FAILED, DELETE_FAILED.
  public var status: String?
  public var tags: [String: String]?
}

public struct EKSAccessEntry: Codable, Sendable, Hashable {
  public var clusterName: String?
  public var principalArn: String
  public var kubernetesGroups: [String]?
  public var accessEntryArn: String?
  public var username: String?
  public var type: String?
  public var tags: [String: String]?
}

/// Which namespaces an access policy applies to.
public struct EKSAccessScope: Codable, Sendable, Hashable {
  /// `cluster` or `namespace`.
  public var type: String
  public var namespaces: [String]?

  public init(type: String, namespaces: [String]? = nil) {
    self.type = type
    self.namespaces = namespaces
  }
}

public struct EKSAssociatedAccessPolicy: Codable, Sendable, Hashable {
  public var policyArn: String
  public var accessScope: EKSAccessScope?
}
