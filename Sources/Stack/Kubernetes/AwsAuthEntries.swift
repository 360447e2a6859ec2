import Kubernetes
import YAML

/// The `mapUsers` and `mapRoles` lists of an aws-auth ConfigMap, kept as the YAML trees
/// they are so entries eks-spark did not write go back exactly as they came.
struct AwsAuthEntries {
  struct Entry: Hashable {
    var username: String
    var groups: [String]
  }

  var users: [YAMLNode]
  var roles: [YAMLNode]

  init(_ map: KubernetesObject) throws {
    users = try Self.list(map, "mapUsers")
    roles = try Self.list(map, "mapRoles")
  }

  private static func list(_ map: KubernetesObject, _ key: String) throws -> [YAMLNode] {
    guard let text = map.tree.text(at: ["data", key]), !text.isEmpty else { return [] }
    do {
      return try YAMLParser.parse(text, file: "kube-system/aws-auth \(key)").first?.sequence ?? []
    } catch {
      throw StackError(
        .unexpectedState, "kube-system/aws-auth's \(key) is not valid YAML: \(error.message)",
        remedy: "fix it with kubectl edit -n kube-system configmap aws-auth; eks-spark will not overwrite it")
    }
  }

  static func isRole(_ arn: String) -> Bool { arn.contains(":role/") }

  func entry(for arn: String) -> Entry? {
    let (list, key) = Self.isRole(arn) ? (roles, "rolearn") : (users, "userarn")
    guard let node = list.first(where: { $0.text(at: [key]) == arn }) else { return nil }
    return Entry(
      username: node.text(at: ["username"]) ?? "",
      groups: (node["groups"]?.sequence ?? []).compactMap { $0.scalar?.text })
  }

  mutating func remove(_ arns: Set<String>) {
    users.removeAll { $0.text(at: ["userarn"]).map(arns.contains) ?? false }
    roles.removeAll { $0.text(at: ["rolearn"]).map(arns.contains) ?? false }
  }

  mutating func add(arn: String, username: String, groups: [String]) {
    let isRole = Self.isRole(arn)
    let node: YAMLNode = .mapping([
      (isRole ? "rolearn" : "userarn", .string(arn)), ("username", .string(username)),
      ("groups", .sequence(groups.map(YAMLNode.string))),
    ])
    if isRole { roles.append(node) } else { users.append(node) }
  }

  func store(in map: inout KubernetesObject) {
    for (key, list) in [("mapUsers", users), ("mapRoles", roles)] {
      map.tree.set(list.isEmpty ? nil : .string(YAMLEmitter.emit(.sequence(list))), at: ["data", key])
    }
  }
}
