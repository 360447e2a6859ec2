import HTTP
import Testing
import YAML

@testable import Kubernetes

@Suite("REST client calls")
struct ClientTests {
  static let configMap =
    #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"spark","resourceVersion":"7"},"data":{"a":"1"}}"#

  @Test("get sends the bearer token to the namespaced object's path and reads the object")
  func get() async throws {
    let (client, transport) = DiscoveryFixtures.client { _, _ in ScriptedTransport.json(200, Self.configMap) }
    let object = try await client.get(.configMap, name: "settings", namespace: "spark")
    #expect(object.name == "settings" && object.namespace == "spark")
    #expect(object.metadata.resourceVersion == "7")
    #expect(object.tree.text(at: ["data", "a"]) == "1")
    let request = try #require(transport.requests(to: "/api/v1/namespaces/spark/configmaps/settings").first)
    #expect(request.headers["Authorization"] == "Bearer test-token")
    #expect(request.method == .get)
  }

  @Test("a namespaced call without a namespace uses the connection's default; cluster-scoped paths have none")
  func defaultNamespace() async throws {
    let (client, transport) = DiscoveryFixtures.client { request, _ in
      request.path.hasSuffix("/namespaces/spark")
        ? ScriptedTransport.json(200, #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"spark"}}"#)
        : ScriptedTransport.json(200, Self.configMap)
    }
    _ = try await client.get(.configMap, name: "settings")
    _ = try await client.get(.namespace, name: "spark")
    #expect(transport.requests(to: "/api/v1/namespaces/default/configmaps/settings").count == 1)
    #expect(transport.requests(to: "/api/v1/namespaces/spark").count == 1)
  }

  @Test("a failure Status becomes the module's error in the API server's words")
  func statusError() async throws {
    let (client, _) = DiscoveryFixtures.client { _, _ in
      ScriptedTransport.status(
        422, reason: "Invalid",
        message: "ConfigMap \\\"Bad_Name\\\" is invalid: metadata.name: Invalid value",
        details:
          #"{"name":"Bad_Name","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Bad_Name\"","field":"metadata.name"}]}"#
      )
    }
    let object = KubernetesObject(.configMap, name: "Bad_Name", namespace: "spark")
    let error = await #expect(throws: KubernetesError.self) { try await client.create(object) }
    #expect(error?.code == .api)
    #expect(error?.status == 422 && error?.reason == "Invalid")
    #expect(error?.message == #"ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value"#)
    #expect(error?.details?.kind == "ConfigMap" && error?.details?.name == "Bad_Name")
    #expect(error?.details?.causes.first?.field == "metadata.name")
    #expect(error?.description.contains(#"[metadata.name: Invalid value: "Bad_Name"]"#) == true)
  }

  @Test(
    "classifies API errors",
    arguments: [
      (404, "NotFound", \KubernetesError.isNotFound), (409, "AlreadyExists", \.isAlreadyExists),
      (409, "Conflict", \.isConflict), (410, "Expired", \.isGone), (403, "Forbidden", \.isForbidden),
    ])
  func classifies(code: Int, reason: String, check: any KeyPath<KubernetesError, Bool> & Sendable)
    async throws
  {
    let (client, _) = DiscoveryFixtures.client { _, _ in
      ScriptedTransport.status(code, reason: reason, message: "m")
    }
    let error = await #expect(throws: KubernetesError.self) { try await client.get(.configMap, name: "x") }
    #expect(error?[keyPath: check] == true)
  }

  @Test("a body that is not a Status still gives the HTTP status and a reason")
  func nonStatusBody() async throws {
    let (client, _) = DiscoveryFixtures.client { _, _ in
      .response(HTTPResponse(status: 503, body: Array("upstream down".utf8)))
    }
    let error = await #expect(throws: KubernetesError.self) { try await client.get(.configMap, name: "x") }
    #expect(
      error?.status == 503 && error?.reason == "ServiceUnavailable" && error?.message == "upstream down")
  }

