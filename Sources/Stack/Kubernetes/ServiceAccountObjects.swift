import Config
import Engine
import Kubernetes
import YAML

/// The Kubernetes side of `serviceAccounts[]`: the namespaces they live in (other than the
/// ones every cluster has), each service account with its IRSA annotation, and a Role with
/// its RoleBinding so the Spark driver can manage its executors.
enum ServiceAccountObjects {
  /// Namespaces every EKS cluster has: never created or deleted by the stack.
  static let builtInNamespaces: Set<String> = ["default", "kube-system", "kube-public", "kube-node-lease"]
  static let roleARNAnnotation = "eks.amazonaws.com/role-arn"
  static let rbac = "rbac.authorization.k8s.io"
  static let role = GroupVersionKind(group: rbac, version: "v1", kind: "Role")
  static let roleBinding = GroupVersionKind(group: rbac, version: "v1", kind: "RoleBinding")

  /// The namespace resources, by namespace name.
  static func namespaces(
    _ accounts: [ServiceAccountConfig], ownership: KubernetesOwnership, access: ClusterAccess
  ) -> [String: KubernetesObjectResource] {
    var result: [String: KubernetesObjectResource] = [:]
    for namespace in Set(accounts.map(\.namespace)) where !builtInNamespaces.contains(namespace) {
      result[namespace] = KubernetesObjectResource(
        KubernetesObject(.namespace, name: namespace), ownership: ownership, access: access)
    }
    return result
  }

  /// The service account, Role and RoleBinding of one `serviceAccounts[]` entry.
  static func objects(
    for account: ServiceAccountConfig, irsaRole: Address, namespace: Address?, ownership: KubernetesOwnership,
    access: ClusterAccess
  ) -> [KubernetesObjectResource] {
    let after = namespace.map { [$0] } ?? []
    let serviceAccount = KubernetesObjectResource(
      KubernetesObject(.serviceAccount, name: account.name, namespace: account.namespace),
      inputs: [
        .init(path: ["metadata", "annotations", roleARNAnnotation], address: irsaRole, output: "arn")
      ], dependencies: after, ownership: ownership, access: access)
    let rule: YAMLNode = .mapping([
      ("apiGroups", .sequence([.string("")])),
      ("resources", .sequence(account.role.resources.map(YAMLNode.string))),
      ("verbs", .sequence(account.role.verbs.map(YAMLNode.string))),
    ])
    let roleObject = KubernetesObjectResource(
      KubernetesObject(
        role, name: account.role.name, namespace: account.namespace, body: [("rules", .sequence([rule]))]),
      dependencies: after, ownership: ownership, access: access)
    let binding = KubernetesObjectResource(
      KubernetesObject(
        roleBinding, name: account.role.name, namespace: account.namespace,
        body: [
          (
            "roleRef",
            .mapping([
              ("apiGroup", .string(rbac)), ("kind", .string("Role")), ("name", .string(account.role.name)),
            ])
          ),
          (
            "subjects",
            .sequence([
              .mapping([
                ("kind", .string("ServiceAccount")), ("name", .string(account.name)),
                ("namespace", .string(account.namespace)),
              ])
            ])
          ),
        ]),
      dependencies: after + [serviceAccount.address, roleObject.address], ownership: ownership, access: access
    )
    return [serviceAccount, roleObject, binding]
  }

  /// Refuses a service account whose namespace no Fargate profile selects: on a Fargate-only
  /// cluster its pods (the Spark driver and executors) would stay Pending forever.
  static func checkScheduling(_ stack: Config.Stack) throws {
    let selected = Set(stack.cluster.fargateProfiles.flatMap { $0.selectors.map(\.namespace) })
    for account in stack.serviceAccounts where !selected.contains(account.namespace) {
      throw StackError(
        .unschedulable,
        "service account \(account.namespace)/\(account.name) is in namespace \(account.namespace), which no Fargate profile selects: its pods would stay Pending",
        remedy:
          "add `- namespace: \(account.namespace)` to the selectors of a profile in cluster.fargateProfiles, or move the service account to a selected namespace (\(selected.sorted().joined(separator: ", ")))"
      )
    }
  }
}
