import YAML

/// Helm's `releaseutil.SortManifests`: templates split into documents, hooks taken out,
/// the rest stably sorted by kind in `InstallOrder` (unknown kinds last, alphabetically).
enum ManifestSorting {
  static let installOrder: [String] = [
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
    "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
    "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
    "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
    "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
  ]
  static let rank: [String: Int] = Dictionary(
    uniqueKeysWithValues: installOrder.enumerated().map { ($1, $0) })
  static let hookEvents: Set<String> = [
    "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade", "pre-rollback",
    "post-rollback", "test", "test-success",
  ]

  static func sort(_ templates: [String: String]) throws(HelmError) -> ([Manifest], [Hook]) {
    var manifests: [Manifest] = []
    var hooks: [Hook] = []
    for path in templates.keys.sorted() {
      let content = templates[path]!
      if content.trimmingBlanks.isEmpty { continue }
      for document in split(content) {
        let head = try Head(document, path: path)
        guard let hookAnnotation = head.annotations["helm.sh/hook"] else {
          manifests.append(Manifest(path: path, content: document, kind: head.kind, name: head.name))
          continue
        }
        let events = hookAnnotation.split(separator: ",").map { $0.trimmingBlanks.lowercased() }
        // Helm skips (with a warning) a document naming an unknown hook.
        guard events.allSatisfy({ hookEvents.contains($0) }) else { continue }
        let policies = (head.annotations["helm.sh/hook-delete-policy"] ?? "").split(separator: ",")
          .map { $0.trimmingBlanks }.filter { !$0.isEmpty }
        hooks.append(
          Hook(
            path: path, manifest: document, kind: head.kind, name: head.name,
            events: events.map { $0 == "test-success" ? "test" : $0 },
            weight: Int(head.annotations["helm.sh/hook-weight"] ?? "") ?? 0, deletePolicies: policies))
      }
    }
    return (stableSorted(manifests, kind: \.kind), stableSorted(hooks, kind: \.kind))
  }

  static func stableSorted<T>(_ items: [T], kind: KeyPath<T, String>) -> [T] {
    items.enumerated().sorted { a, b in
      let kindA = a.element[keyPath: kind]
      let kindB = b.element[keyPath: kind]
      switch (rank[kindA], rank[kindB]) {
      case let (x?, y?): return x != y ? x < y : a.offset < b.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return kindA != kindB ? kindA < kindB : a.offset < b.offset
      }
    }.map(\.element)
  }

  /// `SplitManifests`: cut at every `---` that starts a line (with the blanks around it),
  /// trim each document, drop empty ones.
  static func split(_ text: String) -> [String] {
    let bytes = Array(("\n" + text + "\n").utf8)
    var documents: [String] = []
    var start = 0
    var index = 0
    func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == 0x0b || byte == 0x0c
    }
    while index + 3 < bytes.count {
      if bytes[index] == 0x0a && bytes[index + 1] == 0x2d && bytes[index + 2] == 0x2d
        && bytes[index + 3] == 0x2d
      {
        var matchStart = index
        while matchStart > start && isSpace(bytes[matchStart - 1]) { matchStart -= 1 }
        documents.append(String(decoding: bytes[start..<matchStart], as: UTF8.self))
        var end = index + 4
        while end < bytes.count && isSpace(bytes[end]) { end += 1 }
        start = end
        index = end
        continue
      }
      index += 1
    }
    if start < bytes.count { documents.append(String(decoding: bytes[start...], as: UTF8.self)) }
    return documents.map { $0.trimmingBlanks }.filter { !$0.isEmpty }
  }

  /// The fields Helm reads from each document (`SimpleHead`).
  struct Head {
    var kind = ""
    var name = ""
    var annotations: [String: String] = [:]

    init(_ document: String, path: String) throws(HelmError) {
      let nodes: [YAMLNode]
      do {
        nodes = try YAMLParser.parse(document, file: path)
      } catch {
        throw HelmError(
          .render, "YAML parse error on \(path): \(error.message)",
          remedy:
            "the template renders invalid YAML with these values; check its indentation (nindent/toYaml)")
      }
      guard let root = nodes.first else { return }
      kind = root["kind"]?.scalar?.text ?? ""
      name = root["metadata"]?["name"]?.scalar?.text ?? ""
      for pair in root["metadata"]?["annotations"]?.mapping ?? [] {
        if let key = pair.key.scalar?.text, let value = pair.value.scalar?.text { annotations[key] = value }
      }
    }
  }
}
