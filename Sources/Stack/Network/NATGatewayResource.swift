import AWS
import Engine

/// A NAT gateway in a public subnet, so Fargate pods in private subnets reach ECR, S3 and
/// the internet. Creation and deletion take minutes; both are waited for.
public struct NATGatewayResource: Resource {
  public static let type = "aws.ec2.natGateway"

  public let address: Address
  let subnet: Address
  let eip: Address
  let internetGateway: Address
  let tags: [String: String]
  let ownership: Ownership
  let ec2: EC2Client

  public init(
    index: Int, subnet: Address, eip: Address, internetGateway: Address, ownership: Ownership, ec2: EC2Client
  ) {
    address = Address(Self.type, "main", index: index)
    self.subnet = subnet
    self.eip = eip
    self.internetGateway = internetGateway
    self.ownership = ownership
    self.ec2 = ec2
    tags = ownership.tags(for: address, name: "\(ownership.prefix)-nat-\(index)")
  }

  // The internet gateway must be attached before the NAT gateway can route out.
  public var dependencies: [Address] { [subnet, eip, internetGateway] }
  public var immutableFields: Set<String> { ["subnetId", "allocationId"] }
  public var timeouts: OperationTimeouts { OperationTimeouts(create: .seconds(600), delete: .seconds(600)) }

  public func desired(_ inputs: Inputs) -> Attributes? {
    [
      "subnetId": inputs.value(subnet, "id"), "allocationId": inputs.value(eip, "allocationId"),
      "tags": .stringMap(tags),
    ]
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    // The Elastic IP of a NAT gateway just deleted is released a little later.
    AWSErrors.code(error) == "Resource.AlreadyAssociated" ? .retry(after: .seconds(10)) : .fail
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    let gateways = try await ec2.describeNATGateways(filters: ownership.filters(for: address))
      .filter { ownership.owns($0.tags, address: address) }
    // Deleted gateways stay listed for an hour; they are not this resource any more.
    guard let gateway = gateways.first(where: { !["deleted", "deleting", "failed"].contains($0.state) })
    else {
      return nil
    }
    return LiveState(
      attributes: [
        "subnetId": .string(gateway.subnetID),
        "allocationId": gateway.allocationIDs.first.map(AttributeValue.string) ?? .null,
        "tags": Ownership.liveTags(gateway.tags),
      ], outputs: ["id": .string(gateway.id)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    if change.action == .update, let id = change.liveOutputs["id"]?.stringValue {
      try await EC2Tags.sync(ec2, id: id, live: change.before?["tags"], desired: tags)
      return change.liveOutputs
    }
    guard let subnetID = change.after?["subnetId"]?.stringValue,
      let allocationID = change.after?["allocationId"]?.stringValue
    else { throw StackError(.unexpectedState, "\(address) has no subnet or address to use") }
    let id = try await AWSErrors.createOnce {
      try await ec2.describeNATGateways(filters: ownership.filters(for: address)).first {
        ownership.owns($0.tags, address: address) && !["deleted", "deleting", "failed"].contains($0.state)
      }?.id
    } create: {
      try await ec2.createNATGateway(subnetID: subnetID, allocationID: allocationID, tags: tags).id
    }
    _ = try await context.waitUntil("become available") {
      let state = try await ec2.describeNATGateways(ids: [id]).first?.state ?? "absent"
      if state == "failed" { throw StackError(.unexpectedState, "NAT gateway \(id) failed to create") }
      return state == "available" ? .done(true) : .pending(state)
    }
    return ["id": .string(id)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let id = live.outputs["id"]?.stringValue else { return }
    do { try await ec2.deleteNATGateway(id: id) } catch  where AWSErrors.isNotFound(error) { return }
    _ = try await context.waitUntil("be deleted") {
      let state = try await ec2.describeNATGateways(ids: [id]).first?.state ?? "deleted"
      return state == "deleted" ? .done(true) : .pending(state)
    }
  }
}
