import TestSupport
import Testing

@testable import Engine

@Suite("plan and report rendering")
struct RenderTests {
  /// A plan with one of each kind of change, built with the pure half of the planner.
  static func samplePlan() throws -> Plan {
    let world = FakeWorld()
    let vpc = FakeResource(
      "aws.ec2.vpc", "main", world: world,
      attributes: [
        "cidrBlock": "10.0.0.0/16", "enableDnsHostnames": true, "enableDnsSupport": true,
        "tags": ["Name": "demo-vpc", "eks-spark.io/stack": "demo"],
      ])
    var cluster = FakeResource(
      "aws.eks.cluster", "main", world: world,
      attributes: [
        "name": "demo-cluster", "version": "1.31", "endpointPublicAccess": true,
        "publicAccessCidrs": ["10.0.0.0/8", "1.2.3.4/32"], "logging": ["api", "audit"],
      ])
    cluster.immutableFields = ["name", "subnetIds"]
    let provider = FakeResource("aws.iam.oidcProvider", "main", world: world, dependencies: [cluster.address])
    { _ in
      ["clientIds": ["sts.amazonaws.com"], "url": .unknown]
    }
    let role = FakeResource("aws.iam.role", "spark-irsa", world: world, dependencies: [provider.address]) {
      inputs in
      let issuer = inputs.string(provider.address, "url")
      return [
        "name": "demo-spark-irsa", "trustPolicy": issuer.map { .string($0) } ?? .unknown,
        "maxSessionDuration": 3600,
      ]
    }
    var profile = FakeResource(
      "aws.eks.fargateProfile", "spark", world: world, dependencies: [cluster.address]
    ) { _ in
      [
        "name": "demo-spark", "podExecutionRole": "arn:aws:iam::123456789012:role/demo-fargate",
        "selectors": [["namespace": "spark", "labels": ["spark-role": "driver"]]],
      ]
    }
    profile.immutableFields = ["selectors"]
    profile.replacementStrategy = .createBeforeDestroy
    let secret = FakeResource(
      "k8s.secret", "spark/registry", world: world, attributes: ["token": .sensitive("new")])
    let orphan = FakeResource("aws.s3.bucket", "scratch", world: world, build: { _ in nil })
    let live: [Address: LiveState] = [
      cluster.address: LiveState(
        attributes: [
          "name": "demo-cluster", "version": "1.31", "endpointPublicAccess": true,
          "publicAccessCidrs": ["10.0.0.0/8"], "logging": ["api", "audit"], "arn": "arn:aws:eks:x",
        ], outputs: ["oidcIssuer": "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC"]),
      profile.address: LiveState(attributes: [
        "name": "demo-spark", "podExecutionRole": "arn:aws:iam::123456789012:role/demo-fargate",
        "selectors": [["namespace": "spark"]],
      ]),
      secret.address: LiveState(attributes: ["token": .sensitive("old")]),
      orphan.address: LiveState(attributes: [
        "bucket": "demo-scratch", "tags": ["eks-spark.io/stack": "demo"],
      ]),
    ]
    return try Planner.diff(
      try ResourceGraph([vpc, cluster, provider, role, profile, secret, orphan]), live: live)
  }

  @Test("text plan matches the golden file")
  func textGolden() throws {
    try Golden().check(PlanTextRenderer().render(try Self.samplePlan()), "plan.txt")
  }

  @Test("coloured text plan matches the golden file")
  func colourGolden() throws {
    try Golden().check(
      PlanTextRenderer(style: TextStyle(color: true)).render(try Self.samplePlan()), "plan-color.txt")
  }

  @Test("JSON plan matches the golden file")
  func jsonGolden() throws {
    try Golden().check(try PlanJSONRenderer().render(try Self.samplePlan()), "plan.json")
  }

  @Test("plain text has no escape codes; colour has Terraform's")
  func colourOnlyWhenAsked() throws {
    let plan = try Self.samplePlan()
    #expect(!PlanTextRenderer().render(plan).contains("\u{1B}["))
    let coloured = PlanTextRenderer(style: TextStyle(color: true)).render(plan)
    #expect(coloured.contains("\u{1B}[32m+\u{1B}[0m"))
    #expect(coloured.contains("\u{1B}[33m~\u{1B}[0m"))
    #expect(coloured.contains("\u{1B}[31m-\u{1B}[0m"))
  }

