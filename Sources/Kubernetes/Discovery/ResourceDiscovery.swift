import YAML

/// Maps kinds to resources (plural name, scope, subresources) from the API server's
/// discovery documents, loaded once per run: the aggregated form (`/api` and `/apis` as
/// `APIGroupDiscoveryList`, two requests) where the server offers it, else the legacy
/// form (`/api/v1`, `/apis`, then one request per group version). A kind that is not
/// known yet (a CRD established after loading) is looked up again in its own group
/// version before it counts as unknown.
public actor ResourceDiscovery {
  let requester: APIRequester
  private var byKind: [GroupVersionKind: APIResource] = [:]
  private var loaded = false
  /// How many discovery requests were sent (tests and benchmarks read it).
  public private(set) var requestCount = 0

  init(requester: APIRequester) {
    self.requester = requester
  }

  /// The resource serving a kind.
  public func resource(for kind: GroupVersionKind) async throws -> APIResource {
    if !loaded { try await load() }
    if let found = byKind[kind] { return found }
    // Not in the snapshot: the kind may have been registered since (a CRD just
    // established). Its group version's own document is one cheap request.
    try await refresh(group: kind.group, version: kind.version)
    if let found = byKind[kind] { return found }
    throw KubernetesError(
      .unknownKind, "the server does not serve \(kind.kind) in \(kind.apiVersion)",
      remedy: kind.group.contains(".")
        ? "install the CustomResourceDefinition for \(kind.kind) and wait until it is Established"
        : "check apiVersion and kind")
  }

  /// Every resource discovery knows (loading it when needed).
  public func allResources() async throws -> [APIResource] {
    if !loaded { try await load() }
    return byKind.values.sorted { ($0.group, $0.version, $0.name) < ($1.group, $1.version, $1.name) }
  }

  /// Forgets everything; the next lookup loads discovery again.
  public func invalidate() {
    byKind = [:]
    loaded = false
  }

  /// Reloads one group version's resources (after its CRD became Established).
  public func refresh(group: String, version: String) async throws {
    let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
    requestCount += 1
    do {
      let response = try await requester.send(.get, path)
      let tree = try KubernetesJSON.decode(response.body, what: "discovery of \(path)")
      for resource in DiscoveryDocuments.legacyResources(tree, group: group, version: version) {
        byKind[resource.groupVersionKind] = resource
      }
    } catch let error as KubernetesError where error.isNotFound {
      for key in byKind.keys where key.group == group && key.version == version { byKind[key] = nil }
    }
  }

  func load() async throws {
    let aggregated =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
    async let core = requester.send(.get, "/api", accept: aggregated)
    async let groups = requester.send(.get, "/apis", accept: aggregated)
    let (coreResponse, groupsResponse) = try await (core, groups)
    requestCount += 2
    let coreTree = try KubernetesJSON.decode(coreResponse.body, what: "discovery of /api")
    let groupsTree = try KubernetesJSON.decode(groupsResponse.body, what: "discovery of /apis")
    var found: [APIResource] = []
    if coreTree.text(at: ["kind"]) == "APIGroupDiscoveryList",
      groupsTree.text(at: ["kind"]) == "APIGroupDiscoveryList"
    {
      found =
        DiscoveryDocuments.aggregatedResources(coreTree) + DiscoveryDocuments.aggregatedResources(groupsTree)
    } else {
      found = try await loadLegacy(core: coreTree, groups: groupsTree)
    }
    byKind = [:]
    for resource in found { byKind[resource.groupVersionKind] = resource }
    loaded = true
  }

  /// The legacy walk: every served version of every group, fetched together.
  private func loadLegacy(core: YAMLNode, groups: YAMLNode) async throws -> [APIResource] {
    var versions: [(group: String, version: String)] = (core["versions"]?.sequence ?? []).compactMap {
      $0.scalar.map { ("", $0.text) }
    }
    for group in groups["groups"]?.sequence ?? [] {
      guard let name = group.text(at: ["name"]) else { continue }
      for version in group["versions"]?.sequence ?? [] {
        if let text = version.text(at: ["version"]) { versions.append((name, text)) }
      }
    }
    let requester = self.requester
    requestCount += versions.count
    return try await withThrowingTaskGroup(of: [APIResource].self) { tasks in
      for (group, version) in versions {
        tasks.addTask {
          let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
          do {
            let response = try await requester.send(.get, path)
            let tree = try KubernetesJSON.decode(response.body, what: "discovery of \(path)")
            return DiscoveryDocuments.legacyResources(tree, group: group, version: version)
          } catch let error as KubernetesError where error.isNotFound || error.status == 503 {
            // An aggregated API that is down must not stop discovery of the rest (kubectl
            // skips it too).
            return []
          }
        }
      }
      var all: [APIResource] = []
      for try await part in tasks { all += part }
      return all
    }
  }
}

/// Reading the two discovery formats.
enum DiscoveryDocuments {
  /// `APIResourceList` (legacy): resources and `name/subresource` entries.
  static func legacyResources(_ tree: YAMLNode, group: String, version: String) -> [APIResource] {
    let entries = tree["resources"]?.sequence ?? []
    var resources: [String: APIResource] = [:]
    var order: [String] = []
    var subresources: [(String, String)] = []
    for entry in entries {
      guard let name = entry.text(at: ["name"]) else { continue }
      if let slash = name.firstIndex(of: "/") {
        subresources.append((String(name[..<slash]), String(name[name.index(after: slash)...])))
        continue
      }
      guard let kind = entry.text(at: ["kind"]) else { continue }
      resources[name] = APIResource(
        group: group, version: version, name: name, kind: kind,
        namespaced: entry.boolean(at: ["namespaced"]) ?? false,
        verbs: strings(entry["verbs"]), shortNames: strings(entry["shortNames"]))
      order.append(name)
    }
    for (parent, sub) in subresources { resources[parent]?.subresources.append(sub) }
    return order.compactMap { resources[$0] }
  }

  /// `APIGroupDiscoveryList` (aggregated v2/v2beta1): groups, versions, resources.
  static func aggregatedResources(_ tree: YAMLNode) -> [APIResource] {
    var result: [APIResource] = []
    for group in tree["items"]?.sequence ?? [] {
      let groupName = group.text(at: ["metadata", "name"]) ?? ""
      for version in group["versions"]?.sequence ?? [] {
        guard let versionName = version.text(at: ["version"]) else { continue }
        for entry in version["resources"]?.sequence ?? [] {
          guard let name = entry.text(at: ["resource"]), let kind = entry.text(at: ["responseKind", "kind"])
          else {
            continue
          }
          result.append(
            APIResource(
              group: groupName, version: versionName, name: name, kind: kind,
              namespaced: entry.text(at: ["scope"]) == "Namespaced", verbs: strings(entry["verbs"]),
              shortNames: strings(entry["shortNames"]),
              subresources: (entry["subresources"]?.sequence ?? []).compactMap {
                $0.text(at: ["subresource"])
              }))
        }
      }
    }
    return result
  }

  static func strings(_ node: YAMLNode?) -> [String] {
    node?.sequence?.compactMap { $0.scalar?.text } ?? []
  }
}
