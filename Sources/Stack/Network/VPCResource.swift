import AWS
import Engine

/// The stack's VPC, with DNS support and DNS hostnames on (EKS needs both).
public struct VPCResource: Resource {
  public static let type = "aws.ec2.vpc"

  public let address: Address
  let cidrBlock: String
  let tags: [String: String]
  let ownership: Ownership
  let ec2: EC2Client

  public init(name: String = "main", cidrBlock: String, ownership: Ownership, ec2: EC2Client) {
    address = Address(Self.type, name)
    self.cidrBlock = cidrBlock
    self.ownership = ownership
    self.ec2 = ec2
    tags = ownership.tags(for: address, name: "\(ownership.prefix)-vpc")
  }

  public var immutableFields: Set<String> { ["cidrBlock"] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    [
      "cidrBlock": .string(cidrBlock), "enableDnsSupport": true, "enableDnsHostnames": true,
      "tags": .stringMap(tags),
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard
      let vpc = try await ec2.describeVPCs(filters: ownership.filters(for: address)).first(where: {
        ownership.owns($0.tags, address: address)
      })
    else {
      return nil
    }
    async let support = attribute(vpc.id, "enableDnsSupport")
    async let hostnames = attribute(vpc.id, "enableDnsHostnames")
    return LiveState(
      attributes: [
        "cidrBlock": .string(vpc.cidrBlock), "enableDnsSupport": .bool(try await support),
        "enableDnsHostnames": .bool(try await hostnames), "tags": Ownership.liveTags(vpc.tags),
      ], outputs: ["id": .string(vpc.id)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let id: String
    if change.action == .create {
      id = try await AWSErrors.createOnce {
        try await ec2.describeVPCs(filters: ownership.filters(for: address)).first {
          ownership.owns($0.tags, address: address)
        }?.id
      } create: {
        try await ec2.createVPC(cidrBlock: cidrBlock, tags: tags).id
      }
      _ = try await context.waitUntil(
        "become available", backoff: Backoff(initial: .seconds(1), maximum: .seconds(5))
      ) {
        let state = try await ec2.describeVPCs(ids: [id]).first?.state ?? "absent"
        return state == "available" ? .done(true) : .pending(state)
      }
    } else {
      guard let live = change.liveOutputs["id"]?.stringValue else {
        throw StackError(.unexpectedState, "\(address) has no id to update")
      }
      id = live
    }
    let before = change.before ?? [:]
    // AWS takes one DNS attribute per call.
    if before["enableDnsSupport"] != .bool(true) {
      try await ec2.modifyVPCAttribute(id: id, enableDNSSupport: true)
    }
    if before["enableDnsHostnames"] != .bool(true) {
      try await ec2.modifyVPCAttribute(id: id, enableDNSHostnames: true)
    }
    if change.action == .update { try await EC2Tags.sync(ec2, id: id, live: before["tags"], desired: tags) }
    return ["id": .string(id)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let id = live.outputs["id"]?.stringValue else { return }
    do { try await ec2.deleteVPC(id: id) } catch  where AWSErrors.isNotFound(error) {}
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    AWSErrors.retryWhileInUse(error)
  }

  private func attribute(_ id: String, _ name: String) async throws -> Bool {
    var parameters = QueryParameters()
    parameters["VpcId"] = id
    parameters["Attribute"] = name
    let root = try await ec2.client.query("DescribeVpcAttribute", parameters)
    return root.string(name, "value") == "true"
  }
}

/// Brings an EC2 resource's tags to the desired set (extra tags removed, `aws:` ones kept).
enum EC2Tags {
  static func sync(_ ec2: EC2Client, id: String, live: AttributeValue?, desired: [String: String])
    async throws
  {
    let current = (live?.mapValue ?? [:]).compactMapValues(\.stringValue)
    let changed = desired.filter { current[$0.key] != $0.value }
    if !changed.isEmpty { try await ec2.createTags(resourceIDs: [id], tags: changed) }
    let removed = current.keys.filter { desired[$0] == nil && !$0.hasPrefix("aws:") }.sorted()
    if !removed.isEmpty { try await ec2.deleteTags(resourceIDs: [id], keys: removed) }
  }
}
