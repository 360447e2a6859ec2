/// EC2 resources as eks-spark reads them (the fields it plans with).
public struct EC2VPC: Sendable, Hashable {
  public var id: String
  public var cidrBlock: String
  public var state: String
  public var tags: [String: String]

  init(_ node: XMLNode) {
    id = node.string("vpcId") ?? ""
    cidrBlock = node.string("cidrBlock") ?? ""
    state = node.string("state") ?? ""
    tags = node.tagMap("tagSet")
  }
}

public struct EC2Subnet: Sendable, Hashable {
  public var id: String
  public var vpcID: String
  public var cidrBlock: String
  public var availabilityZone: String
  public var state: String
  public var mapPublicIPOnLaunch: Bool
  public var tags: [String: String]

  init(_ node: XMLNode) {
    id = node.string("subnetId") ?? ""
    vpcID = node.string("vpcId") ?? ""
    cidrBlock = node.string("cidrBlock") ?? ""
    availabilityZone = node.string("availabilityZone") ?? ""
    state = node.string("state") ?? ""
    mapPublicIPOnLaunch = node.string("mapPublicIpOnLaunch") == "true"
    tags = node.tagMap("tagSet")
  }
}

public struct EC2InternetGateway: Sendable, Hashable {
  public var id: String
  /// The VPCs it is attached to.
  public var vpcIDs: [String]
  public var tags: [String: String]

  init(_ node: XMLNode) {
    id = node.string("internetGatewayId") ?? ""
    vpcIDs = node.items("attachmentSet").compactMap { $0.string("vpcId") }
    tags = node.tagMap("tagSet")
  }
}

public struct EC2Address: Sendable, Hashable {
  public var allocationID: String
  public var publicIP: String
  public var associationID: String?
  public var tags: [String: String]

  init(_ node: XMLNode) {
    allocationID = node.string("allocationId") ?? ""
    publicIP = node.string("publicIp") ?? ""
    associationID = node.string("associationId")
    tags = node.tagMap("tagSet")
  }
}

public struct EC2NATGateway: Sendable, Hashable {
  public var id: String
  public var subnetID: String
  public var vpcID: String
  /// pending, available, deleting, deleted, failed.
  public var state: String
  public var allocationIDs: [String]
  public var tags: [String: String]

  init(_ node: XMLNode) {
    id = node.string("natGatewayId") ?? ""
    subnetID = node.string("subnetId") ?? ""
    vpcID = node.string("vpcId") ?? ""
    state = node.string("state") ?? ""
    allocationIDs = node.items("natGatewayAddressSet").compactMap { $0.string("allocationId") }
    tags = node.tagMap("tagSet")
  }
}

public struct EC2Route: Sendable, Hashable {
  public var destinationCIDR: String
  public var gatewayID: String?
  public var natGatewayID: String?
  public var state: String?
}

public struct EC2RouteTableAssociation: Sendable, Hashable {
  public var id: String
  public var subnetID: String?
  public var isMain: Bool
}

public struct EC2RouteTable: Sendable, Hashable {
  public var id: String
  public var vpcID: String
  public var routes: [EC2Route]
  public var associations: [EC2RouteTableAssociation]
  public var tags: [String: String]

  init(_ node: XMLNode) {
    id = node.string("routeTableId") ?? ""
    vpcID = node.string("vpcId") ?? ""
    routes = node.items("routeSet").map {
      EC2Route(
        destinationCIDR: $0.string("destinationCidrBlock") ?? "", gatewayID: $0.string("gatewayId"),
        natGatewayID: $0.string("natGatewayId"), state: $0.string("state"))
    }
    associations = node.items("associationSet").map {
      EC2RouteTableAssociation(
        id: $0.string("routeTableAssociationId") ?? "", subnetID: $0.string("subnetId"),
        isMain: $0.string("main") == "true")
    }
    tags = node.tagMap("tagSet")
  }
}

public struct EC2AvailabilityZone: Sendable, Hashable {
  public var name: String
  public var zoneID: String
  public var state: String
}

public struct EC2SecurityGroup: Sendable, Hashable {
  public var id: String
  public var name: String
  public var vpcID: String
  public var tags: [String: String]
}
