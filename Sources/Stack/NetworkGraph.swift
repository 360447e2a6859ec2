import AWS
import Config
import Engine

/// The network half of the stack's resource graph: a VPC, an internet gateway, a public
/// and a private subnet per availability zone, Elastic IPs and NAT gateways, route tables.
public struct NetworkGraph: Sendable {
  public let vpc: Address
  public let publicSubnets: [Address]
  public let privateSubnets: [Address]
  public let resources: [any Resource]

  /// - Parameters:
  ///   - zones: the availability zones to use, in order (preflight picks them).
  /// - Throws: `StackError` when the network cannot be laid out.
  public init(
    network: NetworkConfig, clusterName: String, zones: [String], ownership: Ownership, ec2: EC2Client
  ) throws {
    if let vpcID = network.vpcId {
      // The user's network: checked, never changed. Its subnets serve the cluster and Fargate.
      let vpc = ExistingNetworkResource(
        address: Address(VPCResource.type, "main"), id: vpcID, kind: .vpc, ec2: ec2)
      let subnets = network.subnetIds.enumerated().map { index, id in
        ExistingNetworkResource(
          address: Address(SubnetResource.type, "existing", index: index), id: id,
          kind: .privateSubnet(vpcID: vpcID),
          ec2: ec2)
      }
      self.vpc = vpc.address
      self.publicSubnets = []
      self.privateSubnets = subnets.map(\.address)
      self.resources = [vpc] + subnets as [any Resource]
      return
    }
    guard zones.count >= network.availabilityZones else {
      throw StackError(
        .notEnoughZones,
        "network.availabilityZones is \(network.availabilityZones) but the region offers \(zones.count)",
        remedy: "lower network.availabilityZones to \(zones.count)")
    }
    let zones = Array(zones.prefix(network.availabilityZones))
    let layout = try SubnetLayout(vpcCidr: network.cidr, zones: zones.count)
    let vpc = VPCResource(cidrBlock: network.cidr, ownership: ownership, ec2: ec2)
    let gateway = InternetGatewayResource(vpc: vpc.address, ownership: ownership, ec2: ec2)
    var resources: [any Resource] = [vpc, gateway]
    func subnets(_ tier: String, _ cidrs: [String], isPublic: Bool) -> [SubnetResource] {
      zip(zones.indices, zip(zones, cidrs)).map { index, pair in
        SubnetResource(
          tier: tier, index: index, vpc: vpc.address, cidrBlock: pair.1, availabilityZone: pair.0,
          isPublic: isPublic,
          clusterName: clusterName, ownership: ownership, ec2: ec2)
      }
    }
    let publics = subnets("public", layout.publicCidrs, isPublic: true)
    let privates = subnets("private", layout.privateCidrs, isPublic: false)
    resources += publics as [any Resource] + privates as [any Resource]
    resources.append(
      RouteTableResource(
        name: "public", vpc: vpc.address, defaultRoute: .internetGateway(gateway.address),
        subnets: publics.map(\.address), ownership: ownership, ec2: ec2))
    if network.natGateways == 0 {
      resources.append(
        RouteTableResource(
          name: "private", vpc: vpc.address, defaultRoute: nil, subnets: privates.map(\.address),
          ownership: ownership,
          ec2: ec2))
    }
    for index in 0..<network.natGateways {
      let eip = ElasticIPResource(name: "nat", index: index, ownership: ownership, ec2: ec2)
      let nat = NATGatewayResource(
        index: index, subnet: publics[index].address, eip: eip.address, internetGateway: gateway.address,
        ownership: ownership, ec2: ec2)
      // Private subnets share the NAT gateways round-robin.
      let served = privates.indices.filter { $0 % network.natGateways == index }.map { privates[$0].address }
      resources += [
        eip, nat,
        RouteTableResource(
          name: "private[\(index)]", vpc: vpc.address, defaultRoute: .natGateway(nat.address),
          subnets: served,
          ownership: ownership, ec2: ec2),
      ]
    }
    self.vpc = vpc.address
    self.publicSubnets = publics.map(\.address)
    self.privateSubnets = privates.map(\.address)
    self.resources = resources
  }
}
