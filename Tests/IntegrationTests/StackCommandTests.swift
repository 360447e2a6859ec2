import AWS
import Foundation
import Testing

/// `eks-spark plan/apply/status/destroy` end to end against the sandbox: the stack
/// commands' whole contract, from nothing to destroyed. Serialized: the throttling and kill tests read and steer the shared sandbox.
/// Run apart from the other integration suites (mk/integration.mk), since faults injected
/// here would reach their requests too.
@Suite("stack apply against the sandbox", .serialized, .enabled(if: Sandbox.isAvailable))
struct StackCommandTests {
  init() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    // Every stack here uses the sandbox's one cluster name (its Kubernetes API answers for
    // that name only); a test before may have left it.
    try await StackFixture.releaseSandboxCluster()
  }

  @Test(
    "apply from nothing, then plan has no changes; a new CIDR is one in-place update; a deleted resource is re-created; destroy keeps only the retained bucket"
  )
  func lifecycle() async throws {
    var stack = try StackFixture("life")
    #expect(try await stack.plan().status == 2)
    try await stack.apply()
    let inventory = try await stack.inventory()
    #expect(inventory == StackFixture.applied, "\(inventory)")
    let second = try await stack.plan()
    #expect(second.status == 0)
    #expect((second.add, second.change, second.destroy) == (0, 0, 0))

    stack.allowedCidrs.append("198.51.100.0/24")
    try stack.write()
    let widened = try await stack.plan()
    #expect(widened.status == 2)
    #expect((widened.add, widened.change, widened.destroy) == (0, 1, 0))
    let changes = (widened.json["changes"] as? [[String: Any]] ?? []).filter {
      ($0["action"] as? String) != "no-op"
    }
    #expect(changes.count == 1)
    #expect(changes.first?["address"] as? String == "aws.eks.cluster.main")
    try await stack.apply()
    #expect(try await stack.plan().status == 0)

    // Behind eks-spark's back: the pod execution role's Fargate profiles stay, the
    // internet gateway goes.
    let ec2 = try EC2Client(configuration: Sandbox.configuration())
    let gateway = try #require(
      try await ec2.describeInternetGateways(filters: ["tag:eks-spark.io/stack": [stack.prefix]]).first)
    for vpc in gateway.vpcIDs { try await ec2.detachInternetGateway(id: gateway.id, vpcID: vpc) }
    try await ec2.deleteInternetGateway(id: gateway.id)
    let drifted = try await stack.plan()
    let recreated = (drifted.json["changes"] as? [[String: Any]] ?? []).filter {
      ($0["action"] as? String) == "create"
    }.compactMap { $0["address"] as? String }
    #expect(recreated == ["aws.ec2.internetGateway.main"])
    try await stack.apply()
    #expect(try await stack.plan().status == 0)

    let status = try await stack.run(["status", "-o", "json"])
    #expect(status.status == 0)
    #expect(status.stdout.contains("\"in-sync\""))
    // Every data command's -o json is JSON (plan's is read by `stack.plan()` above).
    for arguments in [["status", "-o", "json"], ["plan", "-o", "json"]] {
      let outcome = try await stack.run(arguments)
      #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) != nil,
        "\(arguments) printed no JSON: \(outcome.stdout.prefix(300))")
    }
    let yaml = try await stack.run(["status", "-o", "yaml"])
    #expect(yaml.status == 0)
    #expect(yaml.stdout.contains("resources:"))

    let destroyed = try await stack.run(["destroy", "--auto-approve"])
    #expect(destroyed.status == 0, "\(destroyed.stderr)")
    #expect(try await stack.inventory() == ["bucket": 1])
  }

  @Test("bad credentials fail before any write")
  func badCredentials() async throws {
    let stack = try StackFixture("creds")
    let before = try await RequestLog.last()
    let outcome = try await stack.run(
      ["apply", "--auto-approve"],
      environment: ["AWS_SECRET_ACCESS_KEY": "wrong-secret-0000000000000000000000000000"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("credentials"))
    let calls = try await RequestLog.entries(since: before)
    #expect(!calls.isEmpty)
    #expect(calls.filter { RequestLog.isMutating($0.operation) }.map(\.operation) == [])
  }

  @Test("with 30% of requests throttled, apply still succeeds")
  func throttled() async throws {
    let stack = try StackFixture("throttle")
    // Only eks-spark's own calls: the emulator verifies every Kubernetes token through STS,
    // which EKS's API server does outside the caller's request quota.
    try await Sandbox.control(
      .put, "/faults",
      #"{"rules": [{"kind": "throttle", "probability": 0.3, "user_agent": "eks-spark/"}], "seed": 7}"#)
    let outcome = try await stack.run(["apply", "--auto-approve"])
    try await Sandbox.control(.delete, "/faults")
    #expect(outcome.status == 0, "\(outcome.stderr)\n\(outcome.stdout)")
    #expect(try await stack.plan().status == 0)
    let inventory = try await stack.inventory()
    #expect(inventory == StackFixture.applied, "\(inventory)")
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }

  @Test("a VPC of another stack with the same Name tag is never touched")
  func foreignVPC() async throws {
    let stack = try StackFixture("foreign")
    let ec2 = try EC2Client(configuration: Sandbox.configuration())
    let foreignTags = ["Name": "\(stack.prefix)-vpc", "eks-spark.io/stack": "someone-else"]
    let foreign = try await ec2.createVPC(cidrBlock: "10.40.0.0/16", tags: foreignTags)
    try await stack.apply()
    #expect(try await stack.inventory()["vpc"] == 1)
    let destroyed = try await stack.run(["destroy", "--auto-approve", "--delete-data"])
    #expect(destroyed.status == 0, "\(destroyed.stderr)")
    let after = try await ec2.describeVPCs(ids: [foreign.id])
    #expect(after.first?.tags == foreignTags)
    #expect(try await stack.inventory().isEmpty)
    try await ec2.deleteVPC(id: foreign.id)
  }

  @Test("two applies started together leave one set of resources; the second names the holder")
  func concurrentApplies() async throws {
    let stack = try StackFixture("race")
    let first = try stack.start(["apply", "--auto-approve"])
    let second = try stack.start(["apply", "--auto-approve"])
    let outcomes = [
      await stack.finish(first.0, first.1, first.2), await stack.finish(second.0, second.1, second.2),
    ]
    #expect(outcomes.filter { $0.status == 0 }.count >= 1)
    for loser in outcomes where loser.status != 0 {
      #expect(loser.status == 3, "the lock-held status of docs/exit-codes.md")
      #expect(loser.stderr.contains("is locked by arn:aws:iam::123456789012:user/"))
      #expect(loser.stderr.contains(" since "))
    }
    let inventory = try await stack.inventory()
    #expect(inventory == StackFixture.applied, "\(inventory)")
    // Waiting instead of stopping: the second run takes the lock once the first is done.
    let third = try stack.start(["apply", "--auto-approve"])
    let fourth = try stack.start(["apply", "--auto-approve", "--lock-timeout", "60s"])
    let more = [
      await stack.finish(third.0, third.1, third.2), await stack.finish(fourth.0, fourth.1, fourth.2),
    ]
    #expect(more[1].status == 0, "\(more[1].stderr)")
    let after = try await stack.inventory()
    #expect(after == StackFixture.applied, "\(after)")
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }

  @Test(
    "a new role that has not propagated is an expected wait: a short, growing retry that says what it awaits, and the cluster is polled near the moment it is ready"
  )
  func rolePropagationWait() async throws {
    try await Sandbox.control(.put, "/latency", #"{"overrides": {"iam_propagation": 0.6}}"#)
    let stack = try StackFixture("propagate")
    let started = Date()
    let outcome = try await stack.run(
      ["apply", "--auto-approve"], environment: ["EKS_SPARK_POLL_FLOOR": "0.1"])
    let wall = Date().timeIntervalSince(started)
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("Waiting for the new IAM role to propagate..."), "\(outcome.stdout)")
    #expect(!outcome.stdout.contains("Retrying"), "\(outcome.stdout)")
    #expect(!outcome.stdout.contains("could not be assumed"), "the API's words belong to --debug")
    // The fast profile's path: 0.6 s propagation, a 2 s cluster, two 1 s profiles one at a
    // time; a fixed 10 s retry or a 5 s first poll would each pass 8 s.
    #expect(wall < 8, "apply took \(wall) s")
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }
}
