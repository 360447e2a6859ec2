import Kubernetes
import Synchronization
import YAML

@testable import Helm

/// An in-memory cluster for the release engine: stores what is applied and created,
/// reports Deployments available, Jobs complete and CRDs Established at once, and fails
/// where a test says so. Every write is logged (`apply Deployment default/x`).
final class FakeCluster: ReleaseCluster {
  struct Key: Hashable {
    var kind: String
    var namespace: String?
    var name: String
  }

  struct State {
    var objects: [Key: KubernetesObject] = [:]
    var log: [String] = []
    var failApply: Set<String> = []
    var failingJobs: Set<String> = []
    var unservedKinds: Set<String> = []
    var resourceVersion = 0
  }

  static let clusterScoped: Set<String> = [
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Namespace",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration", "PriorityClass",
  ]

  let state = Mutex(State())

  var log: [String] { state.withLock { $0.log } }
  func clearLog() { state.withLock { $0.log = [] } }
  /// Applying an object of this name fails (until removed), as a rejected object would.
  func failApply(of name: String) { state.withLock { _ = $0.failApply.insert(name) } }
  func healApply() { state.withLock { $0.failApply = [] } }
  func failJob(_ name: String) { state.withLock { _ = $0.failingJobs.insert(name) } }

  func object(_ kind: String, _ name: String, namespace: String? = "default") -> KubernetesObject? {
    state.withLock { $0.objects[Key(kind: kind, namespace: namespace, name: name)] }
  }

  func names(of kind: String) -> [String] {
    state.withLock { $0.objects.keys.filter { $0.kind == kind }.map(\.name).sorted() }
  }

  func isNamespaced(_ kind: GroupVersionKind) async throws -> Bool {
    if state.withLock({ $0.unservedKinds.contains(kind.kind) }) {
      throw KubernetesError(.unknownKind, "the server does not serve \(kind)")
    }
    return !Self.clusterScoped.contains(kind.kind)
  }

  /// Discovery stops knowing the kind, as when its CRD is deleted.
  func stopServing(_ kind: String) { state.withLock { _ = $0.unservedKinds.insert(kind) } }

  func key(_ object: KubernetesObject, namespace: String?) -> Key {
    let scoped = !Self.clusterScoped.contains(object.kind)
    return Key(
      kind: object.kind, namespace: scoped ? (object.namespace ?? namespace) : nil, name: object.name)
  }

  func applyObject(_ object: KubernetesObject, namespace: String) async throws -> KubernetesObject {
    try state.withLock { state in
      if state.failApply.contains(object.name) {
        throw KubernetesError(
          .api, "admission webhook denied the request: \(object.name) is refused", reason: "Invalid",
          status: 422)
      }
      var stored = object
      let key = key(object, namespace: namespace)
      if key.namespace != nil { stored.tree.set(.string(key.namespace!), at: ["metadata", "namespace"]) }
      switch object.kind {
      case "Deployment":
        let replicas = object.tree.integer(at: ["spec", "replicas"]) ?? 1
        stored.tree.set(
          .mapping([
            ("replicas", .int(replicas)), ("updatedReplicas", .int(replicas)),
            ("availableReplicas", .int(replicas)),
          ]), at: ["status"])
      case "Job":
        let type = state.failingJobs.contains(object.name) ? "Failed" : "Complete"
        stored.tree.set(
          .mapping([
            ("conditions", .sequence([.mapping([("type", .string(type)), ("status", .string("True"))])]))
          ]),
          at: ["status"])
      case "CustomResourceDefinition":
        stored.tree.set(
          .mapping([
            (
              "conditions",
              .sequence([.mapping([("type", .string("Established")), ("status", .string("True"))])])
            )
          ]), at: ["status"])
      default: break
      }
      state.objects[key] = stored
      state.log.append("apply \(object.kind) \(key.namespace.map { "\($0)/" } ?? "")\(object.name)")
      return stored
    }
  }

  func deleteObject(_ kind: GroupVersionKind, name: String, namespace: String?) async throws -> Bool {
    state.withLock { state in
      let key = Key(kind: kind.kind, namespace: namespace, name: name)
      guard state.objects.removeValue(forKey: key) != nil else { return false }
      state.log.append("delete \(kind.kind) \(namespace.map { "\($0)/" } ?? "")\(name)")
      return true
    }
  }

  func listObjects(_ kind: GroupVersionKind, namespace: String, labelSelector: String) async throws
    -> [KubernetesObject]
  {
    let wanted = labelSelector.split(separator: ",").map { $0.split(separator: "=").map(String.init) }
    return state.withLock { state in
      state.objects.filter { key, object in
        key.kind == kind.kind && key.namespace == namespace
          && wanted.allSatisfy { object.metadata.labels[$0[0]] == $0[1] }
      }.map(\.value)
    }
  }

  func createObject(_ object: KubernetesObject) async throws -> KubernetesObject {
    try state.withLock { state in
      let key = key(object, namespace: nil)
      if state.objects[key] != nil {
        throw KubernetesError(
          .api, "secrets \"\(object.name)\" already exists", reason: "AlreadyExists", status: 409)
      }
      state.objects[key] = object
      state.log.append("create \(object.kind) \(object.name)")
      return object
    }
  }

  func replaceObject(_ object: KubernetesObject) async throws -> KubernetesObject {
    try state.withLock { state in
      let key = key(object, namespace: nil)
      guard state.objects[key] != nil else {
        throw KubernetesError(.api, "secrets \"\(object.name)\" not found", reason: "NotFound", status: 404)
      }
      state.objects[key] = object
      state.log.append("replace \(object.kind) \(object.name) \(object.metadata.labels["status"] ?? "")")
      return object
    }
  }

  func waitFor(
    _ condition: WaitCondition, _ kind: GroupVersionKind, name: String, namespace: String?, timeout: Duration
  ) async throws {
    let current = state.withLock { $0.objects[Key(kind: kind.kind, namespace: namespace, name: name)] }
    switch condition.evaluate(current) {
    case .satisfied: return
    case .pending(let state):
      throw KubernetesError(.wait, "timed out waiting for \(kind.kind) \(name); last seen: \(state)")
    case .failed(let reason):
      throw KubernetesError(.wait, "\(kind.kind) \(name) will not be \(condition.description): \(reason)")
    }
  }
}
