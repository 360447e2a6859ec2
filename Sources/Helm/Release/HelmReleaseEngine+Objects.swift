import Kubernetes

/// One object of a release as the cluster names it; two documents with the same key are
/// the same object.
public struct ReleaseObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var group: String
  public var kind: String
  /// Nil for documents without a namespace (the release's namespace, or cluster-scoped).
  public var namespace: String?
  public var name: String

  public init(group: String, kind: String, namespace: String?, name: String) {
    self.group = group
    self.kind = kind
    self.namespace = namespace
    self.name = name
  }

  init(_ object: KubernetesObject) {
    self.init(
      group: object.groupVersionKind.group, kind: object.kind, namespace: object.namespace, name: object.name)
  }

  public var description: String { "\(kind) " + (namespace.map { "\($0)/\(name)" } ?? name) }

  public static func < (a: Self, b: Self) -> Bool { a.description < b.description }
}

/// Time left for a release action's waits, shared by all of them.
struct ReleaseDeadline {
  let end: ContinuousClock.Instant
  let timeout: Duration

  init(_ timeout: Duration) {
    self.timeout = timeout
    end = .now + timeout
  }

  var remaining: Duration { max(.zero, end - .now) }
}

extension HelmReleaseEngine {
  /// Parses a document of the release into an object; documents that hold only comments
  /// are skipped, as Helm skips them.
  static func object(_ text: String, source: String) throws(HelmError) -> KubernetesObject? {
    // A template whose condition is off renders blank lines (and comments): no object.
    let blank = text.split(separator: "\n").allSatisfy { line in
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
      return trimmed.isEmpty || trimmed.hasPrefix("#")
    }
    if blank { return nil }
    let object: KubernetesObject
    do {
      object = try KubernetesObject.parse(text, what: source)
    } catch {
      throw HelmError(
        .render, "\(source): \(error.message)", remedy: "the chart renders a document that is not an object")
    }
    guard object.tree.mapping != nil, !object.kind.isEmpty else { return nil }
    guard !object.name.isEmpty else {
      throw HelmError(.render, "\(source): the \(object.kind) has no metadata.name")
    }
    return object
  }

  static func objects(_ documents: [ReleaseDocument]) throws(HelmError) -> [KubernetesObject] {
    var out: [KubernetesObject] = []
    for document in documents {
      if let object = try object(document.content, source: document.source) { out.append(object) }
    }
    return out
  }

  /// Applies the chart's CRDs server-side (2.x CRDs exceed client-side apply's annotation
  /// limit) and waits until each is Established, so the chart's custom objects can follow.
  func applyCRDs(_ files: [ChartFile], namespace: String, deadline: ReleaseDeadline) async throws {
    var crds: [KubernetesObject] = []
    for file in files {
      let documents = ManifestSorting.split(file.text).map { ReleaseDocument(source: file.path, content: $0) }
      crds += try Self.objects(documents)
    }
    for crd in crds {
      try await apply(crd, namespace: namespace)
    }
    for crd in crds where crd.kind == "CustomResourceDefinition" {
      try await waitFor(.crdEstablished, crd, namespace: namespace, deadline: deadline)
    }
  }

  func apply(_ object: KubernetesObject, namespace: String) async throws {
    do {
      _ = try await cluster.applyObject(object, namespace: namespace)
    } catch {
      throw HelmError.cluster(error, doing: "applying \(ReleaseObjectKey(object))")
    }
    log("applied \(ReleaseObjectKey(object))")
  }

  /// Deletes one object of the release; an object whose kind the cluster no longer serves
  /// (its CRD was removed) is gone already.
  func delete(_ object: KubernetesObject, namespace: String) async throws {
    let scope: String?
    do {
      scope = try await cluster.isNamespaced(object.groupVersionKind) ? (object.namespace ?? namespace) : nil
    } catch let error as KubernetesError where error.code == .unknownKind {
      log("skipped \(ReleaseObjectKey(object)): the cluster no longer serves \(object.groupVersionKind)")
      return
    }
    do {
      if try await cluster.deleteObject(object.groupVersionKind, name: object.name, namespace: scope) {
        log("deleted \(ReleaseObjectKey(object))")
      }
    } catch {
      throw HelmError.cluster(error, doing: "deleting \(ReleaseObjectKey(object))")
    }
  }

