import AWS
import Foundation
import Testing

@Suite("EC2 against the sandbox", .enabled(if: Sandbox.isAvailable))
struct EC2IntegrationTests {
  let ec2 = try! EC2Client(configuration: Sandbox.configuration())

  @Test("a VPC with public and private routing, built and torn down")
  func network() async throws {
    let stack = Sandbox.unique("net")
    let tags = ["eks-spark.io/stack": stack]
    let vpc = try await ec2.createVPC(cidrBlock: "10.20.0.0/16", tags: tags)
    #expect(vpc.tags == tags)
    try await ec2.modifyVPCAttribute(id: vpc.id, enableDNSHostnames: true)
    try await ec2.modifyVPCAttribute(id: vpc.id, enableDNSSupport: true)
    #expect(try await ec2.describeVPCs(filters: ["tag:eks-spark.io/stack": [stack]]).map(\.id) == [vpc.id])

    let zones = try await ec2.describeAvailabilityZones()
    #expect(zones.count >= 2)
    let subnet = try await ec2.createSubnet(
      vpcID: vpc.id, cidrBlock: "10.20.1.0/24", availabilityZone: zones[0].name, tags: tags)
    try await ec2.modifySubnetAttribute(id: subnet.id, mapPublicIPOnLaunch: true)
    let described = try await ec2.describeSubnets(ids: [subnet.id])
    #expect(
      described.first?.mapPublicIPOnLaunch == true && described.first?.availabilityZone == zones[0].name)

    let gateway = try await ec2.createInternetGateway(tags: tags)
    try await ec2.attachInternetGateway(id: gateway.id, vpcID: vpc.id)
    #expect(try await ec2.describeInternetGateways(ids: [gateway.id]).first?.vpcIDs == [vpc.id])

    let address = try await ec2.allocateAddress(tags: tags)
    #expect(try await ec2.describeAddresses(allocationIDs: [address.allocationID]).count == 1)
    let nat = try await ec2.createNATGateway(
      subnetID: subnet.id, allocationID: address.allocationID, tags: tags)
    #expect(try await ec2.describeNATGateways(ids: [nat.id]).first?.subnetID == subnet.id)

    let table = try await ec2.createRouteTable(vpcID: vpc.id, tags: tags)
    try await ec2.createRoute(routeTableID: table.id, destinationCIDR: "0.0.0.0/0", gatewayID: gateway.id)
    let association = try await ec2.associateRouteTable(routeTableID: table.id, subnetID: subnet.id)
    let tables = try await ec2.describeRouteTables(ids: [table.id])
    #expect(tables.first?.routes.contains { $0.gatewayID == gateway.id } == true)
    #expect(tables.first?.associations.contains { $0.subnetID == subnet.id } == true)

    let groups = try await ec2.describeSecurityGroups(filters: ["vpc-id": [vpc.id]])
    #expect(groups.contains { $0.name == "default" })

    try await ec2.createTags(resourceIDs: [vpc.id], tags: ["extra": "1"])
    try await ec2.deleteTags(resourceIDs: [vpc.id], keys: ["extra"])
    #expect(try await ec2.describeVPCs(ids: [vpc.id]).first?.tags["extra"] == nil)

    try await ec2.disassociateRouteTable(associationID: association)
    try await ec2.deleteRouteTable(id: table.id)
    try await ec2.deleteNATGateway(id: nat.id)
    try await ec2.releaseAddress(allocationID: address.allocationID)
    try await ec2.detachInternetGateway(id: gateway.id, vpcID: vpc.id)
    try await ec2.deleteInternetGateway(id: gateway.id)
    try await ec2.deleteSubnet(id: subnet.id)
    try await ec2.deleteVPC(id: vpc.id)
    #expect(try await ec2.describeVPCs(filters: ["tag:eks-spark.io/stack": [stack]]).isEmpty)
  }
}
