import AWS
import Config
import Engine
import Foundation
import TestSupport
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

  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples").path

  static func graph() throws -> StackGraph {
    let examples = Self.examples
    let configuration = AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:])
    return try StackGraph(
      stack: try exampleStack(), accountID: "123456789012",
      zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      clients: try AWSClients(configuration: configuration), baseDirectory: examples)
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
    try Golden().check(text, "stack-plan.txt")
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

@Suite("service account roles")
struct ServiceAccountRoleTests {
  @Test("the IRSA trust names the provider, the service account and the audience")
  func trust() throws {
    let provider = Address("aws.iam.oidcProvider", "main")
    #expect(
      ServiceAccountRoles.trust(provider: provider, namespace: "default", name: "spark", inputs: Inputs())
        == .unknown)
    let inputs = Inputs([
      provider: [
        "arn": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        "issuer": "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      ]
    ])
    let trust = ServiceAccountRoles.trust(
      provider: provider, namespace: "default", name: "spark", inputs: inputs)
    #expect(
      try trust.jsonText()
        == #"{"Statement":[{"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud":"sts.amazonaws.com","oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:default:spark"}},"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"}}],"Version":"2012-10-17"}"#
    )
  }

  @Test(
    "data-lake access is scoped to the bucket and never s3:*", arguments: [DataLakeAccess.read, .readwrite])
  func dataLake(access: DataLakeAccess) throws {
    let policy = try #require(
      ServiceAccountRoles.dataLakePolicy(access: access, bucket: "lake", partition: "aws", extra: []))
    let text = try policy.jsonText()
    #expect(!text.contains("s3:*"))
    #expect(text.contains(#""Resource":"arn:aws:s3:::lake/*""#))
    #expect(text.contains("s3:PutObject") == (access == .readwrite))
    #expect(text.contains("s3:GetObject"))
  }

  @Test("no access and no statements means no policy")
  func noPolicy() {
    #expect(
      ServiceAccountRoles.dataLakePolicy(access: .none, bucket: "lake", partition: "aws", extra: []) == nil)
  }
}

@Test("cluster logging enables the listed types and turns the others off")
func clusterLogging() throws {
  let logging = EKSCluster.Logging(enabled: ["api", "audit"])
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  #expect(
    String(decoding: try encoder.encode(logging), as: UTF8.self)
      == #"{"clusterLogging":[{"enabled":true,"types":["api","audit"]},{"enabled":false,"types":["authenticator","controllerManager","scheduler"]}]}"#
  )
  #expect(logging.enabledTypes == ["api", "audit"])
}