  func waitFor(
    _ condition: WaitCondition, _ object: KubernetesObject, namespace: String, deadline: ReleaseDeadline
  ) async throws {
    let scope =
      try await cluster.isNamespaced(object.groupVersionKind) ? (object.namespace ?? namespace) : nil
    do {
      try await cluster.waitFor(
        condition, object.groupVersionKind, name: object.name, namespace: scope, timeout: deadline.remaining)
    } catch {
      throw HelmError.cluster(
        error, doing: "waiting for \(ReleaseObjectKey(object)) to be \(condition.description)")
    }
  }

  /// Applies the release's objects in install order, then waits for its Deployments to be
  /// available and its Jobs to complete.
  func applyAndWait(
    _ objects: [KubernetesObject], namespace: String, deadline: ReleaseDeadline, wait: Bool = true
  ) async throws {
    for object in objects { try await apply(object, namespace: namespace) }
    for object in objects where wait {
      switch object.kind {
      case "Deployment":
        try await waitFor(.deploymentAvailable, object, namespace: namespace, deadline: deadline)
      case "Job": try await waitFor(.jobComplete, object, namespace: namespace, deadline: deadline)
      default: continue
      }
    }
  }

  /// Deletes the objects of `old` that `new` no longer has, in reverse install order.
  func deleteRemoved(old: [KubernetesObject], new: [KubernetesObject], namespace: String) async throws {
    let kept = Set(new.map { Self.key($0, namespace: namespace) })
    for object in old.reversed() where !kept.contains(Self.key(object, namespace: namespace)) {
      try await delete(object, namespace: namespace)
    }
  }

  static func key(_ object: KubernetesObject, namespace: String) -> ReleaseObjectKey {
    var key = ReleaseObjectKey(object)
    if key.namespace == nil { key.namespace = namespace }
    return key
  }

  /// Runs the hooks of one event by weight (then name), each with its delete policies:
  /// `before-hook-creation` (the default) deletes a previous copy first, `hook-succeeded`
  /// and `hook-failed` delete it after. Jobs are waited for until complete.
  func runHooks(
    _ hooks: inout [ReleaseHook], event: String, namespace: String, deadline: ReleaseDeadline
  ) async throws {
    let order = hooks.indices.filter { hooks[$0].events.contains(event) }
      .sorted { (hooks[$0].weight, hooks[$0].name) < (hooks[$1].weight, hooks[$1].name) }
    for index in order {
      guard let object = try Self.object(hooks[index].manifest, source: hooks[index].path) else { continue }
      let policies =
        hooks[index].deletePolicies.isEmpty ? ["before-hook-creation"] : hooks[index].deletePolicies
      if policies.contains("before-hook-creation") {
        try await delete(object, namespace: namespace)
        try await waitFor(.deleted, object, namespace: namespace, deadline: deadline)
      }
      hooks[index].lastRun = HookRun(startedAt: timestamp, phase: "Running")
      do {
        try await apply(object, namespace: namespace)
        if object.kind == "Job" {
          try await waitFor(.jobComplete, object, namespace: namespace, deadline: deadline)
        }
      } catch {
        hooks[index].lastRun.completedAt = timestamp
        hooks[index].lastRun.phase = "Failed"
        if policies.contains("hook-failed") { try? await delete(object, namespace: namespace) }
        let inner = HelmError.cluster(error, doing: "running \(ReleaseObjectKey(object))")
        throw HelmError(
          .cluster, "\(event) hook \(hooks[index].path) failed: \(inner.message)", remedy: inner.remedy)
      }
      hooks[index].lastRun.completedAt = timestamp
      hooks[index].lastRun.phase = "Succeeded"
      log("\(event) hook \(ReleaseObjectKey(object)) succeeded")
      if policies.contains("hook-succeeded") { try await delete(object, namespace: namespace) }
    }
  }
}
