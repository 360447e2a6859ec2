import AWS
import Config
import Engine
import Foundation
import Stack
import Testing

/// The AWS half of the stack against the project's sandbox (`make sandbox-up`, then the
/// variables of `.sandbox/env` in the environment): apply from nothing, plan again empty,
/// drift repaired, orphans deleted, destroy leaving only the retained bucket.
@Suite(
  "stack apply against the sandbox", .serialized,
  .enabled(if: ProcessInfo.processInfo.environment["SANDBOX_CONTROL_URL"] != nil, "needs `make sandbox-up`"))
struct StackApplyTests {
  let environment = ProcessInfo.processInfo.environment
  let prefix = "it\(Int.random(in: 10000...99999))"

  func configuration() -> AWSConfiguration {
    AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: environment)
  }

  func stack(natGateways: Int = 1, cidrs: [String]? = nil, trimmed: Bool = false) throws -> Config.Stack {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples/stack.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var stack = try #require(StackLoader(pathExists: { _ in true }).validate(text: text, file: path).stack)
    stack.metadata.prefix = prefix
    stack.cluster.name = "\(prefix)-cluster"
    stack.dataLake.bucket = "\(prefix)-lake"
    for index in stack.images.indices {
      stack.images[index].repository = "\(prefix)/\(stack.images[index].name)"
    }
    for index in stack.serviceAccounts.indices {
      stack.serviceAccounts[index].iamRoleName = "\(prefix)-irsa-\(index)"
    }
    stack.network.natGateways = natGateways
    if let cidrs { stack.access.allowedCidrs = cidrs }
    if trimmed {
      stack.cluster.fargateProfiles.removeLast()
      stack.serviceAccounts.removeAll()
    }
    return stack
  }

  func graph(_ stack: Config.Stack, clients: AWSClients, retained: Bool = false) async throws -> ResourceGraph
  {
    let preflight = try await Preflight(sts: try STSClient(configuration: configuration()), ec2: clients.ec2)
      .run(for: stack)
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples").path
    let built = try StackGraph(
      stack: stack, accountID: preflight.account, zones: preflight.zones, clients: clients,
      baseDirectory: examples)
    return try ResourceGraph(
      built.resources.filter { !retained || !built.retainedOnDestroy.contains($0.address) })
  }

  @Test("apply from nothing, re-plan empty, repair drift, delete orphans, destroy")
  func lifecycle() async throws {
    let clients = try AWSClients(configuration: configuration())
    let ownership = Ownership(prefix: prefix)
    let orphans: [any OwnedResourceSource] = [
      NetworkOrphans(ownership: ownership, ec2: clients.ec2),
      ServiceOrphans(
        ownership: ownership, clusterName: "\(prefix)-cluster", cluster: Address("aws.eks.cluster", "main"),
        eks: clients.eks, iam: clients.iam),
    ]
    let graph = try await graph(try stack(), clients: clients)

    let first = try await Planner().plan(graph, owned: orphans)
    #expect(first.summary == PlanSummary(add: 21, change: 0, destroy: 0))
    let report = await Executor().execute(first)
    #expect(report.failed.isEmpty, "\(ApplyReportRenderer().render(report))")
    #expect(report.succeeded)
    let path = first.criticalPath(durations: report.durations)
    print("apply \(report.elapsed.elapsedText), critical path \(path.lowerBound.elapsedText)")

    let again = try await Planner().plan(graph, owned: orphans)
    #expect(again.actionable.map(\.address.description) == [])

    // One more allowed CIDR: exactly one in-place update of the cluster.
    let wider = try await self.graph(
      try stack(cidrs: ["203.0.113.0/24", "198.51.100.7/32"]), clients: clients)
    let widen = try await Planner().plan(wider, owned: orphans)
    #expect(widen.actionable.map(\.address.description) == ["aws.eks.cluster.main"])
    #expect(widen.actionable.map(\.action) == [.update])
    #expect(await Executor().execute(widen).succeeded)

    // Deleted behind eks-spark's back: planned for re-creation.
    _ = try await clients.ecr.deleteRepository(name: "\(prefix)/pi", force: true)
    let drift = try await Planner().plan(wider, owned: orphans)
    #expect(drift.actionable.map(\.address.description) == ["aws.ecr.repository.pi"])
    #expect(await Executor().execute(drift).succeeded)

    // No NAT gateway any more: its gateway, address and route table are orphans.
    let noNAT = try await self.graph(
      try stack(natGateways: 0, cidrs: ["203.0.113.0/24", "198.51.100.7/32"]), clients: clients)
    let shrink = try await Planner().plan(noNAT, owned: orphans)
    #expect(shrink.summary == PlanSummary(add: 1, change: 0, destroy: 3))
    #expect(await Executor().execute(shrink).succeeded)
    #expect(try await !Planner().plan(noNAT, owned: orphans).hasChanges)

    // A Fargate profile and the service account gone from the stack file: both deleted.
    let trimmed = try await self.graph(
      try stack(natGateways: 0, cidrs: ["203.0.113.0/24", "198.51.100.7/32"], trimmed: true), clients: clients
    )
    let trim = try await Planner().plan(trimmed, owned: orphans)
    #expect(
      trim.actionable.map(\.address.description).sorted() == [
        "aws.eks.fargateProfile.spark-operator", "aws.iam.role.irsa-default-spark",
      ])
    #expect(trim.actionable.allSatisfy { $0.action == .delete })
    #expect(await Executor().execute(trim).succeeded)
    #expect(try await !Planner().plan(trimmed, owned: orphans).hasChanges)

    // Destroy: everything but the retained bucket.
    let keep = try await self.graph(
      try stack(natGateways: 0, cidrs: ["203.0.113.0/24", "198.51.100.7/32"]), clients: clients,
      retained: true)
    let destroy = try await Planner().plan(keep, owned: orphans, mode: .destroy)
    #expect(await Executor().execute(destroy).succeeded)
    #expect(try await !Planner().plan(keep, owned: orphans, mode: .destroy).hasChanges)
    #expect(try await clients.s3.headBucket(name: "\(prefix)-lake"))
    let kept = try await clients.s3.listObjectsV2(bucket: "\(prefix)-lake").map(\.key)
    #expect(kept == ["raw/weather/observations-2024h1.csv"])
    for key in kept { try await clients.s3.deleteObject(bucket: "\(prefix)-lake", key: key) }
    try await clients.s3.deleteBucket(name: "\(prefix)-lake")
  }

  @Test("an existing VPC's subnets are checked to exist and to be private before any write")
  func existingNetwork() async throws {
    let ec2 = try EC2Client(configuration: configuration())
    let vpc = try await ec2.createVPC(cidrBlock: "10.77.0.0/16")
    let gateway = try await ec2.createInternetGateway()
    try await ec2.attachInternetGateway(id: gateway.id, vpcID: vpc.id)
    let open = try await ec2.createSubnet(vpcID: vpc.id, cidrBlock: "10.77.0.0/24")
    let closed = try await ec2.createSubnet(vpcID: vpc.id, cidrBlock: "10.77.1.0/24")
    let table = try await ec2.createRouteTable(vpcID: vpc.id)
    try await ec2.createRoute(routeTableID: table.id, destinationCIDR: "0.0.0.0/0", gatewayID: gateway.id)
    let association = try await ec2.associateRouteTable(routeTableID: table.id, subnetID: open.id)

    func plan(_ subnets: [String]) async throws -> Plan {
      var network = try stack().network
      network.vpcId = vpc.id
      network.subnetIds = subnets
      let graph = try NetworkGraph(
        network: network, clusterName: "c", zones: [], ownership: Ownership(prefix: prefix), ec2: ec2)
      return try await Planner().plan(try ResourceGraph(graph.resources))
    }
    let good = try await plan([closed.id])
    #expect(good.changes.map(\.action) == [.noop, .noop])
    let error = try await #require(throws: EngineError.self) { try await plan([open.id]) }
    #expect(
      error.message.contains("routes 0.0.0.0/0 to an internet gateway; Fargate pods need private subnets"))
    let missing = try await #require(throws: EngineError.self) {
      try await plan(["subnet-0000000000000000a"])
    }
    #expect(missing.message.contains("does not exist in this account and region"))

    try await ec2.disassociateRouteTable(associationID: association)
    try await ec2.deleteRouteTable(id: table.id)
    try await ec2.deleteSubnet(id: open.id)
    try await ec2.deleteSubnet(id: closed.id)
    try await ec2.detachInternetGateway(id: gateway.id, vpcID: vpc.id)
    try await ec2.deleteInternetGateway(id: gateway.id)
    try await ec2.deleteVPC(id: vpc.id)
  }
}
