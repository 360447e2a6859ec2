import AWS
import Config
import Engine
import Kubernetes
import TestSupport
import Testing
import YAML

@testable import Stack

/// A stand-in for an upstream resource (the cluster, an IRSA role) whose outputs a plan's
/// Kubernetes side reads.
private struct Upstream: Resource {
  let address: Address
  func desired(_ inputs: Inputs) -> Attributes? { ["name": .string(address.name)] }
  func read(_ context: ReadContext) async throws -> LiveState? { nil }
  func apply(_ change: Change, context: ApplyContext) async throws -> Outputs { [:] }
  func delete(_ live: LiveState, context: ApplyContext) async throws {}
}

@Suite("the stack's Kubernetes side")
struct KubernetesPlanTests {
  let cluster = Address(ClusterResource.type, "main")
  let irsa = Address("aws.iam.role", "irsa-default-spark")
  let ownership = KubernetesOwnership(prefix: "spark-eks")

  var access: ClusterAccess {
    ClusterAccess(
      cluster: cluster, clusterName: "spark-eks-cluster",
      aws: AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:]), environment: [:])
  }

  func account() throws -> ServiceAccountConfig {
    try #require(try StackGraphTests.exampleStack().serviceAccounts.first)
  }

  @Test("a plan from nothing shows the AWS and the Kubernetes half together, as the golden file shows")
  func fromNothing() throws {
    let configuration = AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:])
    let graph = try StackGraph(
      stack: try StackGraphTests.exampleStack(), accountID: "123456789012",
      zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      clients: try AWSClients(configuration: configuration),
      baseDirectory: StackGraphTests.examples, clusterAccess: access)
    let plan = try Planner.diff(try ResourceGraph(graph.resources), live: [:])
    let kubernetes = plan.changes.filter { $0.address.type.hasPrefix("k8s.") }
    #expect(kubernetes.allSatisfy { $0.action == .create })
    #expect(
      kubernetes.map(\.address.description).sorted() == [
        "k8s.aws-auth.main", "k8s.coredns.main", "k8s.role.default/spark-role",
        "k8s.rolebinding.default/spark-role", "k8s.serviceaccount.default/spark",
      ])
    try Golden().check(PlanTextRenderer().render(plan), "stack-plan-with-kubernetes.txt")
  }

  @Test("drift in Kubernetes objects shows per object with the fields that changed")
  func driftGolden() throws {
    let account = try account()
    let objects = ServiceAccountObjects.objects(
      for: account, irsaRole: irsa, namespace: nil, ownership: ownership, access: access)
    let awsAuth = AwsAuthResource(
      adminARNs: ["arn:aws:iam::123456789012:role/Admin"], dependencies: [], ownership: ownership,
      access: access)
    let coreDNS = CoreDNSResource(profiles: [], access: access)
    let graph = try ResourceGraph(
      [Upstream(address: cluster), Upstream(address: irsa)] + objects as [any Resource] + [awsAuth, coreDNS])
    let serviceAccount = try #require(objects.first)
    var live: [Address: LiveState] = [
      cluster: LiveState(attributes: ["name": "main"], outputs: ["endpoint": "https://k8s"]),
      irsa: LiveState(
        attributes: ["name": .string(irsa.name)],
        outputs: ["arn": "arn:aws:iam::123456789012:role/spark-eks-sa-default-spark"]),
      awsAuth.address: LiveState(attributes: [
        "admins": [
          "arn:aws:iam::123456789012:role/Admin": ["username": "someone-else", "groups": ["system:masters"]],
          "arn:aws:iam::123456789012:role/Gone": ["username": "Gone", "groups": ["system:masters"]],
        ]
      ]),
      coreDNS.address: LiveState(attributes: ["fargateSchedulable": false, "available": false]),
    ]
    // The service account as a person left it: the IRSA annotation pointing elsewhere.
    var edited = try #require(serviceAccount.resolved(Inputs([irsa: live[irsa]!.outputs])))
    edited.metadata.annotations["eks.amazonaws.com/role-arn"] = "arn:aws:iam::123456789012:role/other"
    live[serviceAccount.address] = LiveState(attributes: ObjectAttributes.of(edited))
    let plan = try Planner.diff(graph, live: live)
    #expect(plan.change(for: serviceAccount.address)?.action == .update)
    #expect(plan.change(for: objects[1].address)?.action == .create)
    #expect(plan.change(for: awsAuth.address)?.action == .update)
    try Golden().check(PlanTextRenderer().render(plan), "kubernetes-drift-plan.txt")
  }

  @Test("a service account's IRSA annotation is known after apply while its role is new")
  func knownAfterApply() throws {
    let objects = ServiceAccountObjects.objects(
      for: try account(), irsaRole: irsa, namespace: nil, ownership: ownership, access: access)
    let attributes = try #require(objects[0].desired(Inputs()))
    #expect(attributes["annotations"]?.mapValue?["eks.amazonaws.com/role-arn"] == .unknown)
    #expect(
      attributes["labels"]
        == .stringMap(["app.kubernetes.io/managed-by": "eks-spark", "eks-spark.io/stack": "spark-eks"]))
  }

  @Test("live objects are compared on the fields the stack sets, so server defaults are not drift")
  func projection() throws {
    let manifest = try KubernetesObject.parse(
      #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"spark","labels":{"a":"1"}}}"#)
    let live = try KubernetesObject.parse(
      #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"spark","uid":"u","labels":{"a":"1","added":"x"}},"secrets":[{"name":"t"}]}"#
    )
    #expect(ObjectAttributes.projected(live, onto: manifest) == ObjectAttributes.of(manifest))
  }

  @Test("an object of another owner is named in the plan error")
  func owners() throws {
    let helm = try KubernetesObject.parse(
      #"{"metadata":{"name":"x","labels":{"app.kubernetes.io/managed-by":"Helm"}}}"#)
    #expect(ownership.owner(of: helm) == "Helm (app.kubernetes.io/managed-by=Helm)")
    let other = try KubernetesObject.parse(
      #"{"metadata":{"name":"x","labels":{"app.kubernetes.io/managed-by":"eks-spark","eks-spark.io/stack":"other"}}}"#
    )
    #expect(ownership.owner(of: other) == "eks-spark stack other")
    #expect(!ownership.owns(other))
    let kubectl = try KubernetesObject.parse(
      #"{"metadata":{"name":"x","managedFields":[{"manager":"kubectl-client-side-apply"}]}}"#)
    #expect(ownership.owner(of: kubectl) == "field manager kubectl-client-side-apply")
  }

  @Test("aws-auth edits replace only the stack's entries; EKS's Fargate entry stays as it was")
  func awsAuthEntries() throws {
    let fargate = """
      - rolearn: arn:aws:iam::123456789012:role/spark-eks-fargate-pod-role
        username: system:node:{{SessionName}}
        groups:
          - system:bootstrappers
          - system:nodes
          - system:node-proxier

      """
    var map = KubernetesObject(.configMap, name: "aws-auth", namespace: "kube-system")
    map.tree.set(.mapping([("mapRoles", .string(fargate))]), at: ["data"])
    var entries = try AwsAuthEntries(map)
    entries.add(arn: "arn:aws:iam::123456789012:user/admin", username: "admin", groups: ["system:masters"])
    entries.add(arn: "arn:aws:iam::123456789012:role/Admin", username: "Admin", groups: ["system:masters"])
    entries.store(in: &map)
    var reread = try AwsAuthEntries(map)
    #expect(reread.entry(for: "arn:aws:iam::123456789012:user/admin")?.groups == ["system:masters"])
    reread.remove(["arn:aws:iam::123456789012:user/admin", "arn:aws:iam::123456789012:role/Admin"])
    reread.store(in: &map)
    let final = try AwsAuthEntries(map)
    #expect(final.users.isEmpty)
    #expect(
      final.entry(for: "arn:aws:iam::123456789012:role/spark-eks-fargate-pod-role")
        == .init(
          username: "system:node:{{SessionName}}",
          groups: ["system:bootstrappers", "system:nodes", "system:node-proxier"]))
  }

  @Test("a service account in a namespace no Fargate profile selects is refused, with the fix")
  func unschedulable() throws {
    var stack = try StackGraphTests.exampleStack()
    stack.serviceAccounts[0].namespace = "batch"
    let error = try #require(throws: StackError.self) { try ServiceAccountObjects.checkScheduling(stack) }
    #expect(error.code == .unschedulable)
    #expect(
      error.message
        == "service account batch/spark is in namespace batch, which no Fargate profile selects: its pods would stay Pending"
    )
    #expect(error.remedy?.hasPrefix("add `- namespace: batch` to the selectors") == true)
  }

  @Test(
    "serviceaccount bind targets the service account, its Role and RoleBinding; an unknown name is refused")
  func bindTargets() throws {
    let targets = ServiceAccountTargets.addresses(
      for: try StackGraphTests.exampleStack().serviceAccounts, name: "spark")
    #expect(
      try targets.get() == [
        "k8s.serviceaccount.default/spark", "k8s.role.default/spark-role",
        "k8s.rolebinding.default/spark-role",
      ])
    if case .failure(let message) = ServiceAccountTargets.addresses(
      for: try StackGraphTests.exampleStack().serviceAccounts, name: "nope")
    {
      #expect(message.remedy == "name one of: default/spark")
    } else {
      Issue.record("an unknown service account was accepted")
    }
  }
}

