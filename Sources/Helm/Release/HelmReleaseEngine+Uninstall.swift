import Kubernetes

/// How to uninstall.
public struct UninstallOptions: Sendable {
  /// Keep the records, marked `uninstalled` (`helm uninstall --keep-history`).
  public var keepHistory: Bool
  /// Also delete the chart's CRDs (and so every custom object of their kinds); Helm never
  /// does, and neither does eks-spark unless asked.
  public var deleteCRDs: Bool
  public var timeout: Duration

  public init(keepHistory: Bool = false, deleteCRDs: Bool = false, timeout: Duration = .seconds(300)) {
    self.keepHistory = keepHistory
    self.deleteCRDs = deleteCRDs
    self.timeout = timeout
  }
}

extension HelmReleaseEngine {
  /// `helm uninstall`: pre-delete hooks, the release's objects deleted in reverse install
  /// order, post-delete hooks, then the records removed (or kept as `uninstalled`). A run
  /// killed half-way leaves the release `uninstalling`; running again finishes it.
  /// Returns the revision uninstalled, or nil when there was nothing to uninstall.
  @discardableResult
  public func uninstall(name: String, namespace: String, options: UninstallOptions = .init()) async throws
    -> HelmRelease?
  {
    let history = try await history(name: name, namespace: namespace)
    guard var release = history.last, release.info.status != .uninstalled else { return nil }
    do {
      let deadline = ReleaseDeadline(options.timeout)
      try await setStatus(&release, .uninstalling, "Deletion in progress (or silently failed)")
      try await runHooks(&release.hooks, event: "pre-delete", namespace: namespace, deadline: deadline)
      // Every revision's objects: a failed upgrade may have applied some of its own.
      var seen = Set<ReleaseObjectKey>()
      var objects: [KubernetesObject] = []
      for revision in history.reversed() {
        for object in try Self.objects(revision.manifestDocuments)
        where seen.insert(Self.key(object, namespace: namespace)).inserted {
          objects.append(object)
        }
      }
      let ordered = ManifestSorting.stableSorted(objects, kind: \.kind)
      for object in ordered.reversed() { try await delete(object, namespace: namespace) }
      try await runHooks(&release.hooks, event: "post-delete", namespace: namespace, deadline: deadline)
      if options.deleteCRDs {
        for object in try Self.objects(Self.crdDocuments(release.chart)).reversed() {
          try await delete(object, namespace: namespace)
        }
      }
    } catch {
      let failure = HelmError.cluster(error, doing: "uninstall of \(name)")
      release.info.description = "uninstallation failed: \(failure.message)"
      try? await update(release)
      throw failure
    }
    if options.keepHistory {
      release.info.deleted = timestamp
      try await setStatus(&release, .uninstalled, "Uninstallation complete")
    } else {
      for old in history {
        _ = try await cluster.deleteObject(
          .secret, name: ReleaseSecret.name(release: name, version: old.version), namespace: namespace)
      }
      release.info.status = .uninstalled
    }
    log("uninstalled \(name)")
    return release
  }

  /// The `crds/` files of a stored chart (base64 in `files`).
  static func crdDocuments(_ chart: Value) -> [ReleaseDocument] {
    var out: [ReleaseDocument] = []
    for file in chart.mapValue?["files"]?.listValue ?? [] {
      guard let path = file.mapValue?["name"]?.stringValue, path.hasPrefix("crds/"),
        let data = file.mapValue?["data"]?.stringValue, let bytes = ReleaseSecret.base64(data)
      else { continue }
      for document in ManifestSorting.split(String(decoding: bytes, as: UTF8.self)) {
        out.append(ReleaseDocument(source: path, content: document))
      }
    }
    return out
  }
}
