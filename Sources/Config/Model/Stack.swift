import YAML

/// A decoded, defaulted and resolved stack file: everything eks-spark provisions and runs.
public struct Stack: Sendable, Equatable {
  public var apiVersion: String
  public var kind: String
  public var metadata: StackMetadata
  public var access: AccessConfig
  public var network: NetworkConfig
  public var cluster: ClusterConfig
  public var spark: SparkConfig
  /// The Spark Operator Helm release (`operator:` in the file).
  public var sparkOperator: OperatorConfig
  public var serviceAccounts: [ServiceAccountConfig]
  public var dataLake: DataLakeConfig
  public var images: [ImageConfig]
  public var jobs: [JobConfig]
}

/// `metadata:` — names and where the stack lives.
public struct StackMetadata: Sendable, Equatable {
  /// Prefix of every name eks-spark derives (cluster, roles, bucket); the stack's identity.
  public var prefix: String
  public var region: String
  /// The AWS account the stack must be applied to (a guard), or nil to accept any.
  public var accountId: String?
  /// Tags added to every AWS resource (beside `eks-spark.io/stack`).
  public var tags: [KeyValue]
}

/// `access:` — who reaches the cluster API and how.
public struct AccessConfig: Sendable, Equatable {
  /// CIDRs allowed to reach the public endpoint.
  public var allowedCidrs: [String]
  /// IAM users or roles mapped to cluster administrators.
  public var adminArns: [String]
  public var authenticationMode: AuthenticationMode
}

/// How IAM identities map to Kubernetes users.
public enum AuthenticationMode: String, Sendable, Equatable, CaseIterable {
  /// The `aws-auth` ConfigMap in kube-system (what the original deployment used).
  case awsAuth = "aws-auth"
  /// EKS access entries (authentication mode `API`).
  case accessEntries = "access-entries"
}

/// An ordered key/value pair (tags, labels, Spark and Hadoop settings).
public struct KeyValue: Sendable, Hashable {
  public var key: String
  public var value: String

  public init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }
}

extension [KeyValue] {
  /// The value of the first pair with this key.
  public subscript(key: String) -> String? {
    first { $0.key == key }?.value
  }

  /// These pairs with `overrides` applied: replaced values keep their place, new keys go last.
  func merging(_ overrides: [KeyValue]) -> [KeyValue] {
    var result = self
    for pair in overrides {
      if let index = result.firstIndex(where: { $0.key == pair.key }) {
        result[index].value = pair.value
      } else {
        result.append(pair)
      }
    }
    return result
  }
}
