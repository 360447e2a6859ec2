import Engine
import Kubernetes

/// Finds the stack's Kubernetes objects (by its labels) that the stack file no longer
/// describes: namespaces cluster-wide, service accounts, Roles and RoleBindings in the
/// stack's namespaces. The planner deletes those it does not find in the graph.
public struct KubernetesOrphans: OwnedResourceSource {
  let namespaces: [String]
  let ownership: KubernetesOwnership
  let access: ClusterAccess

  public init(namespaces: [String], ownership: KubernetesOwnership, access: ClusterAccess) {
    self.namespaces = Array(Set(namespaces)).sorted()
    self.ownership = ownership
    self.access = access
  }

  public func ownedResources(_ context: ReadContext) async throws -> [any Resource] {
    guard let client = try await access.client(context) else { return [] }
    let options = ListOptions(labelSelector: ownership.selector)
    let namespaced = [
      GroupVersionKind.serviceAccount, ServiceAccountObjects.role, ServiceAccountObjects.roleBinding,
    ]
    let found = try await withThrowingTaskGroup(of: [KubernetesObject].self) { group in
      group.addTask { try await client.listAll(.namespace, options: options).items }
      for kind in namespaced {
        for namespace in namespaces {
          group.addTask { try await client.listAll(kind, namespace: namespace, options: options).items }
        }
      }
      var all: [KubernetesObject] = []
      for try await batch in group { all += batch }
      return all
    }
    return found.filter(ownership.owns).map { live in
      KubernetesObjectResource(
        KubernetesObject(live.groupVersionKind, name: live.name, namespace: live.namespace),
        ownership: ownership, access: access)
    }
  }
}
