import AWS
import Engine

/// The EKS cluster. Endpoint access and the authentication mode change in place
/// (UpdateClusterConfig, then wait for the update); a version upgrade goes one minor
/// version at a time (UpdateClusterVersion); name, subnets and role mean replacement.
public struct ClusterResource: Resource {
  public static let type = "aws.eks.cluster"

  /// The cluster settings the stack file gives.
  public struct Settings: Sendable, Hashable {
    public var name: String
    public var version: String
    public var endpointPublic: Bool
    public var endpointPrivate: Bool
    public var publicAccessCidrs: [String]
    /// `CONFIG_MAP`, `API` or `API_AND_CONFIG_MAP`.
    public var authenticationMode: String
    /// Control-plane log types to enable (`api`, `audit`, ...).
    public var logging: [String]

    public init(
      name: String, version: String, endpointPublic: Bool, endpointPrivate: Bool, publicAccessCidrs: [String],
      authenticationMode: String, logging: [String] = []
    ) {
      self.logging = logging.sorted()
      self.name = name
      self.version = version
      self.endpointPublic = endpointPublic
      self.endpointPrivate = endpointPrivate
      self.publicAccessCidrs = publicAccessCidrs.sorted()
      self.authenticationMode = authenticationMode
    }
  }

  public let address: Address
  let settings: Settings
  let role: Address
  let subnets: [Address]
  let tags: [String: String]
  let ownership: Ownership
  let eks: EKSClient
  /// The least time between two polls while the cluster creates (`aws eks wait
  /// cluster-active` polls every 30 s).
  let pollFloor: Duration

  public init(
    name: String = "main", settings: Settings, role: Address, subnets: [Address], ownership: Ownership,
    eks: EKSClient, pollFloor: Duration? = nil
  ) {
    self.pollFloor = pollFloor ?? .seconds(30)
    address = Address(Self.type, name)
    self.settings = settings
    self.role = role
    self.subnets = subnets
    self.ownership = ownership
    self.eks = eks
    tags = ownership.tags(for: address)
  }

  public var dependencies: [Address] { [role] + subnets }
  public var immutableFields: Set<String> { ["name", "roleArn", "subnetIds"] }
  public var timeouts: OperationTimeouts {
    OperationTimeouts(create: .seconds(25 * 60), update: .seconds(60 * 60), delete: .seconds(15 * 60))
  }

  public func desired(_ inputs: Inputs) -> Attributes? {
    let subnetIDs = subnets.map { inputs.value($0, "id") }
    return [
      "name": .string(settings.name), "version": .string(settings.version),
      "roleArn": inputs.value(role, "arn"),
      "subnetIds": subnetIDs.allSatisfy(\.isKnown)
        ? .strings(subnetIDs.compactMap(\.stringValue).sorted()) : .unknown,
      "endpointPublicAccess": .bool(settings.endpointPublic),
      "endpointPrivateAccess": .bool(settings.endpointPrivate),
      "publicAccessCidrs": .strings(settings.publicAccessCidrs),
      "authenticationMode": .string(settings.authenticationMode), "logging": .strings(settings.logging),
      "tags": .stringMap(tags),
    ]
  }

  public func diff(desired: Attributes?, live: LiveState?) -> Change {
    var change = AttributeDiff.change(
      for: address, desired: desired, live: live, immutableFields: immutableFields,
      strategy: replacementStrategy)
    if change.action == .update, let from = live?.attributes["version"]?.stringValue,
      let to = desired?["version"]?.stringValue, from != to
    {
      let steps = Self.upgradePath(from: from, to: to)
      change.reason =
        steps.isEmpty
        ? "version \(from) cannot become \(to): EKS only upgrades, one minor version at a time"
        : "upgrades \(([from] + steps).joined(separator: " -> ")), one minor version at a time"
    }
    if change.action == .update, let from = live?.attributes["authenticationMode"]?.stringValue,
      let to = desired?["authenticationMode"]?.stringValue, from != to
    {
      let steps = Self.authenticationModePath(from: from, to: to)
      let mode =
        steps.isEmpty
        ? "authentication mode \(from) cannot become \(to): EKS moves only CONFIG_MAP -> API_AND_CONFIG_MAP -> API"
        : "authentication mode \(([from] + steps).joined(separator: " -> ")), the one way EKS allows"
      change.reason = change.reason.map { "\($0); \(mode)" } ?? mode
    }
    return change
  }

