/// `network:` — a new VPC eks-spark creates, or an existing one by id.
public struct NetworkConfig: Sendable, Equatable {
  /// The new VPC's CIDR block (ignored with `vpcId`).
  public var cidr: String
  /// How many availability zones the new VPC spans (a public and a private subnet in each).
  public var availabilityZones: Int
  /// NAT gateways for the private subnets (1 shares one; one per AZ survives an AZ outage).
  public var natGateways: Int
  /// An existing VPC to use instead of creating one.
  public var vpcId: String?
  /// The existing VPC's subnets for the cluster and Fargate (private ones for Fargate).
  public var subnetIds: [String]

  /// True when the stack uses an existing VPC.
  public var usesExistingVpc: Bool { vpcId != nil }
}
