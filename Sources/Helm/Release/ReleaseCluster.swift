import Kubernetes

/// What the release engine asks of a cluster. `KubernetesClient` is the real one; tests
/// give the engine an in-memory cluster.
public protocol ReleaseCluster: Sendable {
  /// Server-side apply with the client's field manager, forced: the release owns every
  /// field of its objects. A namespaced object without a namespace goes to `namespace`.
  func applyObject(_ object: KubernetesObject, namespace: String) async throws -> KubernetesObject
  /// Deletes the object (background propagation); false when it was not there.
  func deleteObject(_ kind: GroupVersionKind, name: String, namespace: String?) async throws -> Bool
  /// Whether the kind is namespaced (discovery).
  func isNamespaced(_ kind: GroupVersionKind) async throws -> Bool
  func listObjects(_ kind: GroupVersionKind, namespace: String, labelSelector: String) async throws
    -> [KubernetesObject]
  func createObject(_ object: KubernetesObject) async throws -> KubernetesObject
  /// PUT; conditional when the object carries a resourceVersion.
  func replaceObject(_ object: KubernetesObject) async throws -> KubernetesObject
  /// Watches until the condition holds, or throws when it fails or `timeout` passes.
  func waitFor(
    _ condition: WaitCondition, _ kind: GroupVersionKind, name: String, namespace: String?, timeout: Duration
  ) async throws
}

extension KubernetesClient: ReleaseCluster {
  public func applyObject(_ object: KubernetesObject, namespace: String) async throws -> KubernetesObject {
    var object = object
    if object.namespace == nil, try await isNamespaced(object.groupVersionKind) {
      object.tree.set(.string(namespace), at: ["metadata", "namespace"])
    }
    return try await apply(object, force: true)
  }

  public func deleteObject(_ kind: GroupVersionKind, name: String, namespace: String?) async throws -> Bool {
    try await deleteIfPresent(kind, name: name, namespace: namespace)
  }

  public func isNamespaced(_ kind: GroupVersionKind) async throws -> Bool {
    try await resource(for: kind).namespaced
  }

  public func listObjects(_ kind: GroupVersionKind, namespace: String, labelSelector: String) async throws
    -> [KubernetesObject]
  {
    try await listAll(kind, namespace: namespace, options: ListOptions(labelSelector: labelSelector)).items
  }

  public func createObject(_ object: KubernetesObject) async throws -> KubernetesObject {
    try await create(object)
  }

  public func replaceObject(_ object: KubernetesObject) async throws -> KubernetesObject {
    try await replace(object)
  }

  public func waitFor(
    _ condition: WaitCondition, _ kind: GroupVersionKind, name: String, namespace: String?, timeout: Duration
  ) async throws {
    try await wait(for: condition, kind, name: name, namespace: namespace, timeout: timeout)
  }
}
