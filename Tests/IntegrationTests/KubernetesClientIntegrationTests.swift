import Foundation
import Kubernetes
import Testing
import YAML

@Suite(
  "Kubernetes client against the sandbox's API emulator",
  .enabled(
    if: KubernetesSandbox.isAvailable,
    "needs the sandbox with its Kubernetes emulator: make sandbox-up && source .sandbox/env"))
struct KubernetesClientIntegrationTests {
  @Test("discovery is aggregated (two requests) and maps kinds, scopes and subresources")
  func discovery() async throws {
    let client = try await KubernetesSandbox.client()
    let deployments = try await client.resource(for: .deployment)
    #expect(deployments.name == "deployments" && deployments.namespaced)
    #expect(deployments.subresources.contains("scale") && deployments.subresources.contains("status"))
    #expect(try await client.resource(for: .pod).subresources.contains("log"))
    #expect(try await !client.resource(for: .customResourceDefinition).namespaced)
    #expect(await client.discovery.requestCount == 2)
    let unknown = GroupVersionKind(group: "nothing.example.com", version: "v1", kind: "Nothing")
    let error = await #expect(throws: KubernetesError.self) { try await client.resource(for: unknown) }
    #expect(error?.code == .unknownKind)
  }

  @Test("create, get, conditional replace, list, delete; errors in the API's words")
  func crud() async throws {
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    let created = try await client.create(
      KubernetesSandbox.configMap("settings", namespace: namespace, data: [("a", "1")]))
    #expect(created.metadata.uid != nil && created.metadata.resourceVersion != nil)

    let duplicate = await #expect(throws: KubernetesError.self) {
      try await client.create(KubernetesSandbox.configMap("settings", namespace: namespace, data: []))
    }
    #expect(duplicate?.isAlreadyExists == true && duplicate?.status == 409)
    #expect(duplicate?.message == #"configmaps "settings" already exists"#)
    #expect(duplicate?.details?.name == "settings")

    var fetched = try await client.get(.configMap, name: "settings", namespace: namespace)
    #expect(fetched.tree.text(at: ["data", "a"]) == "1")
    fetched.tree.set(.string("2"), at: ["data", "a"])
    let replaced = try await client.replace(fetched)
    #expect(replaced.tree.text(at: ["data", "a"]) == "2")
    // The first read's resourceVersion is stale now: a conditional write must fail.
    let stale = await #expect(throws: KubernetesError.self) { try await client.replace(fetched) }
    #expect(stale?.isConflict == true)
    #expect(stale?.message.contains("the object has been modified") == true)

