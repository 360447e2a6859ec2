import AWS

/// Resolves the connection to an EKS cluster: endpoint and CA from DescribeCluster (or
/// from a server override for clusters reached through a tunnel), and EKS bearer tokens
/// signed with the configuration's AWS identity.
public struct EKSConnectionResolver: Sendable {
  public let aws: AWSConfiguration
  public let files: KubeconfigFiles

  public init(aws: AWSConfiguration, files: KubeconfigFiles = .local) {
    self.aws = aws
    self.files = files
  }

  /// - Parameters:
  ///   - roleARN: a role to assume before signing tokens.
  ///   - override: a server (and CA) to use instead of DescribeCluster's; the token is
  ///     still signed for `clusterName`.
  public func connection(
    clusterName: String, roleARN: String? = nil, override: KubernetesServerOverride? = nil
  ) async throws -> KubernetesConnection {
    let credentials = EKSTokenProvider(clusterName: clusterName, roleARN: roleARN, configuration: aws)
    if let override {
      return KubernetesConnection(
        server: override.server, caPEM: try override.resolvedCA(files: files),
        insecureSkipTLSVerify: override.insecureSkipTLSVerify, credentials: credentials,
        label: "cluster \(clusterName) (\(override.server))")
    }
    let cluster: EKSCluster
    do {
      cluster = try await EKSClient(configuration: aws).describeCluster(name: clusterName)
    } catch let error as AWSError {
      throw KubernetesError(
        .connection, "cannot describe EKS cluster \(clusterName)", cause: error,
        remedy: error.isNotFound
          ? "create the cluster first (eks-spark apply), or check --region" : error.remedy)
    }
    return try Self.connection(for: cluster, credentials: credentials)
  }

  /// The connection DescribeCluster's answer describes.
  public static func connection(for cluster: EKSCluster, credentials: any BearerTokenProvider)
    throws(KubernetesError)
    -> KubernetesConnection
  {
    guard let endpoint = cluster.endpoint, !endpoint.isEmpty else {
      throw KubernetesError(
        .connection,
        "EKS cluster \(cluster.name) has no endpoint yet (status \(cluster.status ?? "unknown"))",
        remedy: "wait until the cluster is ACTIVE")
    }
    guard let data = cluster.certificateAuthority?.data, !data.isEmpty else {
      throw KubernetesError(
        .connection, "EKS cluster \(cluster.name) has no certificate authority yet",
        remedy: "wait until the cluster is ACTIVE")
    }
    guard let pem = Base64.decode(data) else {
      throw KubernetesError(
        .connection, "EKS cluster \(cluster.name)'s certificate authority is not valid base64",
        remedy: "re-run with --debug to see DescribeCluster's answer")
    }
    return KubernetesConnection(
      server: endpoint, caPEM: pem, credentials: credentials, label: "cluster \(cluster.name)")
  }
}
