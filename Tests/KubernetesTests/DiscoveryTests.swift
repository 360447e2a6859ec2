import HTTP
import Testing

@testable import Kubernetes

@Suite("discovery and kind to resource mapping")
struct DiscoveryTests {
  @Test("aggregated discovery maps kinds to plural, scope and subresources in two requests, cached")
  func aggregated() async throws {
    let (client, transport) = DiscoveryFixtures.client { _, _ in ScriptedTransport.json(404, "{}") }
    let deployments = try await client.resource(for: .deployment)
    #expect(deployments.name == "deployments" && deployments.namespaced)
    #expect(deployments.subresources == ["status", "scale"])
    let namespaces = try await client.resource(for: .namespace)
    #expect(namespaces.name == "namespaces" && !namespaces.namespaced)
    _ = try await client.resource(for: .pod)
    #expect(transport.requests.count == 2)
    #expect(
      transport.requests.allSatisfy { $0.headers["Accept"]?.contains("as=APIGroupDiscoveryList") == true })
    #expect(await client.discovery.requestCount == 2)
  }

  @Test("a server without aggregated discovery is walked group version by group version")
  func legacy() async throws {
    let transport = ScriptedTransport { request, _ in
      switch request.path {
      case "/api": ScriptedTransport.json(200, #"{"kind":"APIVersions","versions":["v1"]}"#)
      case "/apis":
        ScriptedTransport.json(
          200,
          #"{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}]}]}"#
        )
      case "/api/v1":
        ScriptedTransport.json(
          200,
          #"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","namespaced":true,"kind":"Pod","verbs":["get"]},{"name":"pods/log","namespaced":true,"kind":"Pod","verbs":["get"]},{"name":"nodes","namespaced":false,"kind":"Node","verbs":["get"]}]}"#
        )
      case "/apis/apps/v1":
        ScriptedTransport.json(
          200,
          #"{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get"],"shortNames":["deploy"]},{"name":"deployments/scale","namespaced":true,"kind":"Scale","verbs":["get"]}]}"#
        )
      default: ScriptedTransport.json(404, "{}")
      }
    }
    let client = KubernetesClient(
      connection: KubernetesConnection(server: "https://k8s"), transport: transport)
    let pods = try await client.resource(for: .pod)
    #expect(pods.subresources == ["log"] && pods.namespaced)
    let nodes = try await client.resource(for: GroupVersionKind(apiVersion: "v1", kind: "Node"))
    #expect(!nodes.namespaced)
    let deployments = try await client.resource(for: .deployment)
    #expect(deployments.shortNames == ["deploy"] && deployments.subresources == ["scale"])
    #expect(transport.requests.count == 4)
  }

  @Test("an unknown kind is looked up again in its group version before it is an error")
  func unknownKind() async throws {
    let (client, transport) = DiscoveryFixtures.client { _, _ in
      ScriptedTransport.status(
        404, reason: "NotFound", message: "the server could not find the requested resource")
    }
    let kind = GroupVersionKind(group: "sparkoperator.k8s.io", version: "v1beta2", kind: "SparkApplication")
    let error = await #expect(throws: KubernetesError.self) { try await client.resource(for: kind) }
    #expect(error?.code == .unknownKind)
    #expect(error?.message == "the server does not serve SparkApplication in sparkoperator.k8s.io/v1beta2")
    #expect(error?.remedy?.contains("CustomResourceDefinition") == true)
    #expect(transport.requests(to: "/apis/sparkoperator.k8s.io/v1beta2").count == 1)
  }

  @Test("a kind registered after loading (a CRD just established) is found by the refresh")
  func refreshFindsNewKind() async throws {
    let (client, transport) = DiscoveryFixtures.client { request, _ in
      request.path == "/apis/sparkoperator.k8s.io/v1beta2"
        ? ScriptedTransport.json(
          200,
          #"{"kind":"APIResourceList","resources":[{"name":"sparkapplications","namespaced":true,"kind":"SparkApplication","verbs":["get"]},{"name":"sparkapplications/status","namespaced":true,"kind":"SparkApplication","verbs":["get"]}]}"#
        )
        : ScriptedTransport.json(404, "{}")
    }
    _ = try await client.resource(for: .deployment)
    let kind = GroupVersionKind(group: "sparkoperator.k8s.io", version: "v1beta2", kind: "SparkApplication")
    let resource = try await client.resource(for: kind)
    #expect(resource.name == "sparkapplications" && resource.subresources == ["status"])
    _ = try await client.resource(for: kind)
    #expect(transport.requests(to: "/apis/sparkoperator.k8s.io/v1beta2").count == 1)
  }
}