    let listed = try await client.list(.configMap, namespace: namespace)
    #expect(listed.items.contains { $0.name == "settings" } && !listed.resourceVersion.isEmpty)
    let deleted = try await client.delete(.configMap, name: "settings", namespace: namespace)
    #expect(deleted == nil || deleted?.name == "settings")
    #expect(try await client.getIfPresent(.configMap, name: "settings", namespace: namespace) == nil)
    let missing = await #expect(throws: KubernetesError.self) {
      try await client.get(.configMap, name: "settings", namespace: namespace)
    }
    #expect(missing?.isNotFound == true && missing?.message == #"configmaps "settings" not found"#)
  }

  @Test("list pages with limit and continue; listAll joins the pages")
  func paging() async throws {
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      for index in 0..<7 {
        tasks.addTask {
          _ = try await client.create(
            KubernetesSandbox.configMap(
              "page-\(index)", namespace: namespace, data: [], labels: ["set": "paging"]))
        }
      }
      try await tasks.waitForAll()
    }
    let first = try await client.list(
      .configMap, namespace: namespace, options: ListOptions(labelSelector: "set=paging", limit: 3))
    #expect(first.items.count == 3)
    let token = try #require(first.continueToken)
    let second = try await client.list(
      .configMap, namespace: namespace,
      options: ListOptions(labelSelector: "set=paging", limit: 3, continueToken: token))
    #expect(second.items.count == 3)
    #expect(Set(first.items.map(\.name)).isDisjoint(with: second.items.map(\.name)))
    let all = try await client.listAll(
      .configMap, namespace: namespace, options: ListOptions(labelSelector: "set=paging"), pageSize: 3)
    #expect(all.items.map(\.name).sorted() == (0..<7).map { "page-\($0)" })
  }

  @Test("server-side apply: a field another manager owns conflicts; force takes it; dry-run stores nothing")
  func serverSideApply() async throws {
    let ours = try await KubernetesSandbox.client()
    let theirs = try await KubernetesSandbox.client(fieldManager: "someone-else")
    let namespace = try await KubernetesSandbox.namespace(ours)
    defer { Task { await KubernetesSandbox.cleanUp(ours, namespace: namespace) } }
    let applied = try await ours.apply(
      KubernetesSandbox.configMap("owned", namespace: namespace, data: [("mode", "ours")]), force: false)
    let managers = applied.tree.node(at: ["metadata", "managedFields"])?.sequence?.compactMap {
      $0.text(at: ["manager"])
    }
    #expect(managers == ["eks-spark"])

    _ = try await theirs.apply(
      KubernetesSandbox.configMap("owned", namespace: namespace, data: [("mode", "theirs")]), force: true)
    let conflict = await #expect(throws: KubernetesError.self) {
      try await ours.apply(
        KubernetesSandbox.configMap("owned", namespace: namespace, data: [("mode", "ours")]), force: false)
    }
    #expect(conflict?.isConflict == true)
    #expect(conflict?.message.contains("someone-else") == true)
    #expect(conflict?.details?.causes.contains { $0.field == ".data.mode" } == true)

    let preview = try await ours.apply(
      KubernetesSandbox.configMap("owned", namespace: namespace, data: [("mode", "ours")]), force: true,
      dryRun: true)
    #expect(preview.tree.text(at: ["data", "mode"]) == "ours")
    #expect(
      try await ours.get(.configMap, name: "owned", namespace: namespace).tree.text(at: ["data", "mode"])
        == "theirs")

    let forced = try await ours.apply(
      KubernetesSandbox.configMap("owned", namespace: namespace, data: [("mode", "ours")]), force: true)
    #expect(forced.tree.text(at: ["data", "mode"]) == "ours")
  }

  @Test("merge, JSON and strategic patches, on the object and on the scale subresource")
  func patches() async throws {
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    _ = try await client.create(
      KubernetesSandbox.configMap(
        "patched", namespace: namespace, data: [("a", "1"), ("b", "2")], labels: ["x": "1"]))
    let merged = try await client.patch(
      .configMap, name: "patched", namespace: namespace,
      .merge(.mapping([("data", .mapping([("a", .null), ("c", .string("3"))]))])))
    #expect(merged.tree.stringMap(at: ["data"]) == ["b": "2", "c": "3"])
    let jsonPatched = try await client.patch(
      .configMap, name: "patched", namespace: namespace,
      .json([
        JSONPatchOperation(.test, "/data/b", value: .string("2")),
        JSONPatchOperation(
          .add, "/metadata/labels/" + JSONPatchOperation.escape("eks-spark.io/stack"), value: .string("s")),
      ]))
    #expect(jsonPatched.metadata.labels == ["x": "1", "eks-spark.io/stack": "s"])
    let failedTest = await #expect(throws: KubernetesError.self) {
      try await client.patch(
        .configMap, name: "patched", namespace: namespace,
        .json([JSONPatchOperation(.test, "/data/b", value: .string("9"))]))
    }
    #expect(failedTest?.code == .api)

    _ = try await client.apply(Self.deployment("web", namespace: namespace, replicas: 1), force: false)
    let strategic = try await client.patch(
      .deployment, name: "web", namespace: namespace,
      .strategic(
        .mapping([
          (
            "spec",
            .mapping([
              (
                "template",
                .mapping([
                  (
                    "spec",
                    .mapping([
                      (
                        "containers",
                        .sequence([
                          .mapping([
                            ("name", .string("app")),
                            (
                              "env",
                              .sequence([.mapping([("name", .string("MODE")), ("value", .string("x"))])])
                            ),
                          ])
                        ])
                      )
                    ])
                  )
                ])
              )
            ])
          )
        ])))
    let containers = strategic.tree.node(at: ["spec", "template", "spec", "containers"])?.sequence ?? []
    #expect(containers.count == 1 && containers.first?.text(at: ["image"]) == "nginx:1.27")
    #expect(containers.first?.node(at: ["env"])?.sequence?.first?.text(at: ["value"]) == "x")
    _ = try await client.setScale(.deployment, name: "web", namespace: namespace, replicas: 3)
    #expect(try await client.scale(.deployment, name: "web", namespace: namespace) == 3)
  }

  @Test("delete with Foreground propagation keeps the owner until its dependents are gone")
  func foregroundDelete() async throws {
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    _ = try await client.apply(Self.deployment("gone", namespace: namespace, replicas: 1), force: false)
    // Its ReplicaSet is a dependent: Foreground deletion answers the object, still held.
    let held = try #require(
      try await client.delete(.deployment, name: "gone", namespace: namespace, propagationPolicy: .foreground)
    )
    #expect(held.metadata.deletionTimestamp != nil && held.metadata.finalizers.contains("foregroundDeletion"))
    try await client.wait(
      for: .deleted, .deployment, name: "gone", namespace: namespace, timeout: .seconds(30))
    let dryRun = try await client.create(
      KubernetesSandbox.configMap("never", namespace: namespace, data: []), dryRun: true)
    #expect(dryRun.name == "never")
    #expect(try await client.getIfPresent(.configMap, name: "never", namespace: namespace) == nil)
  }

  static func deployment(_ name: String, namespace: String, replicas: Int, image: String = "nginx:1.27")
    -> KubernetesObject
  {
    let labels: YAMLNode = .mapping([("app", .string(name))])
    return KubernetesObject(
      .deployment, name: name, namespace: namespace,
      body: [
        (
          "spec",
          .mapping([
            ("replicas", .int(replicas)), ("selector", .mapping([("matchLabels", labels)])),
            (
              "template",
              .mapping([
                ("metadata", .mapping([("labels", labels)])),
                (
                  "spec",
                  .mapping([
                    (
                      "containers",
                      .sequence([.mapping([("name", .string("app")), ("image", .string(image))])])
                    )
                  ])
                ),
              ])
            ),
          ])
        )
      ])
  }
}
