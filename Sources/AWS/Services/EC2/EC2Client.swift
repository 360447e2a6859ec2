/// Amazon EC2's networking: VPCs, subnets, internet and NAT gateways, Elastic IPs, route
/// tables, availability zones, security groups and tags. Creates take tags as
/// TagSpecifications so a resource is never untagged, even if the run stops right after.
public struct EC2Client: Sendable {
  public let client: AWSClient

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .ec2, configuration: configuration)
  }

  // MARK: VPCs

  public func createVPC(cidrBlock: String, tags: [String: String] = [:]) async throws -> EC2VPC {
    var parameters = QueryParameters()
    parameters["CidrBlock"] = cidrBlock
    tagSpecification(&parameters, "vpc", tags)
    return EC2VPC(try await result("CreateVpc", parameters, "vpc", idempotent: false))
  }

  public func describeVPCs(ids: [String] = [], filters: [String: [String]] = [:]) async throws -> [EC2VPC] {
    try await describe("DescribeVpcs", ids: ("VpcId", ids), filters: filters, list: "vpcSet").map(EC2VPC.init)
  }

  public func deleteVPC(id: String) async throws {
    _ = try await call("DeleteVpc", ["VpcId": id])
  }

  /// Sets `enableDnsHostnames` or `enableDnsSupport` (EKS needs both).
  public func modifyVPCAttribute(id: String, enableDNSHostnames: Bool? = nil, enableDNSSupport: Bool? = nil)
    async throws
  {
    var parameters = QueryParameters()
    parameters["VpcId"] = id
    parameters["EnableDnsHostnames.Value"] = enableDNSHostnames.map { String($0) }
    parameters["EnableDnsSupport.Value"] = enableDNSSupport.map { String($0) }
    _ = try await client.query("ModifyVpcAttribute", parameters)
  }

  // MARK: Subnets

  public func createSubnet(
    vpcID: String, cidrBlock: String, availabilityZone: String? = nil, tags: [String: String] = [:]
  ) async throws -> EC2Subnet {
    var parameters = QueryParameters()
    parameters["VpcId"] = vpcID
    parameters["CidrBlock"] = cidrBlock
    parameters["AvailabilityZone"] = availabilityZone
    tagSpecification(&parameters, "subnet", tags)
    return EC2Subnet(try await result("CreateSubnet", parameters, "subnet", idempotent: false))
  }

  public func describeSubnets(ids: [String] = [], filters: [String: [String]] = [:]) async throws
    -> [EC2Subnet]
  {
    try await describe("DescribeSubnets", ids: ("SubnetId", ids), filters: filters, list: "subnetSet")
      .map(EC2Subnet.init)
  }

  public func deleteSubnet(id: String) async throws {
    _ = try await call("DeleteSubnet", ["SubnetId": id])
  }

  /// Public subnets give instances public addresses (NAT gateways live there).
  public func modifySubnetAttribute(id: String, mapPublicIPOnLaunch: Bool) async throws {
    _ = try await call(
      "ModifySubnetAttribute", ["SubnetId": id, "MapPublicIpOnLaunch.Value": String(mapPublicIPOnLaunch)])
  }

  // MARK: Internet gateways

  public func createInternetGateway(tags: [String: String] = [:]) async throws -> EC2InternetGateway {
    var parameters = QueryParameters()
    tagSpecification(&parameters, "internet-gateway", tags)
    return EC2InternetGateway(
      try await result("CreateInternetGateway", parameters, "internetGateway", idempotent: false))
  }

  public func attachInternetGateway(id: String, vpcID: String) async throws {
    _ = try await call("AttachInternetGateway", ["InternetGatewayId": id, "VpcId": vpcID])
  }

  public func detachInternetGateway(id: String, vpcID: String) async throws {
    _ = try await call("DetachInternetGateway", ["InternetGatewayId": id, "VpcId": vpcID])
  }

  public func deleteInternetGateway(id: String) async throws {
    _ = try await call("DeleteInternetGateway", ["InternetGatewayId": id])
  }

  public func describeInternetGateways(ids: [String] = [], filters: [String: [String]] = [:]) async throws
    -> [EC2InternetGateway]
  {
    try await describe(
      "DescribeInternetGateways", ids: ("InternetGatewayId", ids), filters: filters,
      list: "internetGatewaySet"
    ).map(EC2InternetGateway.init)
  }

  // MARK: Helpers

  func call(_ action: String, _ values: [String: String]) async throws -> XMLNode {
    var parameters = QueryParameters()
    for key in values.keys.sorted() { parameters[key] = values[key] }
    return try await client.query(action, parameters)
  }

  func result(_ action: String, _ parameters: QueryParameters, _ element: String, idempotent: Bool = true)
    async throws -> XMLNode
  {
    let root = try await client.query(action, parameters, idempotent: idempotent)
    guard let node = root.child(element) else {
      throw AWSError.decoding("ec2", action, "the response has no \(element)")
    }
    return node
  }

  func tagSpecification(_ parameters: inout QueryParameters, _ resourceType: String, _ tags: [String: String])
  {
    guard !tags.isEmpty else { return }
    parameters["TagSpecification.1.ResourceType"] = resourceType
    parameters.tags("TagSpecification.1.Tag", tags, member: false)
  }

  /// Follows `NextToken` pages of a Describe call and returns the list's items.
  func describe(
    _ action: String, ids: (String, [String]), filters: [String: [String]], list: String,
    paginated: Bool = true
  ) async throws -> [XMLNode] {
    var parameters = QueryParameters()
    parameters.list(ids.0, ids.1, member: false)
    parameters.filters(filters)
    var items: [XMLNode] = []
    while true {
      let root = try await client.query(action, parameters)
      items += root.items(list)
      guard paginated, let token = root.string("nextToken"), !token.isEmpty else { return items }
      parameters["NextToken"] = token
    }
  }
}
