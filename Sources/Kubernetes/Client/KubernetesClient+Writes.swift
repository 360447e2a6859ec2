import YAML

extension KubernetesClient {
  /// Creates the object (POST); `AlreadyExists` when the name is taken.
  public func create(_ object: KubernetesObject, dryRun: Bool = false) async throws -> KubernetesObject {
    let (resource, namespace) = try await target(of: object)
    let response = try await send(
      .post, path(resource, namespace: namespace), query: writeQuery(dryRun: dryRun),
      body: KubernetesJSON.encode(object.tree), contentType: "application/json")
    return try decodeObject(response, what: "created \(object.kind)")
  }

  /// Server-side apply: sends the fields we own with field manager `fieldManager`. `force`
  /// takes fields another manager owns instead of failing with a conflict; pass it only
  /// where the caller owns the field. With `dryRun` nothing is stored and the answer is
  /// the object as it would be (defaults included), which is what plans diff against.
  public func apply(_ object: KubernetesObject, force: Bool, dryRun: Bool = false) async throws
    -> KubernetesObject
  {
    let (resource, namespace) = try await target(of: object)
    let name = try requireName(object)
    var query = [("fieldManager", fieldManager)]
    if force { query.append(("force", "true")) }
    if dryRun { query.append(("dryRun", "All")) }
    // JSON is YAML, so the apply-patch+yaml body can be the object's JSON.
    let response = try await send(
      .patch, path(resource, namespace: namespace, name: name), query: query,
      body: KubernetesJSON.encode(object.tree), contentType: "application/apply-patch+yaml")
    return try decodeObject(response, what: "applied \(object.kind) \(name)")
  }

  /// Patches an object (or one of its subresources) with a merge, JSON or strategic patch.
  public func patch(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil, _ patch: Patch,
    subresource: String? = nil,
    dryRun: Bool = false
  ) async throws -> KubernetesObject {
    let resource = try await resource(for: kind)
    let response = try await send(
      .patch, path(resource, namespace: namespace, name: name, subresource: subresource),
      query: writeQuery(dryRun: dryRun), body: patch.body, contentType: patch.contentType)
    return try decodeObject(response, what: "patched \(kind.kind) \(name)")
  }

  /// Replaces the object (PUT). With `metadata.resourceVersion` set the write is
  /// conditional: a newer object on the server fails with `Conflict`.
  public func replace(_ object: KubernetesObject, subresource: String? = nil, dryRun: Bool = false)
    async throws
    -> KubernetesObject
  {
    let (resource, namespace) = try await target(of: object)
    let name = try requireName(object)
    let response = try await send(
      .put, path(resource, namespace: namespace, name: name, subresource: subresource),
      query: writeQuery(dryRun: dryRun), body: KubernetesJSON.encode(object.tree),
      contentType: "application/json")
    return try decodeObject(response, what: "replaced \(object.kind) \(name)")
  }

  /// Deletes the object. Answers the object when it still exists (finalizers, foreground
  /// deletion) and nil when it is gone.
  @discardableResult
  public func delete(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil,
    propagationPolicy: PropagationPolicy? = .background, gracePeriodSeconds: Int? = nil,
    preconditionResourceVersion: String? = nil, dryRun: Bool = false
  ) async throws -> KubernetesObject? {
    let resource = try await resource(for: kind)
    var options: [(String, YAMLNode)] = [
      ("apiVersion", .string("v1")), ("kind", .string("DeleteOptions")),
    ]
    if let propagationPolicy { options.append(("propagationPolicy", .string(propagationPolicy.rawValue))) }
    if let gracePeriodSeconds { options.append(("gracePeriodSeconds", .int(gracePeriodSeconds))) }
    if let preconditionResourceVersion {
      options.append(("preconditions", .mapping([("resourceVersion", .string(preconditionResourceVersion))])))
    }
    if dryRun { options.append(("dryRun", .sequence([.string("All")]))) }
    let response = try await send(
      .delete, path(resource, namespace: namespace, name: name),
      body: KubernetesJSON.encode(.mapping(options)),
      contentType: "application/json")
    let tree = try KubernetesJSON.decode(response.body, what: "delete answer")
    return tree.text(at: ["kind"]) == "Status" ? nil : KubernetesObject(tree)
  }

  /// Deletes when present; false when there was nothing to delete.
  @discardableResult
  public func deleteIfPresent(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil,
    propagationPolicy: PropagationPolicy? = .background
  ) async throws -> Bool {
    do {
      try await delete(kind, name: name, namespace: namespace, propagationPolicy: propagationPolicy)
      return true
    } catch let error as KubernetesError where error.isNotFound {
      return false
    }
  }

  func writeQuery(dryRun: Bool) -> [(String, String)] {
    var query = [("fieldManager", fieldManager)]
    if dryRun { query.append(("dryRun", "All")) }
    return query
  }
}
