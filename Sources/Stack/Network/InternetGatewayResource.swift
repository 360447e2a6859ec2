import AWS
import Engine

/// The internet gateway of the public subnets, attached to the VPC.
public struct InternetGatewayResource: Resource {
  public static let type = "aws.ec2.internetGateway"

  public let address: Address
  let vpc: Address
  let tags: [String: String]
  let ownership: Ownership
  let ec2: EC2Client

  public init(name: String = "main", vpc: Address, ownership: Ownership, ec2: EC2Client) {
    address = Address(Self.type, name)
    self.vpc = vpc
    self.ownership = ownership
    self.ec2 = ec2
    tags = ownership.tags(for: address, name: "\(ownership.prefix)-igw")
  }

  public var dependencies: [Address] { [vpc] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    ["vpcId": inputs.value(vpc, "id"), "tags": .stringMap(tags)]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard
      let gateway = try await ec2.describeInternetGateways(filters: ownership.filters(for: address)).first(
        where: { ownership.owns($0.tags, address: address) })
    else { return nil }
    return LiveState(
      attributes: [
        "vpcId": gateway.vpcIDs.first.map(AttributeValue.string) ?? .null,
        "tags": Ownership.liveTags(gateway.tags),
      ], outputs: ["id": .string(gateway.id)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    guard let vpcID = change.after?["vpcId"]?.stringValue else {
      throw StackError(.unexpectedState, "\(address) has no VPC id")
    }
    let id: String
    if let live = change.liveOutputs["id"]?.stringValue, change.action == .update {
      id = live
      if let attached = change.before?["vpcId"]?.stringValue, attached != vpcID {
        try await ec2.detachInternetGateway(id: id, vpcID: attached)
      }
      try await EC2Tags.sync(ec2, id: id, live: change.before?["tags"], desired: tags)
    } else {
      id = try await AWSErrors.createOnce {
        try await ec2.describeInternetGateways(filters: ownership.filters(for: address)).first {
          ownership.owns($0.tags, address: address)
        }?.id
      } create: {
        try await ec2.createInternetGateway(tags: tags).id
      }
    }
    if change.before?["vpcId"]?.stringValue != vpcID {
      try await ec2.attachInternetGateway(id: id, vpcID: vpcID)
    }
    return ["id": .string(id)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let id = live.outputs["id"]?.stringValue else { return }
    if let vpcID = live.attributes["vpcId"]?.stringValue {
      do { try await ec2.detachInternetGateway(id: id, vpcID: vpcID) } catch
        where AWSErrors.isNotFound(error)
      {}
    }
    do { try await ec2.deleteInternetGateway(id: id) } catch  where AWSErrors.isNotFound(error) {}
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    AWSErrors.retryWhileInUse(error)
  }
}
