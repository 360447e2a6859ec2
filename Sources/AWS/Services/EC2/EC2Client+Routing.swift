extension EC2Client {
  // MARK: Elastic IPs

  public func allocateAddress(tags: [String: String] = [:]) async throws -> EC2Address {
    var parameters = QueryParameters()
    parameters["Domain"] = "vpc"
    tagSpecification(&parameters, "elastic-ip", tags)
    return EC2Address(try await client.query("AllocateAddress", parameters, idempotent: false))
  }

  public func releaseAddress(allocationID: String) async throws {
    _ = try await call("ReleaseAddress", ["AllocationId": allocationID])
  }

  public func describeAddresses(allocationIDs: [String] = [], filters: [String: [String]] = [:]) async throws
    -> [EC2Address]
  {
    try await describe(
      "DescribeAddresses", ids: ("AllocationId", allocationIDs), filters: filters, list: "addressesSet",
      paginated: false
    ).map(EC2Address.init)
  }

  // MARK: NAT gateways

  public func createNATGateway(subnetID: String, allocationID: String, tags: [String: String] = [:])
    async throws
    -> EC2NATGateway
  {
    var parameters = QueryParameters()
    parameters["SubnetId"] = subnetID
    parameters["AllocationId"] = allocationID
    tagSpecification(&parameters, "natgateway", tags)
    return EC2NATGateway(try await result("CreateNatGateway", parameters, "natGateway", idempotent: false))
  }

  public func describeNATGateways(ids: [String] = [], filters: [String: [String]] = [:]) async throws
    -> [EC2NATGateway]
  {
    var parameters = QueryParameters()
    parameters.list("NatGatewayId", ids, member: false)
    // DescribeNatGateways spells its filter list `Filter.N` like the others.
    parameters.filters(filters)
    var gateways: [EC2NATGateway] = []
    while true {
      let root = try await client.query("DescribeNatGateways", parameters)
      gateways += root.items("natGatewaySet").map(EC2NATGateway.init)
      guard let token = root.string("nextToken"), !token.isEmpty else { return gateways }
      parameters["NextToken"] = token
    }
  }

  public func deleteNATGateway(id: String) async throws {
    _ = try await call("DeleteNatGateway", ["NatGatewayId": id])
  }

  // MARK: Route tables

  public func createRouteTable(vpcID: String, tags: [String: String] = [:]) async throws -> EC2RouteTable {
    var parameters = QueryParameters()
    parameters["VpcId"] = vpcID
    tagSpecification(&parameters, "route-table", tags)
    return EC2RouteTable(try await result("CreateRouteTable", parameters, "routeTable", idempotent: false))
  }

  /// A route to an internet gateway (`gatewayID`) or a NAT gateway (`natGatewayID`).
  public func createRoute(
    routeTableID: String, destinationCIDR: String, gatewayID: String? = nil, natGatewayID: String? = nil
  ) async throws {
    var parameters = QueryParameters()
    parameters["RouteTableId"] = routeTableID
    parameters["DestinationCidrBlock"] = destinationCIDR
    parameters["GatewayId"] = gatewayID
    parameters["NatGatewayId"] = natGatewayID
    _ = try await client.query("CreateRoute", parameters)
  }

  /// Returns the association id.
  public func associateRouteTable(routeTableID: String, subnetID: String) async throws -> String {
    let root = try await call("AssociateRouteTable", ["RouteTableId": routeTableID, "SubnetId": subnetID])
    return try root.require("associationId", "ec2", "AssociateRouteTable")
  }

  public func disassociateRouteTable(associationID: String) async throws {
    _ = try await call("DisassociateRouteTable", ["AssociationId": associationID])
  }

  public func deleteRouteTable(id: String) async throws {
    _ = try await call("DeleteRouteTable", ["RouteTableId": id])
  }

  public func describeRouteTables(ids: [String] = [], filters: [String: [String]] = [:]) async throws
    -> [EC2RouteTable]
  {
    try await describe(
      "DescribeRouteTables", ids: ("RouteTableId", ids), filters: filters, list: "routeTableSet"
    )
    .map(EC2RouteTable.init)
  }

  // MARK: Zones, security groups, tags

  public func describeAvailabilityZones() async throws -> [EC2AvailabilityZone] {
    let root = try await client.query("DescribeAvailabilityZones")
    return root.items("availabilityZoneInfo").map {
      EC2AvailabilityZone(
        name: $0.string("zoneName") ?? "", zoneID: $0.string("zoneId") ?? "",
        state: $0.string("zoneState") ?? "")
    }
  }

  public func describeSecurityGroups(ids: [String] = [], filters: [String: [String]] = [:]) async throws
    -> [EC2SecurityGroup]
  {
    try await describe(
      "DescribeSecurityGroups", ids: ("GroupId", ids), filters: filters, list: "securityGroupInfo"
    )
    .map {
      EC2SecurityGroup(
        id: $0.string("groupId") ?? "", name: $0.string("groupName") ?? "", vpcID: $0.string("vpcId") ?? "",
        tags: $0.tagMap("tagSet"))
    }
  }

  public func createTags(resourceIDs: [String], tags: [String: String]) async throws {
    var parameters = QueryParameters()
    parameters.list("ResourceId", resourceIDs, member: false)
    parameters.tags("Tag", tags, member: false)
    _ = try await client.query("CreateTags", parameters)
  }

  public func deleteTags(resourceIDs: [String], keys: [String]) async throws {
    var parameters = QueryParameters()
    parameters.list("ResourceId", resourceIDs, member: false)
    for (index, key) in keys.enumerated() { parameters["Tag.\(index + 1).Key"] = key }
    _ = try await client.query("DeleteTags", parameters)
  }
}
