/// Finds and merges kubeconfig files the way kubectl does: `--kubeconfig` alone when given,
/// else every file of `KUBECONFIG` (colon-separated; missing files skipped), else
/// `~/.kube/config`. Across files the first definition of a name wins, and the first
/// non-empty `current-context` wins.
public struct KubeconfigLoader: Sendable {
  public var environment: [String: String]
  public var files: KubeconfigFiles

  public init(environment: [String: String], files: KubeconfigFiles = .local) {
    self.environment = environment
    self.files = files
  }

  /// The files to read, in precedence order.
  public func paths(explicit: String? = nil) -> [String] {
    if let explicit, !explicit.isEmpty { return [expandHome(explicit)] }
    if let list = environment["KUBECONFIG"], !list.isEmpty {
      var seen = Set<String>()
      return list.split(separator: ":").map { expandHome(String($0)) }.filter { seen.insert($0).inserted }
    }
    return [defaultPath]
  }

  /// `~/.kube/config`.
  public var defaultPath: String { (environment["HOME"] ?? "") + "/.kube/config" }

  /// The file `update-kubeconfig` writes to: the explicit one, else the first of
  /// `KUBECONFIG`, else `~/.kube/config` (as the AWS CLI picks it).
  public func writePath(explicit: String? = nil) -> String {
    paths(explicit: explicit).first ?? defaultPath
  }

  /// The merged kubeconfig. An explicit file that does not exist is an error; files of a
  /// `KUBECONFIG` list that do not exist are skipped.
  public func load(explicit: String? = nil) throws(KubernetesError) -> Kubeconfig {
    var merged = Kubeconfig()
    for path in paths(explicit: explicit) {
      guard let bytes = files.read(path) else {
        if explicit != nil && !(explicit ?? "").isEmpty {
          throw KubernetesError(
            .kubeconfig, "the kubeconfig \(path) does not exist", remedy: "check the --kubeconfig path")
        }
        continue
      }
      let config = try Kubeconfig.parse(
        String(decoding: bytes, as: UTF8.self), file: path, directory: directory(of: path))
      merged.merge(config)
    }
    return merged
  }

  func expandHome(_ path: String) -> String {
    path.hasPrefix("~/") ? (environment["HOME"] ?? "") + path.dropFirst() : path
  }

  func directory(of path: String) -> String? {
    guard let slash = path.lastIndex(of: "/") else { return nil }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}

extension Kubeconfig {
  /// Adds what `other` defines and `self` does not (the earlier file wins).
  public mutating func merge(_ other: Kubeconfig) {
    clusters.merge(other.clusters) { first, _ in first }
    users.merge(other.users) { first, _ in first }
    contexts.merge(other.contexts) { first, _ in first }
    if currentContext == nil { currentContext = other.currentContext }
  }
}
