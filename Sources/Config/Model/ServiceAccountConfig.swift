/// `serviceAccounts[]` — a Kubernetes service account bound to an IAM role (IRSA), with a
/// namespaced Role for the Spark driver.
public struct ServiceAccountConfig: Sendable, Equatable {
  public var name: String
  public var namespace: String
  public var dataLakeAccess: DataLakeAccess
  /// Extra IAM statements for the role's inline policy.
  public var policyStatements: [PolicyStatement]
  public var role: KubernetesRoleConfig
  /// The IAM role eks-spark creates: `<prefix>-sa-<namespace>-<name>` unless set.
  public var iamRoleName: String
}

/// What the service account may do in the data lake bucket.
public enum DataLakeAccess: String, Sendable, Equatable, CaseIterable {
  case none
  case read
  case readwrite
}

/// One IAM policy statement.
public struct PolicyStatement: Sendable, Equatable {
  public var sid: String?
  /// `Allow` or `Deny`.
  public var effect: String
  public var actions: [String]
  public var resources: [String]
}

/// The Role (and RoleBinding) that lets the Spark driver manage its executors.
public struct KubernetesRoleConfig: Sendable, Equatable {
  public var name: String
  public var resources: [String]
  public var verbs: [String]
}
