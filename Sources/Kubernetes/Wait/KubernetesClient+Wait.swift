import Synchronization

extension KubernetesClient {
  /// Waits until the object meets the condition, watching it (one request, no polling):
  /// reads it, then watches it by name from that version. Throws a `wait` error naming
  /// what was awaited and the last state seen when `timeout` passes or the condition
  /// fails. When a CRD becomes Established its group version is re-discovered, so its
  /// kinds can be used at once.
  @discardableResult
  public func wait(
    for condition: WaitCondition, _ kind: GroupVersionKind, name: String, namespace: String? = nil,
    timeout: Duration
  ) async throws -> KubernetesObject? {
    let subject = "\(kind.kind) " + (namespace.map { "\($0)/\(name)" } ?? name)
    let lastSeen = LastSeenState()
    let result = try await withThrowingTaskGroup(of: KubernetesObject?.self) { tasks in
      tasks.addTask {
        try await self.watchUntil(condition, kind, name: name, namespace: namespace, subject: subject) {
          state in
          lastSeen.record(state)
        }
      }
      tasks.addTask {
        try await self.sleep(timeout)
        throw KubernetesError(
          .wait,
          "timed out after \(Self.format(timeout)) waiting for \(subject) to be \(condition.description); "
            + "last seen: \(lastSeen.state)",
          remedy: "look at the object's status and events (kubectl describe), or raise the timeout")
      }
      defer { tasks.cancelAll() }
      return try await tasks.next()!
    }
    if kind == .customResourceDefinition, let crd = result {
      try await discoverServedVersions(of: crd)
    }
    return result
  }

  private func watchUntil(
    _ condition: WaitCondition, _ kind: GroupVersionKind, name: String, namespace: String?, subject: String,
    record: @Sendable (String) -> Void
  ) async throws -> KubernetesObject? {
    func judge(_ object: KubernetesObject?) throws -> Bool {
      switch condition.evaluate(object) {
      case .satisfied: return true
      case .pending(let state):
        record(state)
        return false
      case .failed(let reason):
        throw KubernetesError(
          .wait, "\(subject) will not be \(condition.description): \(reason)",
          remedy: "look at the object's status and events (kubectl describe)")
      }
    }
    let resource = try await resource(for: kind)
    let selector = "metadata.name=\(name)"
    // A list by name gives the state and a version to watch from, present or not.
    let list = try await list(
      kind, namespace: resource.namespaced ? (namespace ?? connection.defaultNamespace) : nil,
      options: ListOptions(fieldSelector: selector))
    var current = list.items.first
    if try judge(current) { return current }
    let events = watch(
      kind, namespace: resource.namespaced ? (namespace ?? connection.defaultNamespace) : nil,
      options: WatchOptions(fieldSelector: selector, resourceVersion: list.resourceVersion))
    for try await event in events {
      switch event {
      case .added(let object), .modified(let object): current = object
      case .deleted: current = nil
      case .relisted(let objects, _): current = objects.first { $0.name == name }
      case .bookmark: continue
      }
      if try judge(current) { return current }
    }
    throw KubernetesError(.wait, "the watch of \(subject) ended before it was \(condition.description)")
  }

  /// Loads the group versions a just-established CRD serves into discovery.
  private func discoverServedVersions(of crd: KubernetesObject) async throws {
    guard let group = crd.tree.text(at: ["spec", "group"]) else { return }
    for version in crd.tree.node(at: ["spec", "versions"])?.sequence ?? []
    where version.boolean(at: ["served"]) != false {
      if let name = version.text(at: ["name"]) { try await discovery.refresh(group: group, version: name) }
    }
  }

  static func format(_ duration: Duration) -> String {
    let seconds = duration.components.seconds
    if seconds >= 60 && seconds % 60 == 0 { return "\(seconds / 60)m" }
    if seconds >= 60 { return "\(seconds / 60)m\(seconds % 60)s" }
    if seconds == 0 { return "\(duration.components.attoseconds / 1_000_000_000_000_000)ms" }
    return "\(seconds)s"
  }
}

/// The last state a wait saw, shared between the watching task and the timer.
final class LastSeenState: Sendable {
  private let value = Mutex("not read yet")
  var state: String { value.withLock { $0 } }
  func record(_ state: String) { value.withLock { $0 = state } }
}
