import AWS
import Foundation
import Testing

/// A create whose answer is lost (the sandbox's `lose-response`: the request reaches AWS,
/// the answer never comes back) must not leave a twin, and a twin that exists is shown by
/// plan and removed by apply.
///
/// An extension of `StackCommandTests` so it runs in that serialized suite: the faults
/// injected here would reach the other suites' requests.
extension StackCommandTests {
  static func loseResponse(_ operations: [String]) async throws {
    let rules = operations.map { #"{"kind": "lose-response", "operation": "\#($0)", "times": 1}"# }
    try await Sandbox.control(.put, "/faults", #"{"rules": [\#(rules.joined(separator: ", "))]}"#)
  }

  @Test(
    "a lost CreateVpc and AllocateAddress answer leave one VPC and one address, and plan then has no changes")
  func lostCreateResponses() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    let stack = try StackFixture("lost")
    try await Self.loseResponse(["CreateVpc", "AllocateAddress"])
    try await stack.apply()
    try await Sandbox.control(.delete, "/faults")
    let inventory = try await stack.inventory()
    #expect(inventory == StackFixture.applied, "\(inventory)")
    #expect(try await stack.plan().status == 0)
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
    #expect(try await stack.inventory().isEmpty)
  }

  @Test("a twin VPC tagged with the stack's address is an orphan: plan shows it, apply deletes it")
  func twinIsAnOrphan() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let stack = try StackFixture("twin")
    try await stack.apply()
    let ec2 = try EC2Client(configuration: Sandbox.configuration())
    let original = try await ec2.describeVPCs(filters: ["tag:eks-spark.io/stack": [stack.prefix]])
    let tags = try #require(original.first?.tags)
    let twin = try await ec2.createVPC(cidrBlock: "10.40.0.0/16", tags: tags)
    let plan = try await stack.plan()
    #expect(plan.status == 2)
    #expect((plan.add, plan.change, plan.destroy) == (0, 0, 1))
    let changes = plan.json["changes"] as? [[String: Any]] ?? []
    #expect(changes.map { $0["address"] as? String } == ["aws.ec2.vpc.main#\(twin.id)"])
    try await stack.apply()
    #expect(
      try await ec2.describeVPCs(filters: ["tag:eks-spark.io/stack": [stack.prefix]]).map(\.id)
        == original.map(\.id))
    #expect(try await stack.plan().status == 0)
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
    #expect(try await stack.inventory().isEmpty)
  }

  @Test("the answer lost at every mutating request of an apply: a second apply converges, with no twins")
  func lostAtEveryBoundary() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let clean = try StackFixture("sweep")
    let start = try await RequestLog.last()
    try await clean.apply()
    let operations = try await RequestLog.entries(since: start).filter(\.isResourceWrite).map(\.operation)
    try await clean.run(["destroy", "--auto-approve", "--delete-data"])
    var seen: Set<String> = []
    let distinct = operations.filter { seen.insert($0).inserted }
    #expect(distinct.contains("CreateVpc"))
    for operation in distinct {
      let stack = try StackFixture("sweep")
      try await Self.loseResponse([operation])
      let first = try await stack.run(["apply", "--auto-approve"])
      try await Sandbox.control(.delete, "/faults")
      let second = try await stack.run(["apply", "--auto-approve"])
      #expect(second.status == 0, "\(operation): \(first.stderr)\n\(second.stderr)")
      let inventory = try await stack.inventory()
      #expect(inventory == StackFixture.applied, "\(operation): \(inventory)")
      let plan = try await stack.plan()
      #expect(plan.status == 0, "\(operation): plan after the lost answer has changes: \(plan.json)")
      try await stack.run(["destroy", "--auto-approve", "--delete-data"])
    }
  }
}
