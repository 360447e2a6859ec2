/// `cluster:` — the EKS cluster and its Fargate profiles.
public struct ClusterConfig: Sendable, Equatable {
  public var name: String
  /// `major.minor`, kept as text (`1.30` is not the number 1.3).
  public var kubernetesVersion: String
  public var endpoint: EndpointAccess
  /// Control-plane log types sent to CloudWatch (api, audit, authenticator,
  /// controllerManager, scheduler).
  public var logging: [String]
  public var fargateProfiles: [FargateProfileConfig]
}

/// Whether the API endpoint is reachable from the internet, from inside the VPC, or both.
public struct EndpointAccess: Sendable, Equatable {
  public var isPublic: Bool
  public var isPrivate: Bool
}

/// A Fargate profile: pods matching one of its selectors run on Fargate.
public struct FargateProfileConfig: Sendable, Equatable {
  public var name: String
  public var selectors: [FargateSelector]
}

/// A namespace, and optionally labels a pod must all carry.
public struct FargateSelector: Sendable, Equatable {
  public var namespace: String
  public var labels: [KeyValue]

  /// True when a pod in `namespace` with `podLabels` matches.
  public func selects(namespace: String, podLabels: [KeyValue]) -> Bool {
    guard namespace == self.namespace else { return false }
    return labels.allSatisfy { podLabels[$0.key] == $0.value }
  }
}
