import Engine
import Kubernetes
import YAML

/// CoreDNS made to run on Fargate. EKS creates `kube-system/coredns` with the pod-template
/// annotation `eks.amazonaws.com/compute-type: ec2`, so on a Fargate-only cluster its pods
/// stay Pending (and nothing in the cluster resolves names). The stack removes the
/// annotation, which rolls the Deployment onto Fargate, and waits until it is available.
///
/// The Deployment is EKS's, not the stack's: only that annotation is changed, and
/// destroying the stack leaves CoreDNS to go with the cluster.
public struct CoreDNSResource: Resource {
  public static let type = "k8s.coredns"
  static let annotation = "eks.amazonaws.com/compute-type"
  static let name = "coredns"
  static let namespace = "kube-system"

  public let address = Address(Self.type, "main")
  let profiles: [Address]
  let access: ClusterAccess

  /// - Parameter profiles: the Fargate profiles, one of which selects kube-system.
  public init(profiles: [Address], access: ClusterAccess) {
    self.profiles = profiles
    self.access = access
  }

  public var dependencies: [Address] { [access.cluster] + profiles }
  public var timeouts: OperationTimeouts {
    OperationTimeouts(create: .seconds(600), update: .seconds(600), delete: .seconds(60))
  }

  public func desired(_ inputs: Inputs) -> Attributes? {
    ["fargateSchedulable": true, "available": true]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard let client = try await access.client(context),
      let deployment = try await client.getIfPresent(.deployment, name: Self.name, namespace: Self.namespace)
    else { return nil }
    return LiveState(attributes: Self.attributes(deployment), outputs: ["name": .string(Self.name)])
  }

  static func attributes(_ deployment: KubernetesObject) -> Attributes {
    let annotations = deployment.tree.stringMap(at: ["spec", "template", "metadata", "annotations"])
    let available: Bool
    if case .satisfied = WaitCondition.deploymentAvailable.evaluate(deployment) {
      available = true
    } else {
      available = false
    }
    return ["fargateSchedulable": .bool(annotations[annotation] != "ec2"), "available": .bool(available)]
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let client = try await access.client()
    // EKS creates CoreDNS with the cluster; on a cluster this run created it may lag.
    let deployment = try await context.waitUntil("have its CoreDNS Deployment") {
      () async throws -> WaitStatus<KubernetesObject> in
      if let found = try await client.getIfPresent(.deployment, name: Self.name, namespace: Self.namespace) {
        return .done(found)
      }
      return .pending("no kube-system/coredns yet")
    }
    if Self.attributes(deployment)["fargateSchedulable"] == false {
      let patch: YAMLNode = .mapping([
        (
          "spec",
          .mapping([
            (
              "template",
              .mapping([("metadata", .mapping([("annotations", .mapping([(Self.annotation, .null)]))]))])
            )
          ])
        )
      ])
      _ = try await client.patch(.deployment, name: Self.name, namespace: Self.namespace, .merge(patch))
    }
    try await client.wait(
      for: .deploymentAvailable, .deployment, name: Self.name, namespace: Self.namespace,
      timeout: context.timeout)
    return ["name": .string(Self.name)]
  }

  /// CoreDNS belongs to the cluster: it goes when the cluster does.
  public func delete(_ live: LiveState, context: ApplyContext) async throws {}
}
