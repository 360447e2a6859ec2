import AWS
import Engine

/// A public or private subnet in one availability zone, with the tags EKS uses to place
/// load balancers (`kubernetes.io/role/elb` or `kubernetes.io/role/internal-elb`) and to
/// know the cluster's subnets (`kubernetes.io/cluster/<name>`).
public struct SubnetResource: Resource {
  public static let type = "aws.ec2.subnet"

  public let address: Address
  let vpc: Address
  let cidrBlock: String
  let availabilityZone: String
  let isPublic: Bool
  let tags: [String: String]
  let ownership: Ownership
  let ec2: EC2Client

  public init(
    tier: String, index: Int, vpc: Address, cidrBlock: String, availabilityZone: String, isPublic: Bool,
    clusterName: String, ownership: Ownership, ec2: EC2Client
  ) {
    address = Address(Self.type, tier, index: index)
    self.vpc = vpc
    self.cidrBlock = cidrBlock
    self.availabilityZone = availabilityZone
    self.isPublic = isPublic
    self.ownership = ownership
    self.ec2 = ec2
    let role = isPublic ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"
    tags = ownership.tags(
      for: address, name: "\(ownership.prefix)-\(tier)-\(availabilityZone)",
      adding: [role: "1", "kubernetes.io/cluster/\(clusterName)": "shared"])
  }

  public var dependencies: [Address] { [vpc] }
  public var immutableFields: Set<String> { ["vpcId", "cidrBlock", "availabilityZone"] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    [
      "vpcId": inputs.value(vpc, "id"), "cidrBlock": .string(cidrBlock),
      "availabilityZone": .string(availabilityZone),
      "mapPublicIpOnLaunch": .bool(isPublic), "tags": .stringMap(tags),
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard
      let subnet = try await ec2.describeSubnets(filters: ownership.filters(for: address)).first(where: {
        ownership.owns($0.tags, address: address)
      })
    else {
      return nil
    }
    return LiveState(
      attributes: [
        "vpcId": .string(subnet.vpcID), "cidrBlock": .string(subnet.cidrBlock),
        "availabilityZone": .string(subnet.availabilityZone),
        "mapPublicIpOnLaunch": .bool(subnet.mapPublicIPOnLaunch),
        "tags": Ownership.liveTags(subnet.tags),
      ], outputs: ["id": .string(subnet.id)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let id: String
    if change.action == .create {
      guard let vpcID = change.after?["vpcId"]?.stringValue else {
        throw StackError(.unexpectedState, "\(address) has no VPC id")
      }
      id = try await AWSErrors.createOnce {
        try await ec2.describeSubnets(filters: ownership.filters(for: address)).first {
          ownership.owns($0.tags, address: address)
        }?.id
      } create: {
        try await ec2.createSubnet(
          vpcID: vpcID, cidrBlock: cidrBlock, availabilityZone: availabilityZone, tags: tags
        ).id
      }
    } else {
      guard let live = change.liveOutputs["id"]?.stringValue else {
        throw StackError(.unexpectedState, "\(address) has no id to update")
      }
      id = live
      try await EC2Tags.sync(ec2, id: id, live: change.before?["tags"], desired: tags)
    }
    if change.before?["mapPublicIpOnLaunch"]?.boolValue ?? false != isPublic {
      try await ec2.modifySubnetAttribute(id: id, mapPublicIPOnLaunch: isPublic)
    }
    return ["id": .string(id), "availabilityZone": .string(availabilityZone)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let id = live.outputs["id"]?.stringValue else { return }
    do { try await ec2.deleteSubnet(id: id) } catch  where AWSErrors.isNotFound(error) {}
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    AWSErrors.retryWhileInUse(error)
  }
}
