import HTTP

@testable import Kubernetes

/// Discovery documents for the kinds the unit tests use, in the aggregated form.
enum DiscoveryFixtures {
  static let core = #"""
    {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[
      {"metadata":{"name":""},"versions":[{"version":"v1","resources":[
        {"resource":"namespaces","responseKind":{"group":"","version":"v1","kind":"Namespace"},"scope":"Cluster","verbs":["get","list","watch","create","delete"]},
        {"resource":"configmaps","responseKind":{"group":"","version":"v1","kind":"ConfigMap"},"scope":"Namespaced","verbs":["get","list","watch","create","update","patch","delete"],"shortNames":["cm"]},
        {"resource":"pods","responseKind":{"group":"","version":"v1","kind":"Pod"},"scope":"Namespaced","verbs":["get","list","watch"],"subresources":[{"subresource":"status"},{"subresource":"log"}]}
      ]}]}
    ]}
    """#

  static let groups = #"""
    {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[
      {"metadata":{"name":"apps"},"versions":[{"version":"v1","resources":[
        {"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced","verbs":["get","list","watch","patch"],"subresources":[{"subresource":"status"},{"subresource":"scale"}]}
      ]}]},
      {"metadata":{"name":"batch"},"versions":[{"version":"v1","resources":[
        {"resource":"jobs","responseKind":{"group":"batch","version":"v1","kind":"Job"},"scope":"Namespaced","verbs":["get","list","watch"]}
      ]}]},
      {"metadata":{"name":"apiextensions.k8s.io"},"versions":[{"version":"v1","resources":[
        {"resource":"customresourcedefinitions","responseKind":{"group":"apiextensions.k8s.io","version":"v1","kind":"CustomResourceDefinition"},"scope":"Cluster","verbs":["get","list","watch","create"],"subresources":[{"subresource":"status"}]}
      ]}]}
    ]}
    """#

  /// Answers discovery, or nil for other paths.
  static func answer(_ request: HTTPRequest) -> ScriptedTransport.Reply? {
    switch request.path {
    case "/api": ScriptedTransport.json(200, core)
    case "/apis": ScriptedTransport.json(200, groups)
    default: nil
    }
  }

  /// A client on a scripted transport whose discovery is answered here.
  static func client(
    _ handler: @escaping @Sendable (HTTPRequest, Int) throws -> ScriptedTransport.Reply,
    token: String? = "test-token",
    sleep: @escaping @Sendable (Duration) async throws -> Void = { _ in await Task.yield() }
  ) -> (KubernetesClient, ScriptedTransport) {
    let transport = ScriptedTransport { request, index in
      if let discovery = answer(request) { return discovery }
      return try handler(request, index)
    }
    let connection = KubernetesConnection(
      server: "https://k8s.example:6443", credentials: token.map { StaticTokenProvider($0) },
      label: "cluster test")
    let client = KubernetesClient(connection: connection, transport: transport, sleep: sleep)
    return (client, transport)
  }
}
