import Kubernetes

extension HelmReleaseEngine {
  /// `helm upgrade --install`: installs the release when it has no live revision, else
  /// upgrades it (revision +1, the deployed revision superseded). A `pending-*` revision
  /// (install, upgrade or rollback) left by a killed run is taken over and finished under
  /// its own number; a failed revision is followed by a new one, and whatever a failed
  /// revision applied that the chart no longer has is deleted. On failure the revision is marked `failed` and
  /// the error thrown; running again resumes.
  @discardableResult
  public func deploy(_ request: ReleaseRequest) async throws -> HelmRelease {
    let history = try await history(name: request.name, namespace: request.namespace)
    let last = history.last
    let revision: Int
    if let last, last.info.status.isPending {
      revision = last.version
      log(
        "taking over revision \(revision) of \(request.name), left \(last.info.status.rawValue) by an earlier run"
      )
    } else {
      revision = (last?.version ?? 0) + 1
    }
    let isUpgrade = history.contains { $0.version < revision && $0.info.status == .deployed }
    let result = try render(request, revision: revision, isUpgrade: isUpgrade)
    let now = timestamp
    var release = HelmRelease(
      name: request.name, namespace: request.namespace, version: revision,
      info: ReleaseInfo(
        firstDeployed: history.first { $0.version < revision }?.info.firstDeployed ?? now, lastDeployed: now,
        description: isUpgrade ? "Preparing upgrade" : "Initial install underway",
        status: isUpgrade ? .pendingUpgrade : .pendingInstall, notes: result.notes ?? ""),
      chart: HelmRelease.chartValue(request.chart), config: request.values,
      manifest: ReleaseDocument.manifestText(result.manifests), hooks: result.hooks.map(ReleaseHook.init))
    do {
      try await create(release)
    } catch {
      throw HelmError.cluster(error, doing: "storing revision \(revision) of release \(request.name)")
    }
    do {
      let deadline = ReleaseDeadline(request.timeout)
      let objects = try Self.objects(release.manifestDocuments)
      // The objects of every revision that may still be on the cluster, so a resumed run
      // also removes what an interrupted upgrade left behind.
      let previous = try history.filter { $0.version != revision && $0.info.status != .uninstalled }
        .flatMap { old throws(HelmError) in try Self.objects(old.manifestDocuments) }
      try await applyCRDs(result.crds, namespace: request.namespace, deadline: deadline)
      let pre = isUpgrade ? "pre-upgrade" : "pre-install"
      try await runHooks(&release.hooks, event: pre, namespace: request.namespace, deadline: deadline)
      try await applyAndWait(objects, namespace: request.namespace, deadline: deadline, wait: request.wait)
      try await deleteRemoved(old: previous, new: objects, namespace: request.namespace)
      let post = isUpgrade ? "post-upgrade" : "post-install"
      try await runHooks(&release.hooks, event: post, namespace: request.namespace, deadline: deadline)
      try await setStatus(&release, .deployed, isUpgrade ? "Upgrade complete" : "Install complete")
    } catch {
      let failure = HelmError.cluster(error, doing: "release \(request.name)")
      release.info.status = .failed
      release.info.description = "Release \"\(request.name)\" failed: \(failure.message)"
      try? await update(release)
      throw failure
    }
    try await retire(others: history + [release], current: revision)
    return release
  }

  /// `helm rollback`: a new revision with the manifest, hooks, chart and values of
  /// `revision` (default: the one before the newest), the current one superseded. A
  /// `pending-*` newest revision left by a killed run is replaced, not left pending.
  @discardableResult
  public func rollback(
    name: String, namespace: String, to revision: Int? = nil, timeout: Duration = .seconds(300)
  )
    async throws -> HelmRelease
  {
    let history = try await history(name: name, namespace: namespace)
    guard let last = history.last else {
      throw HelmError(.release, "release: not found", remedy: "install the release first")
    }
    let targetVersion =
      revision ?? (last.info.status == .pendingRollback ? last.version - 2 : last.version - 1)
    guard let target = history.first(where: { $0.version == targetVersion }) else {
      let kept = history.map { String($0.version) }.joined(separator: ", ")
      throw HelmError(
        .release, "release has no \(targetVersion) version", remedy: "pick one of the revisions kept: \(kept)"
      )
    }
    let resuming = last.info.status.isPending
    let now = timestamp
    var release = target
    release.version = resuming ? last.version : last.version + 1
    release.info = ReleaseInfo(
      firstDeployed: history.first?.info.firstDeployed ?? now, lastDeployed: now,
      description: "Rollback to \(targetVersion)", status: .pendingRollback, notes: target.info.notes)
    do {
      try await create(release)
    } catch {
      throw HelmError.cluster(error, doing: "storing revision \(release.version) of release \(name)")
    }
    do {
      let deadline = ReleaseDeadline(timeout)
      let objects = try Self.objects(release.manifestDocuments)
      let current = try history.filter { $0.version != release.version && $0.info.status != .uninstalled }
        .flatMap { old throws(HelmError) in try Self.objects(old.manifestDocuments) }
      try await runHooks(&release.hooks, event: "pre-rollback", namespace: namespace, deadline: deadline)
      try await applyAndWait(objects, namespace: namespace, deadline: deadline)
      try await deleteRemoved(old: current, new: objects, namespace: namespace)
      try await runHooks(&release.hooks, event: "post-rollback", namespace: namespace, deadline: deadline)
      try await setStatus(&release, .deployed, "Rollback to \(targetVersion)")
    } catch {
      let failure = HelmError.cluster(error, doing: "rollback of \(name)")
      release.info.status = .failed
      release.info.description = "Rollback \"\(name)\" failed: \(failure.message)"
      try? await update(release)
      throw failure
    }
    try await retire(others: history + [release], current: release.version)
    return release
  }
}