  @Test("summary counts replacements in add and destroy")
  func summaryLine() throws {
    let text = PlanTextRenderer().render(try Self.samplePlan())
    #expect(text.hasSuffix("Plan: 4 to add, 2 to change, 2 to destroy.\n"))
  }

  @Test("an empty plan says there is nothing to do")
  func noChanges() throws {
    let world = FakeWorld()
    let vpc = FakeResource("aws.ec2.vpc", "main", world: world, attributes: ["cidrBlock": "10.0.0.0/16"])
    let plan = try Planner.diff(
      try ResourceGraph([vpc]), live: [vpc.address: LiveState(attributes: ["cidrBlock": "10.0.0.0/16"])])
    let text = PlanTextRenderer().render(plan)
    #expect(text.hasPrefix("No changes. Your infrastructure matches the configuration.\n"))
    #expect(try PlanJSONRenderer().render(plan).contains("\"unchanged\" : [\n    \"aws.ec2.vpc.main\"\n  ]"))
  }

  @Test("apply report lists done, failed, skipped and not started with times")
  func reportGolden() throws {
    let report = ApplyReport(
      steps: [
        StepResult(
          address: Address("aws.ec2.vpc", "main"), action: .create, outcome: .done,
          elapsed: .milliseconds(2100)),
        StepResult(
          address: Address("aws.eks.cluster", "main"), action: .create,
          outcome: .failed("role could not be assumed"), elapsed: .seconds(125)),
        StepResult(
          address: Address("aws.eks.fargateProfile", "spark"), action: .create,
          outcome: .skipped(because: Address("aws.eks.cluster", "main"))),
        StepResult(
          address: Address("aws.s3.bucket", "data"), action: .update, outcome: .done,
          elapsed: .milliseconds(300)),
      ], cancelled: false, elapsed: .seconds(127))
    try Golden().check(ApplyReportRenderer().render(report), "apply-report.txt")
    let success = ApplyReport(
      steps: [
        StepResult(
          address: Address("aws.ec2.vpc", "main"), action: .replace, outcome: .done, elapsed: .seconds(3))
      ],
      cancelled: false, elapsed: .seconds(3))
    #expect(
      ApplyReportRenderer().render(success).hasPrefix(
        "Apply complete! Resources: 1 added, 0 changed, 1 destroyed (3s).\n"))
  }

  @Test(
    "durations print Go-style",
    arguments: [
      (Duration.milliseconds(850), "850ms"), (.milliseconds(12_340), "12.3s"), (.seconds(5), "5s"),
      (.seconds(1500), "25m0s"),
      (.seconds(3723), "1h2m3s"),
    ])
  func durations(duration: Duration, text: String) {
    #expect(duration.elapsedText == text)
  }
}

@Suite("progress lines")
struct ProgressRendererTests {
  @Test("prints Terraform-style progress, still lines at most every 10 seconds")
  func lines() {
    var renderer = ProgressRenderer()
    let cluster = Address("aws.eks.cluster", "main")
    let events: [ProgressEvent] = [
      .started(cluster, .create),
      .retrying(cluster, attempt: 1, after: .seconds(5), reason: "role could not be assumed"),
      .waiting(cluster, state: "CREATING", elapsed: .seconds(4)),
      .waiting(cluster, state: "CREATING", elapsed: .seconds(11)),
      .waiting(cluster, state: "CREATING", elapsed: .seconds(15)),
      .waiting(cluster, state: "CREATING", elapsed: .seconds(22)),
      .finished(cluster, .create, elapsed: .seconds(552)),
      .skipped(Address("aws.eks.fargateProfile", "spark"), dependency: Address("aws.iam.role", "pods")),
    ]
    #expect(
      events.compactMap { renderer.line(for: $0) } == [
        "aws.eks.cluster.main: Creating...",
        "aws.eks.cluster.main: Retrying in 5s (attempt 1): role could not be assumed",
        "aws.eks.cluster.main: Still creating... [11s elapsed] (CREATING)",
        "aws.eks.cluster.main: Still creating... [22s elapsed] (CREATING)",
        "aws.eks.cluster.main: Creation complete after 9m12s",
        "aws.eks.fargateProfile.spark: Skipped (aws.iam.role.pods failed)",
      ])
  }
}