  /// The modes a cluster passes through from `from` to `to`: EKS moves only forward,
  /// CONFIG_MAP -> API_AND_CONFIG_MAP -> API, one step at a time; empty when it cannot.
  static func authenticationModePath(from: String, to: String) -> [String] {
    let order = ["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"]
    guard let start = order.firstIndex(of: from), let end = order.firstIndex(of: to), start < end else {
      return []
    }
    return Array(order[(start + 1)...end])
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    var cluster: EKSCluster
    do {
      cluster = try await eks.describeCluster(name: settings.name)
    } catch  where AWSErrors.isNotFound(error) {
      return nil
    }
    guard ownership.owns(cluster.tags ?? [:], address: address) else {
      throw StackError(
        .notOwned, "EKS cluster \(settings.name) exists but does not belong to stack \(ownership.prefix)",
        remedy: "choose another cluster.name or metadata.prefix")
    }
    if cluster.status == "DELETING" { return nil }
    // Still CREATING: a run that died started it. Its endpoint and OIDC issuer are not
    // known yet and Fargate profiles cannot be added, so wait for it here.
    var waited = Duration.zero
    while cluster.status == "CREATING", waited < timeouts.create {
      try await context.clock.sleep(for: .seconds(2))
      waited += .seconds(2)
      cluster = try await eks.describeCluster(name: settings.name)
    }
    let vpc = cluster.resourcesVpcConfig
    return LiveState(
      attributes: [
        "name": .string(cluster.name), "version": cluster.version.map(AttributeValue.string) ?? .null,
        "roleArn": cluster.roleArn.map(AttributeValue.string) ?? .null,
        "subnetIds": .strings((vpc?.subnetIds ?? []).sorted()),
        "endpointPublicAccess": .bool(vpc?.endpointPublicAccess ?? true),
        "endpointPrivateAccess": .bool(vpc?.endpointPrivateAccess ?? false),
        "publicAccessCidrs": .strings((vpc?.publicAccessCidrs ?? ["0.0.0.0/0"]).sorted()),
        "authenticationMode": .string(cluster.accessConfig?.authenticationMode ?? "CONFIG_MAP"),
        "logging": .strings(cluster.logging?.enabledTypes ?? []),
        "tags": Ownership.liveTags(cluster.tags ?? [:]),
      ], outputs: Self.outputs(cluster))
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let after = change.after ?? [:]
    if change.action == .create {
      let request = EKSCreateClusterRequest(
        name: settings.name, version: settings.version, roleArn: after["roleArn"]?.stringValue ?? "",
        resourcesVpcConfig: EKSCluster.VPCConfig(
          subnetIds: (after["subnetIds"]?.listValue ?? []).compactMap(\.stringValue),
          endpointPublicAccess: settings.endpointPublic, endpointPrivateAccess: settings.endpointPrivate,
          publicAccessCidrs: settings.publicAccessCidrs),
        accessConfig: EKSCluster.AccessConfig(
          authenticationMode: settings.authenticationMode, bootstrapClusterCreatorAdminPermissions: true),
        logging: EKSCluster.Logging(enabled: settings.logging), tags: tags,
        clientRequestToken:
          "eks-spark-\(settings.name)-\(StableHash.hex(try AttributeValue.map(after).jsonText()))")
      do {
        _ = try await eks.createCluster(request)
      } catch  where AWSErrors.code(error) == "ResourceInUseException" {
        // A run killed after CreateCluster: the cluster is ours (same token); wait for it.
      }
      return try await waitActive(context)
    }
    let before = change.before ?? [:]
    let endpointFields = ["endpointPublicAccess", "endpointPrivateAccess", "publicAccessCidrs"]
    if endpointFields.contains(where: { !(before[$0] ?? .null).matches(after[$0] ?? .null) }) {
      let update = try await eks.updateClusterConfig(
        name: settings.name,
        resourcesVpcConfig: EKSCluster.VPCConfig(
          endpointPublicAccess: settings.endpointPublic, endpointPrivateAccess: settings.endpointPrivate,
          publicAccessCidrs: settings.publicAccessCidrs))
      try await waitUpdate(update, "endpoint access", context)
    }
    if let from = before["authenticationMode"]?.stringValue, from != settings.authenticationMode {
      let steps = Self.authenticationModePath(from: from, to: settings.authenticationMode)
      guard !steps.isEmpty else {
        throw StackError(
          .unexpectedState,
          "the cluster's authentication mode \(from) cannot become \(settings.authenticationMode)",
          remedy:
            "EKS moves only CONFIG_MAP -> API_AND_CONFIG_MAP -> API; keep access.authenticationMode as it is")
      }
      for mode in steps {
        let update = try await eks.updateClusterConfig(
          name: settings.name, accessConfig: EKSCluster.AccessConfig(authenticationMode: mode))
        try await waitUpdate(update, "authentication mode \(mode)", context)
      }
    }
    if !(before["logging"] ?? .null).matches(after["logging"] ?? .null) {
      let update = try await eks.updateClusterConfig(
        name: settings.name, logging: EKSCluster.Logging(enabled: settings.logging))
      try await waitUpdate(update, "logging", context)
    }
    if let from = before["version"]?.stringValue, from != settings.version {
      let steps = Self.upgradePath(from: from, to: settings.version)
      guard !steps.isEmpty else {
        throw StackError(
          .unexpectedState, "cluster version \(from) cannot become \(settings.version)",
          remedy: "EKS clusters cannot be downgraded; set cluster.kubernetesVersion to \(from) or later")
      }
      for version in steps {
        let update = try await eks.updateClusterVersion(name: settings.name, version: version)
        try await waitUpdate(update, "upgrade to \(version)", context)
      }
    }
    if !(before["tags"] ?? .null).matches(after["tags"] ?? .null),
      let arn = change.liveOutputs["arn"]?.stringValue
    {
      try await eks.tagResource(arn: arn, tags: tags)
    }
    return try await waitActive(context)
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    do { try await eks.deleteCluster(name: settings.name) } catch  where AWSErrors.isNotFound(error) {
      return
    }
    try await AWSErrors.waitUntilDeleted(
      context, backoff: Backoff(initial: .seconds(5), maximum: .seconds(30))
    ) {
      try await eks.describeCluster(name: settings.name).status
    }
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    guard let code = AWSErrors.code(error) else { return .fail }
    let message = "\(error)".lowercased()
    // IAM is eventually consistent: a new role is not assumable by EKS for a while.
    if code == "InvalidParameterException", message.contains("role") {
      return AWSErrors.awaitRolePropagation(attempt: attempt)
    }
    // Another update is still running.
    if code == "ResourceInUseException" { return .retry(after: .seconds(30)) }
    return .fail
  }

