/// A kind in one API group version (`apps/v1` `Deployment`); the core group is `""`.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
  public var group: String
  public var version: String
  public var kind: String

  public init(group: String, version: String, kind: String) {
    self.group = group
    self.version = version
    self.kind = kind
  }

  /// From an object's `apiVersion` (`v1`, `apps/v1`) and `kind`.
  public init(apiVersion: String, kind: String) {
    if let slash = apiVersion.firstIndex(of: "/") {
      group = String(apiVersion[..<slash])
      version = String(apiVersion[apiVersion.index(after: slash)...])
    } else {
      group = ""
      version = apiVersion
    }
    self.kind = kind
  }

  /// `v1` or `group/version`, as objects write it.
  public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

  public var description: String { "\(kind).\(apiVersion)" }

  // The kinds eks-spark reads and waits on, spelt once.
  public static let namespace = GroupVersionKind(group: "", version: "v1", kind: "Namespace")
  public static let configMap = GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")
  public static let secret = GroupVersionKind(group: "", version: "v1", kind: "Secret")
  public static let serviceAccount = GroupVersionKind(group: "", version: "v1", kind: "ServiceAccount")
  public static let pod = GroupVersionKind(group: "", version: "v1", kind: "Pod")
  public static let deployment = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")
  public static let job = GroupVersionKind(group: "batch", version: "v1", kind: "Job")
  public static let customResourceDefinition = GroupVersionKind(
    group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition")
}

/// A resource as discovery describes it: the plural name in URLs, its scope and what it
/// supports.
public struct APIResource: Sendable, Hashable {
  public var group: String
  public var version: String
  /// The plural name used in paths (`deployments`).
  public var name: String
  public var kind: String
  public var namespaced: Bool
  public var verbs: [String]
  public var shortNames: [String]
  /// The subresources discovery lists (`status`, `scale`, `log`).
  public var subresources: [String]

  public init(
    group: String, version: String, name: String, kind: String, namespaced: Bool, verbs: [String] = [],
    shortNames: [String] = [], subresources: [String] = []
  ) {
    self.group = group
    self.version = version
    self.name = name
    self.kind = kind
    self.namespaced = namespaced
    self.verbs = verbs
    self.shortNames = shortNames
    self.subresources = subresources
  }

  public var groupVersionKind: GroupVersionKind {
    GroupVersionKind(group: group, version: version, kind: kind)
  }

  /// `/api/v1` or `/apis/<group>/<version>`.
  public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}
