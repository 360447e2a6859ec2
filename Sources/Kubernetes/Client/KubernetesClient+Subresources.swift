import YAML

extension KubernetesClient {
  /// The object as its `status` subresource serves it.
  public func status(_ kind: GroupVersionKind, name: String, namespace: String? = nil) async throws
    -> KubernetesObject
  {
    try await get(kind, name: name, namespace: namespace, subresource: "status")
  }

  /// Merge-patches the `status` subresource (what controllers and tests write).
  public func patchStatus(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil, status: YAMLNode, dryRun: Bool = false
  ) async throws -> KubernetesObject {
    try await patch(
      kind, name: name, namespace: namespace, .merge(.mapping([("status", status)])), subresource: "status",
      dryRun: dryRun)
  }

  /// The desired replica count from the `scale` subresource.
  public func scale(_ kind: GroupVersionKind, name: String, namespace: String? = nil) async throws -> Int {
    let scale = try await get(kind, name: name, namespace: namespace, subresource: "scale")
    return scale.tree.integer(at: ["spec", "replicas"]) ?? 0
  }

  /// Sets the replica count through the `scale` subresource (as `kubectl scale`).
  @discardableResult
  public func setScale(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil, replicas: Int, dryRun: Bool = false
  ) async throws -> KubernetesObject {
    try await patch(
      kind, name: name, namespace: namespace,
      .merge(.mapping([("spec", .mapping([("replicas", .int(replicas))]))])),
      subresource: "scale", dryRun: dryRun)
  }

  /// A pod's log (`log` subresource): a container's output, optionally its last lines or
  /// its previous run's.
  public func log(
    pod: String, namespace: String? = nil, container: String? = nil, tailLines: Int? = nil,
    previous: Bool = false
  ) async throws -> String {
    let resource = try await resource(for: .pod)
    var query: [(String, String)] = []
    if let container { query.append(("container", container)) }
    if let tailLines { query.append(("tailLines", String(tailLines))) }
    if previous { query.append(("previous", "true")) }
    let response = try await send(
      .get, path(resource, namespace: namespace, name: pod, subresource: "log"), query: query, accept: "*/*")
    return response.text
  }
}
