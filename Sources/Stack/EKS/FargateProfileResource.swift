import AWS
import Engine

/// A Fargate profile. Its selectors, subnets and pod execution role cannot change in
/// place, so a change is a replacement done without downtime: the new profile is created
/// under a new name (the base name plus a hash of what it selects), then the old one is
/// deleted. Only one profile per cluster may be creating or deleting at a time, which the
/// constraint group `fargate-profile:<cluster>` tells the executor.
public struct FargateProfileResource: Resource {
  public static let type = "aws.eks.fargateProfile"

  /// One selector: a namespace and optional labels.
  public struct Selector: Sendable, Hashable {
    public var namespace: String
    public var labels: [String: String]

    public init(namespace: String, labels: [String: String] = [:]) {
      self.namespace = namespace
      self.labels = labels
    }

    var attribute: AttributeValue {
      labels.isEmpty
        ? ["namespace": .string(namespace)] : ["namespace": .string(namespace), "labels": .stringMap(labels)]
    }
  }

  public let address: Address
  let clusterName: String
  let cluster: Address
  let role: Address
  let subnets: [Address]
  let selectors: [Selector]
  let profileName: String
  let tags: [String: String]
  let ownership: Ownership
  let eks: EKSClient
  /// The least time between two polls while the profile creates (`aws eks wait
  /// fargate-profile-active` polls every 10 s).
  let pollFloor: Duration

  public init(
    name: String, clusterName: String, cluster: Address, role: Address, subnets: [Address],
    selectors: [Selector],
    ownership: Ownership, eks: EKSClient, pollFloor: Duration? = nil
  ) {
    self.pollFloor = pollFloor ?? .seconds(10)
    address = Address(Self.type, name)
    self.clusterName = clusterName
    self.cluster = cluster
    self.role = role
    self.subnets = subnets
    self.selectors = selectors
    self.ownership = ownership
    self.eks = eks
    tags = ownership.tags(for: address)
    // What the profile selects decides its name, so a replacement never collides.
    let identity =
      selectors.map { "\($0.namespace)|\($0.labels.sorted { $0.key < $1.key })" }.joined(separator: ";")
      + subnets.map(\.description).joined(separator: ",")
    profileName = "\(name)-\(StableHash.hex(identity, length: 6))"
  }

  public var dependencies: [Address] { [cluster, role] + subnets }
  public var constraintGroup: ConstraintGroup? { ConstraintGroup("fargate-profile:\(clusterName)") }
  public var replacementStrategy: ReplacementStrategy { .createBeforeDestroy }
  public var immutableFields: Set<String> { ["name", "selectors", "subnetIds", "podExecutionRoleArn"] }
  public var timeouts: OperationTimeouts { OperationTimeouts(create: .seconds(600), delete: .seconds(600)) }

  public func desired(_ inputs: Inputs) -> Attributes? {
    let subnetIDs = subnets.map { inputs.value($0, "id") }
    return [
      "name": .string(profileName), "selectors": .list(selectors.map(\.attribute)),
      "podExecutionRoleArn": inputs.value(role, "arn"),
      "subnetIds": subnetIDs.allSatisfy(\.isKnown)
        ? .strings(subnetIDs.compactMap(\.stringValue).sorted()) : .unknown,
      "tags": .stringMap(tags),
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    let names: [String]
    do {
      names = try await eks.listFargateProfiles(clusterName: clusterName)
    } catch {
      // No cluster, no profiles. Some endpoints answer a missing cluster here with a 500,
      // so ask about the cluster itself before giving up.
      if AWSErrors.isNotFound(error) { return nil }
      do { _ = try await eks.describeCluster(name: clusterName) } catch  where AWSErrors.isNotFound(error) {
        return nil
      }
      throw error
    }
    // Profiles of this address carry its name as a prefix; the tag decides.
    let (eks, clusterName) = (self.eks, self.clusterName)
    let candidates = names.sorted().filter { $0.hasPrefix("\(address.name)-") }
    let described = try await ConcurrentReads.map(candidates) { name in
      (name, try await eks.describeFargateProfile(clusterName: clusterName, name: name))
    }
    for (_, profile) in described {
      guard ownership.owns(profile.tags ?? [:], address: address), profile.status != "DELETING" else {
        continue
      }
      let selectors = (profile.selectors ?? []).map {
        Selector(namespace: $0.namespace, labels: $0.labels ?? [:]).attribute
      }
      return LiveState(
        attributes: [
          "name": .string(profile.fargateProfileName), "selectors": .list(selectors),
          "podExecutionRoleArn": profile.podExecutionRoleArn.map(AttributeValue.string) ?? .null,
          "subnetIds": .strings((profile.subnets ?? []).sorted()),
          "tags": Ownership.liveTags(profile.tags ?? [:]),
        ],
        outputs: [
          "name": .string(profile.fargateProfileName),
          "arn": profile.fargateProfileArn.map(AttributeValue.string) ?? .null,
        ])
    }
    return nil
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let after = change.after ?? [:]
    if change.action == .update {
      if let arn = change.liveOutputs["arn"]?.stringValue { try await eks.tagResource(arn: arn, tags: tags) }
      return change.liveOutputs
    }
    do {
      _ = try await eks.createFargateProfile(
        clusterName: clusterName, name: profileName,
        podExecutionRoleArn: after["podExecutionRoleArn"]?.stringValue ?? "",
        subnets: (after["subnetIds"]?.listValue ?? []).compactMap(\.stringValue),
        selectors: selectors.map {
          EKSFargateProfile.Selector(namespace: $0.namespace, labels: $0.labels.isEmpty ? nil : $0.labels)
        }, tags: tags)
    } catch  where AWSErrors.code(error) == "ResourceInUseException" && "\(error)".contains("already exists")
    {
      // Created by a run that was killed before it recorded it: wait for that one.
    }
    return try await context.waitUntil("become ACTIVE", backoff: .proportional(floor: pollFloor)) {
      let profile = try await eks.describeFargateProfile(clusterName: clusterName, name: profileName)
      if profile.status == "CREATE_FAILED" {
        throw StackError(.unexpectedState, "Fargate profile \(profileName) failed to create")
      }
      return profile.status == "ACTIVE"
        ? .done([
          "name": .string(profileName), "arn": profile.fargateProfileArn.map(AttributeValue.string) ?? .null,
        ])
        : .pending(profile.status ?? "unknown")
    }
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let name = live.outputs["name"]?.stringValue else { return }
    do { try await eks.deleteFargateProfile(clusterName: clusterName, name: name) } catch
      where AWSErrors.isNotFound(
        error)
    {
      return
    }
    try await AWSErrors.waitUntilDeleted(context) {
      try await eks.describeFargateProfile(clusterName: clusterName, name: name).status
    }
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    guard let code = AWSErrors.code(error) else { return .fail }
    let message = "\(error)".lowercased()
    // "Misconfigured PodExecutionRole Trust Policy" / role not assumable yet: IAM propagation.
    if code == "InvalidParameterException", message.contains("role") {
      return AWSErrors.awaitRolePropagation(attempt: attempt)
    }
    // Another profile of the cluster is still creating or deleting (outside this run).
    if code == "ResourceInUseException", !message.contains("already exists") {
      return .retry(after: .seconds(15))
    }
    return .fail
  }
}
