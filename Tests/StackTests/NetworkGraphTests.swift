import AWS
import Config
import Engine
import Foundation
import TestSupport
import Testing

@testable import Stack

@Suite("network graph")
struct NetworkGraphTests {
  static func stack(_ network: String) throws -> Config.Stack {
    let text = """
      apiVersion: eks-spark.io/v1alpha1
      kind: Stack
      metadata:
        prefix: demo
        region: eu-west-1
      network:
      \(network)
      jobs:
        - name: pi
          image: apache/spark:3.5.3-python3
          mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
      """
    let validation = StackLoader(pathExists: { _ in true }).validate(text: text, file: "stack.yaml")
    return try #require(validation.stack, "\(validation.problems)")
  }

  static func ec2() throws -> EC2Client {
    // Building a client does no I/O; these tests never send a request.
    try EC2Client(
      configuration: AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:]))
  }

  static func graph(_ network: String, zones: [String] = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]) throws
    -> NetworkGraph
  {
    let stack = try stack(network)
    return try NetworkGraph(
      network: stack.network, clusterName: "demo-cluster", zones: zones, ownership: Ownership(prefix: "demo"),
      ec2: try ec2())
  }

  @Test("lays out a VPC, gateway, subnets per zone, NAT gateways and route tables")
  func addresses() throws {
    let network = try Self.graph("  cidr: 10.36.0.0/16\n  availabilityZones: 2\n  natGateways: 1")
    let graph = try ResourceGraph(network.resources)
    #expect(
      graph.order.map(\.description) == [
        "aws.ec2.eip.nat[0]", "aws.ec2.vpc.main", "aws.ec2.internetGateway.main", "aws.ec2.subnet.private[0]",
        "aws.ec2.subnet.private[1]", "aws.ec2.subnet.public[0]", "aws.ec2.natGateway.main[0]",
        "aws.ec2.routeTable.private[0]", "aws.ec2.subnet.public[1]", "aws.ec2.routeTable.public",
      ])
  }

  @Test("plans the network from nothing, ids known after apply")
  func planFromNothing() throws {
    let network = try Self.graph("  cidr: 10.36.0.0/16\n  availabilityZones: 2\n  natGateways: 1")
    let plan = try Planner.diff(try ResourceGraph(network.resources), live: [:])
    #expect(plan.summary == PlanSummary(add: 10, change: 0, destroy: 0))
    let text = PlanTextRenderer().render(plan)
    try Golden().check(text, "network-plan.txt")
  }

  @Test("subnets carry the tags EKS looks for")
  func subnetTags() throws {
    let network = try Self.graph("  cidr: 10.36.0.0/16\n  availabilityZones: 2\n  natGateways: 1")
    let graph = try ResourceGraph(network.resources)
    let publicTags = graph[network.publicSubnets[0]]?.desired(Inputs())?["tags"]?.mapValue
    let privateTags = graph[network.privateSubnets[1]]?.desired(Inputs())?["tags"]?.mapValue
    #expect(publicTags?["kubernetes.io/role/elb"] == "1")
    #expect(privateTags?["kubernetes.io/role/internal-elb"] == "1")
    #expect(privateTags?["kubernetes.io/cluster/demo-cluster"] == "shared")
    #expect(privateTags?["eks-spark.io/stack"] == "demo")
    #expect(privateTags?["eks-spark.io/address"] == "aws.ec2.subnet.private[1]")
  }

  @Test("private subnets share NAT gateways round-robin")
  func natSharing() throws {
    let network = try Self.graph("  cidr: 10.36.0.0/16\n  availabilityZones: 3\n  natGateways: 2")
    let graph = try ResourceGraph(network.resources)
    let first = try #require(graph[Address("aws.ec2.routeTable", "private[0]")])
    let second = try #require(graph[Address("aws.ec2.routeTable", "private[1]")])
    #expect(first.dependencies.map(\.description).contains("aws.ec2.subnet.private[2]"))
    #expect(second.dependencies.map(\.description).contains("aws.ec2.natGateway.main[1]"))
  }

  @Test("refuses more zones than the region has")
  func tooFewZones() throws {
    let error = try #require(throws: StackError.self) {
      try Self.graph("  cidr: 10.36.0.0/16\n  availabilityZones: 3\n  natGateways: 1", zones: ["eu-west-1a"])
    }
    #expect(error.code == .notEnoughZones)
  }

  @Test(
    "splits the VPC block into a public and a private subnet per zone",
    arguments: [
      ("10.36.0.0/16", 2, ["10.36.0.0/18", "10.36.64.0/18"], ["10.36.128.0/18", "10.36.192.0/18"]),
      (
        "10.0.0.0/16", 3, ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"],
        ["10.0.96.0/19", "10.0.128.0/19", "10.0.160.0/19"]
      ),
    ])
  func layout(cidr: String, zones: Int, publics: [String], privates: [String]) throws {
    let layout = try SubnetLayout(vpcCidr: cidr, zones: zones)
    #expect(layout.publicCidrs == publics)
    #expect(layout.privateCidrs == privates)
  }
}

@Test(
  "tells whether the caller's address is inside the allowed CIDRs",
  arguments: [
    ("203.0.113.7", ["203.0.113.0/24"], true), ("198.51.100.1", ["203.0.113.0/24"], false),
    ("10.1.2.3", ["0.0.0.0/0"], true), ("10.1.2.3", ["10.1.2.3/32", "192.0.2.0/24"], true),
    ("not-an-ip", ["0.0.0.0/0"], false),
  ])
func allowedAddress(address: String, cidrs: [String], allowed: Bool) {
  #expect(Preflight.isAllowed(address: address, cidrs: cidrs) == allowed)
}

@Test("a missing upload source is an error before anything is written")
func missingUpload() throws {
  let error = try #require(throws: StackError.self) {
    try UploadFiles.scan(
      directory: "/nonexistent/eks-spark", root: "/nonexistent", prefix: "raw/", partSize: 8,
      multipartThreshold: 16)
  }
  #expect(error.code == .invalidUploads)
}

@Test("an existing VPC is checked, not created: its subnets serve the cluster and Fargate")
func existingVPC() throws {
  let network = try NetworkGraphTests.graph(
    "  vpcId: vpc-0a1b2c3d4e5f67890\n  subnetIds: [subnet-0a1b2c3d4e5f67890, subnet-0a1b2c3d4e5f67891]")
  #expect(
    network.resources.map(\.address.description) == [
      "aws.ec2.vpc.main", "aws.ec2.subnet.existing[0]", "aws.ec2.subnet.existing[1]",
    ])
  #expect(network.publicSubnets.isEmpty)
  #expect(network.privateSubnets.count == 2)
  // Nothing to create: the desired state is only the id, which the read confirms.
  let subnet = try #require(network.resources.last)
  #expect(subnet.desired(Inputs()) == ["id": "subnet-0a1b2c3d4e5f67891"])
}
