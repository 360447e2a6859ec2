import YAML

/// Selectors and paging for a list.
public struct ListOptions: Sendable, Hashable {
  public var labelSelector: String?
  public var fieldSelector: String?
  /// Page size; nil asks for everything at once.
  public var limit: Int?
  /// The `continue` token of the previous page.
  public var continueToken: String?
  /// `0` serves from the watch cache; nil reads the latest.
  public var resourceVersion: String?

  public init(
    labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
    continueToken: String? = nil,
    resourceVersion: String? = nil
  ) {
    self.labelSelector = labelSelector
    self.fieldSelector = fieldSelector
    self.limit = limit
    self.continueToken = continueToken
    self.resourceVersion = resourceVersion
  }

  var query: [(String, String)] {
    var query: [(String, String)] = []
    if let labelSelector { query.append(("labelSelector", labelSelector)) }
    if let fieldSelector { query.append(("fieldSelector", fieldSelector)) }
    if let limit { query.append(("limit", String(limit))) }
    if let continueToken { query.append(("continue", continueToken)) }
    if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
    return query
  }
}

/// One page of a list, or all pages joined.
public struct ObjectList: Sendable, Hashable {
  public var items: [KubernetesObject]
  /// The list's resourceVersion: a watch started from it misses nothing.
  public var resourceVersion: String
  /// Set when more pages follow.
  public var continueToken: String?
  public var remainingItemCount: Int?

  public init(
    items: [KubernetesObject], resourceVersion: String, continueToken: String? = nil,
    remainingItemCount: Int? = nil
  ) {
    self.items = items
    self.resourceVersion = resourceVersion
    self.continueToken = continueToken
    self.remainingItemCount = remainingItemCount
  }
}

/// What happens to an object's dependents when it is deleted.
public enum PropagationPolicy: String, Sendable, Hashable {
  /// Delete the object now; the garbage collector removes dependents afterwards.
  case background = "Background"
  /// Keep the object (with a finalizer) until its dependents are gone.
  case foreground = "Foreground"
  /// Leave the dependents.
  case orphan = "Orphan"
}

/// The body of a PATCH, by patch type.
public enum Patch: Sendable, Hashable {
  /// RFC 7386 JSON merge patch: maps merge, `null` deletes, lists are replaced.
  case merge(YAMLNode)
  /// RFC 6902 JSON patch: a list of operations.
  case json([JSONPatchOperation])
  /// Kubernetes strategic merge patch (built-in kinds only).
  case strategic(YAMLNode)

  var contentType: String {
    switch self {
    case .merge: "application/merge-patch+json"
    case .json: "application/json-patch+json"
    case .strategic: "application/strategic-merge-patch+json"
    }
  }

  var body: [UInt8] {
    switch self {
    case .merge(let node), .strategic(let node): KubernetesJSON.encode(node)
    case .json(let operations): KubernetesJSON.encode(.sequence(operations.map(\.node)))
    }
  }
}

/// One RFC 6902 operation; paths are JSON pointers (`/metadata/labels/app`).
public struct JSONPatchOperation: Sendable, Hashable {
  public enum Op: String, Sendable, Hashable { case add, remove, replace, move, copy, test }

  public var op: Op
  public var path: String
  public var value: YAMLNode?
  public var from: String?

  public init(_ op: Op, _ path: String, value: YAMLNode? = nil, from: String? = nil) {
    self.op = op
    self.path = path
    self.value = value
    self.from = from
  }

  var node: YAMLNode {
    var pairs: [(String, YAMLNode)] = [("op", .string(op.rawValue)), ("path", .string(path))]
    if let from { pairs.append(("from", .string(from))) }
    if let value { pairs.append(("value", value)) }
    return .mapping(pairs)
  }

  /// A JSON pointer token with `~` and `/` escaped.
  public static func escape(_ token: String) -> String {
    token.replacing("~", with: "~0").replacing("/", with: "~1")
  }
}