  private func waitActive(_ context: ApplyContext) async throws -> Outputs {
    try await context.waitUntil(
      "become ACTIVE", backoff: .proportional(floor: pollFloor)
    ) {
      let cluster = try await eks.describeCluster(name: settings.name)
      if cluster.status == "FAILED" {
        throw StackError(.unexpectedState, "EKS cluster \(settings.name) failed to create")
      }
      return cluster.status == "ACTIVE" ? .done(Self.outputs(cluster)) : .pending(cluster.status ?? "unknown")
    }
  }

  private func waitUpdate(_ update: EKSUpdate, _ what: String, _ context: ApplyContext) async throws {
    _ = try await context.waitUntil("finish its \(what) update") { () async throws -> WaitStatus<Bool> in
      let current = try await eks.describeUpdate(clusterName: settings.name, updateID: update.id)
      switch current.status {
      case "Successful": return .done(true)
      case "Failed", "Cancelled":
        let detail = (current.errors ?? []).compactMap(\.errorMessage).joined(separator: "; ")
        throw StackError(.unexpectedState, "EKS \(what) update \(current.status ?? ""): \(detail)")
      default: return .pending(current.status ?? "InProgress")
      }
    }
  }

  static func outputs(_ cluster: EKSCluster) -> Outputs {
    var outputs: Outputs = ["name": .string(cluster.name)]
    if let arn = cluster.arn { outputs["arn"] = .string(arn) }
    if let endpoint = cluster.endpoint { outputs["endpoint"] = .string(endpoint) }
    if let issuer = cluster.identity?.oidc?.issuer { outputs["oidcIssuer"] = .string(issuer) }
    if let data = cluster.certificateAuthority?.data { outputs["certificateAuthority"] = .string(data) }
    if let group = cluster.resourcesVpcConfig?.clusterSecurityGroupId {
      outputs["securityGroupId"] = .string(group)
    }
    return outputs
  }

  /// The versions to pass through, one minor at a time: `1.30` to `1.32` is `[1.31, 1.32]`;
  /// empty for a downgrade or an unparseable version.
  static func upgradePath(from: String, to: String) -> [String] {
    func parse(_ text: String) -> (Int, Int)? {
      let parts = text.split(separator: ".").compactMap { Int($0) }
      return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
    guard let (major, minor) = parse(from), let (toMajor, toMinor) = parse(to), major == toMajor,
      toMinor > minor
    else { return [] }
    return (minor + 1...toMinor).map { "\(major).\($0)" }
  }
}

/// A short stable hash (FNV-1a, 64 bits) for idempotency tokens and generated names.
enum StableHash {
  static func hex(_ text: String, length: Int = 12) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String((String(repeating: "0", count: max(0, 16 - digits.count)) + digits).prefix(length))
  }
}
