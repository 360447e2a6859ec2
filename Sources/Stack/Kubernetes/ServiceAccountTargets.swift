import Config
import Engine
import Kubernetes

/// What `serviceaccount bind [NAME]` applies: each named service account (all when no name
/// is given) with its Role and RoleBinding; a targeted run adds what they need.
enum ServiceAccountTargets {
  /// The addresses, or the error naming the service accounts the stack file has.
  static func addresses(for accounts: [ServiceAccountConfig], name: String?) -> Result<[String], StackError> {
    let chosen = accounts.filter { name == nil || $0.name == name || "\($0.namespace)/\($0.name)" == name }
    guard !chosen.isEmpty else {
      let known = accounts.map { "\($0.namespace)/\($0.name)" }
      return .failure(
        StackError(
          .unknownServiceAccount,
          name.map { "the stack file has no service account \($0)" }
            ?? "the stack file declares no service accounts",
          remedy: known.isEmpty
            ? "add one under serviceAccounts:" : "name one of: \(known.joined(separator: ", "))"))
    }
    return .success(
      chosen.flatMap { account in
        [
          KubernetesObjectResource.address(
            for: .serviceAccount, name: account.name, namespace: account.namespace),
          KubernetesObjectResource.address(
            for: ServiceAccountObjects.role, name: account.role.name, namespace: account.namespace),
          KubernetesObjectResource.address(
            for: ServiceAccountObjects.roleBinding, name: account.role.name, namespace: account.namespace),
        ].map(\.description)
      })
  }
}
