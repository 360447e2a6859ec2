import AWS
import Foundation
import Kubernetes
import Testing
import YAML

@Suite(
  "Kubernetes client authentication against the sandbox",
  .enabled(
    if: KubernetesSandbox.isAvailable && Sandbox.environment["SANDBOX_ALT_ACCESS_KEY_ID"] != nil,
    "needs the sandbox with its Kubernetes emulator and the alt identity: source .sandbox/env"))
struct KubernetesAuthIntegrationTests {
  var altOverrides: [String: String] {
    [
      "AWS_ACCESS_KEY_ID": Sandbox.environment["SANDBOX_ALT_ACCESS_KEY_ID"] ?? "",
      "AWS_SECRET_ACCESS_KEY": Sandbox.environment["SANDBOX_ALT_SECRET_ACCESS_KEY"] ?? "",
    ]
  }

  @Test("an unmapped identity is refused; mapped through aws-auth to a group, RBAC decides what it may do")
  func awsAuthMapping() async throws {
    let admin = try await KubernetesSandbox.client()
    let alt = try await KubernetesSandbox.client(altOverrides)
    let altARN = try #require(Sandbox.environment["SANDBOX_ALT_ARN"])
    // Entries an interrupted earlier run left behind would map the identity already.
    try await AWSAuth.update(admin) { entries in
      entries.removeAll {
        $0.text(at: ["username"])?.hasPrefix("alt-\(KubernetesSandbox.namespacePrefix)") == true
      }
    }
    let namespace = try await KubernetesSandbox.namespace(admin)
    let outcome = await Result {
      try await mapAndUse(admin: admin, alt: alt, altARN: altARN, namespace: namespace)
    }
    // Awaited, not deferred: the mapping must not outlive the test.
    try await AWSAuth.update(admin) { entries in
      entries.removeAll { $0.text(at: ["username"]) == "alt-\(namespace)" }
    }
    await KubernetesSandbox.cleanUp(admin, namespace: namespace)
    try outcome.get()
  }

  func mapAndUse(admin: KubernetesClient, alt: KubernetesClient, altARN: String, namespace: String)
    async throws
  {
    let group = "eks-spark-it-\(namespace)"
    let refused = await #expect(throws: KubernetesError.self) {
      try await alt.list(.configMap, namespace: namespace)
    }
    #expect(refused?.isUnauthorized == true)

    try await AWSAuth.update(admin) { entries in
      entries.append(
        .mapping([
          ("userarn", .string(altARN)), ("username", .string("alt-\(namespace)")),
          ("groups", .sequence([.string(group)])),
        ]))
    }
    _ = try await admin.apply(
      KubernetesObject(
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role"), name: "reader",
        namespace: namespace,
        body: [
          (
            "rules",
            .sequence([
              .mapping([
                ("apiGroups", .sequence([.string("")])), ("resources", .sequence([.string("configmaps")])),
                ("verbs", .sequence([.string("get"), .string("list")])),
              ])
            ])
          )
        ]), force: false)
    _ = try await admin.apply(
      KubernetesObject(
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding"),
        name: "reader",
        namespace: namespace,
        body: [
          (
            "roleRef",
            .mapping([
              ("apiGroup", .string("rbac.authorization.k8s.io")), ("kind", .string("Role")),
              ("name", .string("reader")),
            ])
          ),
          ("subjects", .sequence([.mapping([("kind", .string("Group")), ("name", .string(group))])])),
        ]), force: false)

    // The emulator reads aws-auth on every request; the identity's token is re-signed.
    let allowed = try await alt.list(.configMap, namespace: namespace)
    #expect(allowed.resourceVersion.isEmpty == false)
    let forbidden = await #expect(throws: KubernetesError.self) {
      try await alt.list(.configMap, namespace: "kube-system")
    }
    #expect(forbidden?.isForbidden == true)
    #expect(forbidden?.message.contains("alt-\(namespace)") == true)
  }

  @Test("a server override with its CA reaches the cluster with an EKS token, as through a tunnel")
  func serverOverride() async throws {
    try await ClusterSetup.shared.ensureCluster()
    let override = try #require(try KubernetesServerOverride.fromEnvironment(Sandbox.environment))
    let connection = try await EKSConnectionResolver(aws: Sandbox.configuration()).connection(
      clusterName: KubernetesSandbox.cluster, override: override)
    let client = KubernetesClient(connection: connection, environment: Sandbox.environment)
    let namespaces = try await client.list(.namespace)
    #expect(namespaces.items.contains { $0.name == "kube-system" })
  }

  @Test("the kubeconfig written for the cluster connects through eks-spark's in-process token")
  func kubeconfigRoundTrip() async throws {
    try await ClusterSetup.shared.ensureCluster()
    let cluster = try await EKSClient(configuration: Sandbox.configuration()).describeCluster(
      name: KubernetesSandbox.cluster)
    let entry = EKSKubeconfigEntry(
      clusterName: cluster.name, clusterARN: try #require(cluster.arn),
      server: try #require(cluster.endpoint),
      certificateAuthorityData: try #require(cluster.certificateAuthority?.data), region: Sandbox.region)
    let (files, _) = KubeconfigFiles.memory()
    try KubeconfigWriter(files: files).write(entry, to: "/tmp/kubeconfig")
    let config = try KubeconfigLoader(environment: [:], files: files).load(explicit: "/tmp/kubeconfig")
    let connection = try KubeconfigConnectionResolver(
      environment: Sandbox.environment, files: files, aws: Sandbox.configuration()
    ).connection(config)
    #expect(connection.credentials is EKSTokenProvider)
    let client = KubernetesClient(connection: connection, environment: Sandbox.environment)
    #expect(try await client.get(.namespace, name: "default").name == "default")
  }
}

/// Edits `mapUsers` of kube-system/aws-auth with a conditional write (retried on conflict),
/// keeping every entry the edit does not touch.
enum AWSAuth {
  static func update(_ client: KubernetesClient, _ edit: (inout [YAMLNode]) -> Void) async throws {
    for _ in 0..<10 {
      var configMap =
        try await client.getIfPresent(.configMap, name: "aws-auth", namespace: "kube-system")
        ?? KubernetesObject(.configMap, name: "aws-auth", namespace: "kube-system")
      let text = configMap.tree.text(at: ["data", "mapUsers"]) ?? ""
      var entries = text.isEmpty ? [] : (try YAMLParser.parse(text, file: "mapUsers").first?.sequence ?? [])
      edit(&entries)
      configMap.tree.set(.string(YAMLEmitter.emit(.sequence(entries))), at: ["data", "mapUsers"])
      do {
        if configMap.metadata.resourceVersion == nil {
          _ = try await client.create(configMap)
        } else {
          _ = try await client.replace(configMap)
        }
        return
      } catch let error as KubernetesError where error.isConflict || error.isAlreadyExists {
        continue
      }
    }
    throw KubernetesError(.api, "aws-auth kept changing under the test")
  }
}
