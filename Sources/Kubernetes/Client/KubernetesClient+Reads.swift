import YAML

extension KubernetesClient {
  /// The object, or a `NotFound` error.
  public func get(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil, subresource: String? = nil
  ) async throws -> KubernetesObject {
    let resource = try await resource(for: kind)
    let response = try await send(
      .get, path(resource, namespace: namespace, name: name, subresource: subresource))
    return try decodeObject(response, what: "\(kind.kind) \(name)")
  }

  /// The object, or nil when it does not exist (how readers of live state ask).
  public func getIfPresent(_ kind: GroupVersionKind, name: String, namespace: String? = nil) async throws
    -> KubernetesObject?
  {
    do {
      return try await get(kind, name: name, namespace: namespace)
    } catch let error as KubernetesError where error.isNotFound {
      return nil
    }
  }

  /// One page. `namespace` nil lists a namespaced kind across all namespaces.
  public func list(_ kind: GroupVersionKind, namespace: String? = nil, options: ListOptions = ListOptions())
    async throws -> ObjectList
  {
    let resource = try await resource(for: kind)
    let response = try await send(
      .get, path(resource, namespace: namespace, allNamespaces: namespace == nil), query: options.query)
    let tree = try KubernetesJSON.decode(response.body, what: "\(kind.kind) list")
    let items = (tree["items"]?.sequence ?? []).map { item -> KubernetesObject in
      // List items carry no apiVersion and kind of their own; put them back.
      var object = KubernetesObject(item)
      if object.kind.isEmpty {
        object.tree.set(.string(kind.apiVersion), at: ["apiVersion"])
        object.tree.set(.string(kind.kind), at: ["kind"])
      }
      return object
    }
    let token = tree.text(at: ["metadata", "continue"])
    return ObjectList(
      items: items, resourceVersion: tree.text(at: ["metadata", "resourceVersion"]) ?? "",
      continueToken: token?.isEmpty == false ? token : nil,
      remainingItemCount: tree.integer(at: ["metadata", "remainingItemCount"]))
  }

  /// Every page, `pageSize` objects at a time. A continue token that expired (410) starts
  /// the list over in one request, as client-go's pager does.
  public func listAll(
    _ kind: GroupVersionKind, namespace: String? = nil, options: ListOptions = ListOptions(),
    pageSize: Int = 500
  ) async throws -> ObjectList {
    var options = options
    options.limit = pageSize
    options.continueToken = nil
    var items: [KubernetesObject] = []
    var resourceVersion = ""
    while true {
      let page: ObjectList
      do {
        page = try await list(kind, namespace: namespace, options: options)
      } catch let error as KubernetesError where error.isGone && options.continueToken != nil {
        var whole = options
        whole.limit = nil
        whole.continueToken = nil
        return try await list(kind, namespace: namespace, options: whole)
      }
      items += page.items
      if resourceVersion.isEmpty { resourceVersion = page.resourceVersion }
      guard let token = page.continueToken else { break }
      options.continueToken = token
    }
    return ObjectList(items: items, resourceVersion: resourceVersion)
  }
}
