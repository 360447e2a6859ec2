import AWS
import Config
import Engine

/// Turns a validated stack into the resource graph of its AWS half: the network, the
/// cluster and Fargate pod execution roles, the EKS cluster and its Fargate profiles, the
/// OIDC provider and the service accounts' IRSA roles, the data-lake bucket and the ECR
/// repositories.
///
/// What preflight learns before any write (the account id, the availability zones) comes
/// in as arguments, so building the graph is pure.
public struct StackGraph: Sendable {
  public let resources: [any Resource]
  public let network: NetworkGraph
  public let cluster: Address
  /// The Kubernetes half, when the graph was built with a way into the cluster.
  public let kubernetes: KubernetesGraph?
  /// The Spark Operator release, when the stack has one.
  public let operatorRelease: Address?

  /// Managed policies AWS documents for the two roles.
  static let clusterPolicy = "policy/AmazonEKSClusterPolicy"
  static let fargatePolicy = "policy/AmazonEKSFargatePodExecutionRolePolicy"

  /// Resources `destroy` leaves in place (the data-lake bucket when `retainOnDestroy`).
  public let retainedOnDestroy: Set<Address>

  /// - Parameters:
  ///   - baseDirectory: the stack file's folder, which upload sources are relative to.
  ///   - deleteData: whether deleting the bucket may delete its objects (`--delete-data`).
  ///   - images: the registry session the stack's images are read and pushed through; nil
  ///     leaves the images out (destroy: they go with their repositories).
  ///   - clusterAccess: the way into the cluster; with it the graph has its Kubernetes half.
  ///   - release: the operator release, prepared (downloaded and rendered) beforehand; it
  ///     goes on the cluster through `clusterAccess`.
  ///   - pollFloor: the least time between two polls of a long create (nil: the AWS
  ///     waiters' own cadence; `EKS_SPARK_POLL_FLOOR` sets it, for endpoints that answer
  ///     faster than AWS).
  ///   - adopt: whether an untagged data-lake bucket of the stack's name is taken over
  ///     (`--adopt`); without it, plan stops at such a bucket.
  /// - Throws: `StackError` when the network cannot be laid out, an upload source is missing
  ///   or a service account's namespace is on no Fargate profile.
  public init(
    stack: Config.Stack, accountID: String, zones: [String], clients: AWSClients, baseDirectory: String = ".",
    deleteData: Bool = false, adopt: Bool = false, pollFloor: Duration? = nil,
    images session: RegistrySession? = nil, clusterAccess: ClusterAccess? = nil,
    release: OperatorRelease? = nil
  ) throws {
    let partition = Partition.of(region: stack.metadata.region).id
    let ownership = Ownership(
      prefix: stack.metadata.prefix,
      extraTags: Dictionary(
        stack.metadata.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
    let clusterName = stack.cluster.name
    let network = try NetworkGraph(
      network: stack.network, clusterName: clusterName, zones: zones, ownership: ownership, ec2: clients.ec2)
    let prefix = stack.metadata.prefix
    let clusterRole = IAMRoleResource(
      name: "cluster", roleName: "\(prefix)-cluster-role",
      managedPolicies: ["arn:\(partition):iam::aws:\(Self.clusterPolicy)"], ownership: ownership,
      iam: clients.iam
    ) { _ in PolicyDocument.make([PolicyDocument.serviceTrust("eks.amazonaws.com")]) }
    // AWS recommends limiting the pod execution role to this cluster's Fargate profiles.
    let profileArns =
      "arn:\(partition):eks:\(stack.metadata.region):\(accountID):fargateprofile/\(clusterName)/*"
    let podRole = IAMRoleResource(
      name: "fargate-pod-execution", roleName: "\(prefix)-fargate-pod-role",
      managedPolicies: ["arn:\(partition):iam::aws:\(Self.fargatePolicy)"], ownership: ownership,
      iam: clients.iam
    ) { _ in
      PolicyDocument.make([
        PolicyDocument.serviceTrust(
          "eks-fargate-pods.amazonaws.com", conditions: ["ArnLike": ["aws:SourceArn": .string(profileArns)]])
      ])
    }
    let settings = ClusterResource.Settings(
      name: clusterName, version: stack.cluster.kubernetesVersion,
      endpointPublic: stack.cluster.endpoint.isPublic,
      endpointPrivate: stack.cluster.endpoint.isPrivate, publicAccessCidrs: stack.access.allowedCidrs,
      authenticationMode: stack.access.authenticationMode == .awsAuth ? "CONFIG_MAP" : "API",
      logging: stack.cluster.logging)
    let cluster = ClusterResource(
      settings: settings, role: clusterRole.address, subnets: network.privateSubnets + network.publicSubnets,
      ownership: ownership, eks: clients.eks, pollFloor: pollFloor)
    // Fargate runs pods only in private subnets.
    let profiles = stack.cluster.fargateProfiles.map { profile in
      FargateProfileResource(
        name: profile.name, clusterName: clusterName, cluster: cluster.address, role: podRole.address,
        subnets: network.privateSubnets,
        selectors: profile.selectors.map {
          FargateProfileResource.Selector(
            namespace: $0.namespace,
            labels: Dictionary($0.labels.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        }, ownership: ownership, eks: clients.eks, pollFloor: pollFloor)
    }
    let provider = OIDCProviderResource(cluster: cluster.address, ownership: ownership, iam: clients.iam)
    let serviceAccountRoles = stack.serviceAccounts.map { account in
      let policy = ServiceAccountRoles.dataLakePolicy(
        access: account.dataLakeAccess, bucket: stack.dataLake.bucket, partition: partition,
        extra: account.policyStatements)
      return IAMRoleResource(
        name: "irsa-\(account.namespace)-\(account.name)", roleName: account.iamRoleName,
        dependencies: [provider.address], inlinePolicies: policy.map { ["data-lake": $0] } ?? [:],
        ownership: ownership,
        iam: clients.iam
      ) { inputs in
        ServiceAccountRoles.trust(
          provider: provider.address, namespace: account.namespace, name: account.name, inputs: inputs)
      }
    }
    let bucket = BucketResource(
      bucket: stack.dataLake.bucket, region: stack.metadata.region, deleteData: deleteData,
      adopt: adopt,
      stateBucket: StateBucketLock.bucketName(prefix: stack.metadata.prefix, accountID: accountID),
      ownership: ownership, s3: clients.s3)
    let repositories = stack.images.map {
      RepositoryResource(name: $0.name, repository: $0.repository, ownership: ownership, ecr: clients.ecr)
    }
    let images = Self.images(
      stack, repositories: repositories, accountID: accountID, baseDirectory: baseDirectory, session: session)
    var storage: [any Resource] = [bucket]
    if !stack.dataLake.uploads.isEmpty {
      let uploads = stack.dataLake.uploads.map { upload in
        let source = upload.source.hasPrefix("/") ? upload.source : "\(baseDirectory)/\(upload.source)"
        // Confined to the stack's folder unless the upload says otherwise; then to itself.
        return (
          source: source, prefix: upload.prefix, root: upload.outsideStackFolder ? source : baseDirectory
        )
      }
      storage.append(
        try UploadsResource(
          bucket: stack.dataLake.bucket, bucketAddress: bucket.address, uploads: uploads, s3: clients.s3))
    }
    // The uploads go with the bucket: retained with it, or deleted with its data.
    self.retainedOnDestroy = stack.dataLake.retainOnDestroy ? Set(storage.map(\.address)) : []
    self.network = network
    self.cluster = cluster.address
    // The cluster side, kept apart so the AWS half reads as before.
    let kubernetes = try clusterAccess.map { access in
      try KubernetesGraph(
        stack: stack, profiles: profiles.map(\.address),
        irsaRoles: Dictionary(
          zip(stack.serviceAccounts.map { "\($0.namespace)/\($0.name)" }, serviceAccountRoles.map(\.address)),
          uniquingKeysWith: { first, _ in first }), access: access, awsOwnership: ownership, eks: clients.eks)
    }
    self.kubernetes = kubernetes
    // The release goes on the cluster once the Fargate profiles its pods run on exist.
    var operatorRelease: OperatorReleaseResource?
    if let release, let clusterAccess {
      operatorRelease = OperatorReleaseResource(
        release: release, dependencies: [cluster.address] + profiles.map(\.address), access: clusterAccess)
    }
    self.operatorRelease = operatorRelease?.address
    self.resources =
      network.resources + [clusterRole, podRole, cluster] + profiles as [any Resource] + [provider]
      + serviceAccountRoles as [any Resource] + storage + repositories as [any Resource] + images
      + (kubernetes?.resources ?? []) + (operatorRelease.map { [$0] } ?? [])
  }

  /// One image resource per `images[]` entry, after its repository.
  static func images(
    _ stack: Config.Stack, repositories: [RepositoryResource], accountID: String, baseDirectory: String,
    session: RegistrySession?
  ) -> [any Resource] {
    guard let session else { return [] }
    return zip(stack.images, repositories).map { image, repository in
      ImageResource(
        image: image, spark: stack.spark, baseDirectory: baseDirectory, accountID: accountID,
        repository: repository.address, session: session)
    }
  }
}
