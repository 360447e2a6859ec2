import Foundation
import Kubernetes
import Testing
import YAML

@Suite(
  "Kubernetes CRDs against the sandbox's API emulator",
  .enabled(
    if: KubernetesSandbox.isAvailable,
    "needs the sandbox with its Kubernetes emulator: make sandbox-up && source .sandbox/env"))
struct KubernetesCRDIntegrationTests {
  @Test("a CRD applied and waited for until Established serves its kind at once (discovery refreshed)")
  func crdEstablished() async throws {
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    let suffix = String(namespace.dropFirst(KubernetesSandbox.namespacePrefix.count))
    let group = "it\(suffix).eks-spark.io"
    let kind = GroupVersionKind(group: group, version: "v1", kind: "Widget")
    // Discovery is loaded before the CRD exists, so only the refresh can find the kind.
    _ = try await client.resource(for: .deployment)
    let outcome = await Result {
      _ = try await client.apply(Self.crd(group: group), force: false)
      let established = try await client.wait(
        for: .crdEstablished, .customResourceDefinition, name: "widgets.\(group)", timeout: .seconds(30))
      #expect(established?.condition("Established")?.isTrue == true)
      let resource = try await client.resource(for: kind)
      #expect(resource.name == "widgets" && resource.namespaced)
      let widget = try await client.apply(
        KubernetesObject(
          kind, name: "w", namespace: namespace, body: [("spec", .mapping([("size", .int(3))]))]),
        force: false)
      #expect(widget.tree.integer(at: ["spec", "size"]) == 3)
    }
    _ = try? await client.deleteIfPresent(.customResourceDefinition, name: "widgets.\(group)")
    await KubernetesSandbox.cleanUp(client, namespace: namespace)
    try outcome.get()
  }

  static func crd(group: String) -> KubernetesObject {
    let schema: YAMLNode = .mapping([
      ("type", .string("object")),
      (
        "properties",
        .mapping([
          (
            "spec",
            .mapping([
              ("type", .string("object")),
              ("properties", .mapping([("size", .mapping([("type", .string("integer"))]))])),
            ])
          )
        ])
      ),
    ])
    return KubernetesObject(
      .customResourceDefinition, name: "widgets.\(group)",
      body: [
        (
          "spec",
          .mapping([
            ("group", .string(group)), ("scope", .string("Namespaced")),
            (
              "names",
              .mapping([
                ("plural", .string("widgets")), ("singular", .string("widget")), ("kind", .string("Widget")),
                ("listKind", .string("WidgetList")),
              ])
            ),
            (
              "versions",
              .sequence([
                .mapping([
                  ("name", .string("v1")), ("served", .bool(true)), ("storage", .bool(true)),
                  ("schema", .mapping([("openAPIV3Schema", schema)])),
                ])
              ])
            ),
          ])
        )
      ])
  }
}
