import HTTP
import Testing
import YAML

@testable import Kubernetes

@Suite("REST client writes")
struct WriteTests {
  static let deployment =
    #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"spark"},"spec":{"replicas":2}}"#

  func client() -> (KubernetesClient, ScriptedTransport) {
    DiscoveryFixtures.client { request, _ in
      if request.path.hasSuffix("/scale") && request.method == .get {
        return ScriptedTransport.json(
          200, #"{"kind":"Scale","apiVersion":"autoscaling/v1","spec":{"replicas":2}}"#)
      }
      if request.path.hasSuffix("/log") {
        return .response(HTTPResponse(status: 200, body: Array("line 1\nline 2\n".utf8)))
      }
      if request.method == .delete {
        return request.path.hasSuffix("/gone")
          ? ScriptedTransport.json(200, #"{"kind":"Status","apiVersion":"v1","status":"Success"}"#)
          : ScriptedTransport.json(
            200, Self.deployment.replacingOccurrences(of: "\"spec\"", with: "\"metadata2\""))
      }
      return ScriptedTransport.json(200, Self.deployment)
    }
  }

  @Test("server-side apply sends apply-patch+yaml with field manager eks-spark, force only when asked")
  func apply() async throws {
    let (client, transport) = client()
    let object = try KubernetesObject.parse(Self.deployment)
    _ = try await client.apply(object, force: false)
    _ = try await client.apply(object, force: true, dryRun: true)
    let requests = transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments/web")
    #expect(requests.count == 2)
    #expect(
      requests.allSatisfy {
        $0.method == .patch && $0.headers["Content-Type"] == "application/apply-patch+yaml"
      })
    #expect(requests[0].queryItems.map(\.0) == ["fieldManager"])
    #expect(requests[0].query("fieldManager") == "eks-spark")
    #expect(requests[1].query("force") == "true" && requests[1].query("dryRun") == "All")
    let sent = try KubernetesJSON.decode(requests[0].body)
    #expect(sent.integer(at: ["spec", "replicas"]) == 2)
  }

  @Test("create posts to the collection; dryRun=All when asked")
  func create() async throws {
    let (client, transport) = client()
    _ = try await client.create(try KubernetesObject.parse(Self.deployment), dryRun: true)
    let request = try #require(transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments").first)
    #expect(request.method == .post && request.query("dryRun") == "All")
    #expect(request.headers["Content-Type"] == "application/json")
  }

  @Test(
    "each patch type has its content type and body",
    arguments: [
      (
        Patch.merge(.mapping([("metadata", .mapping([("labels", .mapping([("a", .null)]))]))])),
        "application/merge-patch+json", #"{"metadata":{"labels":{"a":null}}}"#
      ),
      (
        Patch.json([
          JSONPatchOperation(
            .add, "/metadata/labels/" + JSONPatchOperation.escape("eks-spark.io/stack"), value: .string("s")),
          JSONPatchOperation(.remove, "/spec/paused"),
        ]),
        "application/json-patch+json",
        #"[{"op":"add","path":"/metadata/labels/eks-spark.io~1stack","value":"s"},{"op":"remove","path":"/spec/paused"}]"#
      ),
      (
        Patch.strategic(.mapping([("spec", .mapping([("replicas", .int(3))]))])),
        "application/strategic-merge-patch+json", #"{"spec":{"replicas":3}}"#
      ),
    ])
  func patchTypes(patch: Patch, contentType: String, body: String) async throws {
    let (client, transport) = client()
    _ = try await client.patch(.deployment, name: "web", namespace: "spark", patch)
    let request = try #require(transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments/web").first)
    #expect(request.headers["Content-Type"] == contentType)
    #expect(request.bodyText == body)
    #expect(request.query("fieldManager") == "eks-spark")
  }

  @Test("delete sends DeleteOptions with the propagation policy; nil once gone, the object while held")
  func delete() async throws {
    let (client, transport) = client()
    let held = try await client.delete(
      .deployment, name: "web", namespace: "spark", propagationPolicy: .foreground)
    #expect(held?.name == "web")
    let gone = try await client.delete(.deployment, name: "gone", namespace: "spark", dryRun: true)
    #expect(gone == nil)
    let first = try #require(transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments/web").first)
    #expect(first.bodyText == #"{"apiVersion":"v1","kind":"DeleteOptions","propagationPolicy":"Foreground"}"#)
    let second = try #require(transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments/gone").first)
    #expect(second.bodyText.contains(#""propagationPolicy":"Background""#))
    #expect(second.bodyText.contains(#""dryRun":["All"]"#))
  }

  @Test("subresources: scale read and set, status patch, pod log")
  func subresources() async throws {
    let (client, transport) = client()
    #expect(try await client.scale(.deployment, name: "web", namespace: "spark") == 2)
    _ = try await client.setScale(.deployment, name: "web", namespace: "spark", replicas: 5)
    _ = try await client.patchStatus(
      .deployment, name: "web", namespace: "spark", status: .mapping([("replicas", .int(5))]))
    let log = try await client.log(pod: "driver", namespace: "spark", container: "spark", tailLines: 10)
    #expect(log == "line 1\nline 2\n")
    let scale = transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments/web/scale")
    #expect(scale.map(\.method) == [.get, .patch])
    #expect(scale.last?.bodyText == #"{"spec":{"replicas":5}}"#)
    let status = try #require(
      transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments/web/status").first)
    #expect(status.bodyText == #"{"status":{"replicas":5}}"#)
    let logRequest = try #require(transport.requests(to: "/api/v1/namespaces/spark/pods/driver/log").first)
    #expect(logRequest.query("container") == "spark" && logRequest.query("tailLines") == "10")
  }

  @Test("an object without apiVersion and kind, or without a name, is refused before sending")
  func invalidObjects() async throws {
    let (client, transport) = client()
    let noKind = KubernetesObject(.mapping([("metadata", .mapping([("name", .string("x"))]))]))
    let error = await #expect(throws: KubernetesError.self) { try await client.apply(noKind, force: false) }
    #expect(error?.code == .invalidObject)
    let noName = KubernetesObject(.mapping([("apiVersion", .string("v1")), ("kind", .string("ConfigMap"))]))
    let nameError = await #expect(throws: KubernetesError.self) {
      try await client.apply(noName, force: false)
    }
    #expect(nameError?.message == "the ConfigMap has no metadata.name")
    #expect(transport.requests.allSatisfy { $0.method == .get })
  }
}
