import AWS
import Config
import Engine
import Foundation
import Testing

@testable import Stack

@Suite("stack graph")
struct StackGraphTests {
  static func exampleStack() throws -> Config.Stack {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples/stack.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let validation = StackLoader(pathExists: { _ in true }).validate(text: text, file: "stack.yaml")
    return try #require(validation.stack, "\(validation.errors)")
  }

  static func graph() throws -> StackGraph {
    let configuration = AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:])
    return try StackGraph(
      stack: try exampleStack(), accountID: "123456789012",
      zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      clients: try AWSClients(configuration: configuration))
  }

  @Test("the cluster needs its role and every subnet; profiles need the cluster")
  func dependencies() throws {
    let stack = try Self.graph()
    let graph = try ResourceGraph(stack.resources)
    let cluster = try #require(graph[stack.cluster])
    #expect(
      Set(cluster.dependencies.map(\.description)).isSuperset(of: [
        "aws.iam.role.cluster", "aws.ec2.subnet.private[0]",
      ]))
    let profile = try #require(graph[Address("aws.eks.fargateProfile", "spark-operator")])
    #expect(profile.dependencies.contains(stack.cluster))
    #expect(profile.constraintGroup == ConstraintGroup("fargate-profile:spark-eks-cluster"))
    #expect(profile.replacementStrategy == .createBeforeDestroy)
    let target = try graph.subgraph(targets: ["aws.eks.cluster.main"])
    #expect(
      target.order.map(\.description) == [
        "aws.ec2.vpc.main", "aws.ec2.subnet.private[0]", "aws.ec2.subnet.private[1]",
        "aws.ec2.subnet.public[0]",
        "aws.ec2.subnet.public[1]", "aws.iam.role.cluster", "aws.eks.cluster.main",
      ])
  }

  @Test("the pod execution role trusts only this cluster's Fargate profiles")
  func podRoleTrust() throws {
    let stack = try Self.graph()
    let graph = try ResourceGraph(stack.resources)
    let role = try #require(graph[Address("aws.iam.role", "fargate-pod-execution")])
    let trust = try #require(role.desired(Inputs())?["trustPolicy"])
    #expect(
      try trust.jsonText()
        == #"{"Statement":[{"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:eks:eu-west-1:123456789012:fargateprofile/spark-eks-cluster/*"}},"Effect":"Allow","Principal":{"Service":"eks-fargate-pods.amazonaws.com"}}],"Version":"2012-10-17"}"#
    )
  }

  @Test("the example stack's AWS half plans as the golden file shows")
  func planGolden() throws {
    let plan = try Planner.diff(try ResourceGraph(try Self.graph().resources), live: [:])
    let text = PlanTextRenderer().render(plan)
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Golden/stack-plan.txt")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try text.write(to: golden, atomically: true, encoding: .utf8)
    }
    #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
  }

  @Test(
    "a version change is an in-place upgrade, one minor at a time",
    arguments: [
      ("1.30", "1.32", ["1.31", "1.32"]), ("1.31", "1.32", ["1.32"]), ("1.32", "1.31", []),
      ("1.32", "2.0", []),
    ])
  func upgradePath(from: String, to: String, steps: [String]) {
    #expect(ClusterResource.upgradePath(from: from, to: to) == steps)
  }

  @Test("the plan names the upgrade path")
  func upgradeReason() throws {
    let stack = try Self.graph()
    let graph = try ResourceGraph(stack.resources)
    let cluster = try #require(graph[stack.cluster])
    var known: [Address: Outputs] = [Address("aws.iam.role", "cluster"): ["arn": "arn:aws:iam::1:role/r"]]
    for (index, subnet) in (stack.network.privateSubnets + stack.network.publicSubnets).enumerated() {
      known[subnet] = ["id": .string("subnet-\(index)")]
    }
    let inputs = Inputs(known)
    var live = try #require(cluster.desired(inputs))
    live["version"] = "1.30"
    let change = cluster.diff(desired: cluster.desired(inputs), live: LiveState(attributes: live))
    #expect(change.action == .update)
    #expect(change.reason == "upgrades 1.30 -> 1.31 -> 1.32, one minor version at a time")
  }
}
