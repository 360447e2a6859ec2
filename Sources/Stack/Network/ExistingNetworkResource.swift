import AWS
import Engine

/// A VPC or subnet the stack file names by id (`network.vpcId`, `network.subnetIds`):
/// never created, changed or deleted, only checked at plan time, before any write, to
/// exist (and, for a subnet, to be in that VPC and private, as Fargate requires). Its id
/// is the output dependents use.
public struct ExistingNetworkResource: Resource {
  public enum Kind: Sendable, Hashable {
    case vpc
    /// A subnet that must belong to `vpcID` and have no route to an internet gateway.
    case privateSubnet(vpcID: String)
  }

  public let address: Address
  let id: String
  let kind: Kind
  let ec2: EC2Client

  public init(address: Address, id: String, kind: Kind, ec2: EC2Client) {
    self.address = address
    self.id = id
    self.kind = kind
    self.ec2 = ec2
  }

  public func desired(_ inputs: Inputs) -> Attributes? {
    ["id": .string(id)]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    switch kind {
    case .vpc:
      let found = try await lookup { try await ec2.describeVPCs(ids: [id]).first }
      guard found != nil else { throw missing("VPC", "network.vpcId") }
    case .privateSubnet(let vpcID):
      guard let subnet = try await lookup({ try await ec2.describeSubnets(ids: [id]).first }) else {
        throw missing("subnet", "network.subnetIds")
      }
      guard subnet.vpcID == vpcID else {
        throw StackError(
          .invalidNetwork, "subnet \(id) is in \(subnet.vpcID), not in network.vpcId \(vpcID)",
          remedy: "list subnets of \(vpcID) in network.subnetIds")
      }
      if try await routesToInternetGateway(subnet) {
        throw StackError(
          .invalidNetwork,
          "subnet \(id) routes 0.0.0.0/0 to an internet gateway; Fargate pods need private subnets",
          remedy: "list private subnets (default route through a NAT gateway) in network.subnetIds")
      }
    }
    return LiveState(attributes: ["id": .string(id)], outputs: ["id": .string(id)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    ["id": .string(id)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {}

  private func lookup<T>(_ body: () async throws -> T?) async throws -> T? {
    do { return try await body() } catch  where AWSErrors.isNotFound(error) { return nil }
  }

  private func missing(_ what: String, _ key: String) -> StackError {
    StackError(
      .invalidNetwork, "\(what) \(id) (\(key)) does not exist in this account and region",
      remedy: "check the id, --region and the account the credentials belong to")
  }

  /// The subnet's route table (its own association, else the VPC's main table) sends the
  /// default route to an internet gateway.
  private func routesToInternetGateway(_ subnet: EC2Subnet) async throws -> Bool {
    var tables = try await ec2.describeRouteTables(filters: ["association.subnet-id": [subnet.id]])
    if tables.isEmpty {
      tables = try await ec2.describeRouteTables(filters: [
        "vpc-id": [subnet.vpcID], "association.main": ["true"],
      ])
    }
    return tables.flatMap(\.routes).contains {
      $0.destinationCIDR == "0.0.0.0/0" && ($0.gatewayID ?? "").hasPrefix("igw-")
    }
  }
}