  @Test("getIfPresent answers nil for NotFound")
  func getIfPresent() async throws {
    let (client, _) = DiscoveryFixtures.client { _, _ in
      ScriptedTransport.status(404, reason: "NotFound", message: #"configmaps \"x\" not found"#)
    }
    #expect(try await client.getIfPresent(.configMap, name: "x") == nil)
  }

  @Test("after a 401 the token is dropped and the request sent once more with a fresh one")
  func retriesUnauthorized() async throws {
    let tokens = CountingTokenProvider()
    let transport = ScriptedTransport { request, _ in
      if let discovery = DiscoveryFixtures.answer(request) { return discovery }
      return request.headers["Authorization"] == "Bearer token-1"
        ? ScriptedTransport.status(401, reason: "Unauthorized", message: "Unauthorized")
        : ScriptedTransport.json(200, Self.configMap)
    }
    let client = KubernetesClient(
      connection: KubernetesConnection(server: "https://k8s", credentials: tokens), transport: transport)
    _ = try await client.get(.configMap, name: "settings", namespace: "spark")
    // Discovery and the first get share token-1; the 401 makes token-2.
    #expect(await tokens.issued == 2)
    let gets = transport.requests(to: "/api/v1/namespaces/spark/configmaps/settings")
    #expect(gets.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
  }

  @Test("list reads one page with its continue token and puts kind back on the items")
  func listPage() async throws {
    let (client, transport) = DiscoveryFixtures.client { _, _ in
      ScriptedTransport.json(
        200,
        #"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"40","continue":"next","remainingItemCount":3},"items":[{"metadata":{"name":"a","namespace":"spark"}}]}"#
      )
    }
    let page = try await client.list(
      .configMap, namespace: "spark", options: ListOptions(labelSelector: "app=x,tier in (a,b)", limit: 1))
    #expect(page.items.map(\.name) == ["a"])
    #expect(page.items.first?.kind == "ConfigMap" && page.items.first?.apiVersion == "v1")
    #expect(page.continueToken == "next" && page.resourceVersion == "40" && page.remainingItemCount == 3)
    let request = try #require(transport.requests(to: "/api/v1/namespaces/spark/configmaps").first)
    #expect(request.query("limit") == "1")
    #expect(request.query("labelSelector") == "app=x,tier in (a,b)")
    #expect(request.url.contains("labelSelector=app%3Dx%2Ctier%20in%20%28a%2Cb%29"))
  }

  @Test("listAll follows continue tokens; a namespaced kind without namespace lists all namespaces")
  func listAll() async throws {
    let (client, transport) = DiscoveryFixtures.client { request, _ in
      switch request.query("continue") {
      case nil:
        ScriptedTransport.json(
          200, #"{"metadata":{"resourceVersion":"9","continue":"p2"},"items":[{"metadata":{"name":"a"}}]}"#)
      case "p2":
        ScriptedTransport.json(
          200, #"{"metadata":{"resourceVersion":"9","continue":"p3"},"items":[{"metadata":{"name":"b"}}]}"#)
      default:
        ScriptedTransport.json(
          200, #"{"metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"c"}}]}"#)
      }
    }
    let all = try await client.listAll(.configMap, pageSize: 1)
    #expect(all.items.map(\.name) == ["a", "b", "c"])
    #expect(all.resourceVersion == "9")
    #expect(transport.requests(to: "/api/v1/configmaps").map { $0.query("limit") } == ["1", "1", "1"])
  }

  @Test("an expired continue token (410) starts the list over in one request")
  func listAllExpired() async throws {
    let (client, transport) = DiscoveryFixtures.client { request, _ in
      if request.query("continue") == "p2" {
        return ScriptedTransport.status(
          410, reason: "Expired", message: "The provided continue parameter is too old")
      }
      if request.query("limit") == nil {
        return ScriptedTransport.json(
          200,
          #"{"metadata":{"resourceVersion":"12"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"#
        )
      }
      return ScriptedTransport.json(
        200, #"{"metadata":{"resourceVersion":"9","continue":"p2"},"items":[{"metadata":{"name":"a"}}]}"#)
    }
    let all = try await client.listAll(.configMap, namespace: "spark", pageSize: 1)
    #expect(all.items.map(\.name) == ["a", "b"] && all.resourceVersion == "12")
    #expect(transport.requests(to: "/api/v1/namespaces/spark/configmaps").count == 3)
  }
}

/// Hands out token-1, token-2... and counts how many were issued.
actor CountingTokenProvider: BearerTokenProvider {
  var issued = 0
  private var current: String?

  func token() async throws -> String {
    if let current { return current }
    issued += 1
    current = "token-\(issued)"
    return current!
  }

  func invalidate() async { current = nil }
}
