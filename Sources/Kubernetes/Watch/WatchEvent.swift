/// One change seen by a watch.
public enum WatchEvent: Sendable, Hashable {
  case added(KubernetesObject)
  case modified(KubernetesObject)
  case deleted(KubernetesObject)
  /// The server's progress note: nothing changed up to this resourceVersion.
  case bookmark(resourceVersion: String)
  /// The watch's resourceVersion expired (410 Gone), so the collection was listed again:
  /// these are all the objects now. Objects missing from it were deleted in the gap.
  case relisted([KubernetesObject], resourceVersion: String)

  /// The objects the event carries.
  public var objects: [KubernetesObject] {
    switch self {
    case .added(let object), .modified(let object), .deleted(let object): [object]
    case .bookmark: []
    case .relisted(let objects, _): objects
    }
  }

  /// The resourceVersion a watch resumes from after this event.
  public var resourceVersion: String? {
    switch self {
    case .added(let object), .modified(let object), .deleted(let object): object.metadata.resourceVersion
    case .bookmark(let version), .relisted(_, let version): version
    }
  }
}

/// What to watch and from where.
public struct WatchOptions: Sendable, Hashable {
  public var labelSelector: String?
  public var fieldSelector: String?
  /// Start after this version; nil starts with the current objects as ADDED events.
  public var resourceVersion: String?
  /// How long the server keeps one watch request open before the stream reconnects.
  public var timeoutSeconds: Int
  public var allowBookmarks: Bool

  public init(
    labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
    timeoutSeconds: Int = 290, allowBookmarks: Bool = true
  ) {
    self.labelSelector = labelSelector
    self.fieldSelector = fieldSelector
    self.resourceVersion = resourceVersion
    self.timeoutSeconds = timeoutSeconds
    self.allowBookmarks = allowBookmarks
  }

  func query(resourceVersion: String?) -> [(String, String)] {
    var query: [(String, String)] = [("watch", "1")]
    if let resourceVersion, !resourceVersion.isEmpty { query.append(("resourceVersion", resourceVersion)) }
    if let labelSelector { query.append(("labelSelector", labelSelector)) }
    if let fieldSelector { query.append(("fieldSelector", fieldSelector)) }
    if allowBookmarks { query.append(("allowWatchBookmarks", "true")) }
    query.append(("timeoutSeconds", String(timeoutSeconds)))
    return query
  }
}