@Suite("admin mapping modes")
struct AdminMappingTests {
  @Test(
    "authentication modes move only CONFIG_MAP -> API_AND_CONFIG_MAP -> API",
    arguments: [
      ("CONFIG_MAP", "API", ["API_AND_CONFIG_MAP", "API"]),
      ("CONFIG_MAP", "API_AND_CONFIG_MAP", ["API_AND_CONFIG_MAP"]),
      ("API_AND_CONFIG_MAP", "API", ["API"]), ("API", "CONFIG_MAP", []),
      ("API_AND_CONFIG_MAP", "CONFIG_MAP", []),
    ])
  func modePath(from: String, to: String, steps: [String]) {
    #expect(ClusterResource.authenticationModePath(from: from, to: to) == steps)
  }

  @Test("in access-entries mode each admin is an access entry with the cluster-admin policy at cluster scope")
  func accessEntries() throws {
    var stack = try StackGraphTests.exampleStack()
    stack.access.authenticationMode = .accessEntries
    let configuration = AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:])
    let access = ClusterAccess(
      cluster: Address(ClusterResource.type, "main"), clusterName: stack.cluster.name, aws: configuration,
      environment: [:])
    let graph = try StackGraph(
      stack: stack, accountID: "123456789012", zones: ["eu-west-1a", "eu-west-1b"],
      clients: try AWSClients(configuration: configuration), baseDirectory: StackGraphTests.examples,
      clusterAccess: access)
    let addresses = graph.resources.map(\.address.description)
    #expect(!addresses.contains("k8s.aws-auth.main"))
    let entry = try #require(graph.resources.first { $0.address.type == AccessEntryResource.type })
    #expect(entry.address.description == "aws.eks.accessEntry.role/Admin")
    let desired = try #require(entry.desired(Inputs()))
    #expect(
      desired["policies"]
        == .map(["arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy": "cluster"]))
    let cluster = try #require(graph.resources.first { $0.address.type == ClusterResource.type })
    #expect(cluster.desired(Inputs())?["authenticationMode"] == "API")
  }
}
