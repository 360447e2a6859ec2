import YAML

/// One Kubernetes object: its JSON tree, with typed access to what every object has
/// (apiVersion, kind, metadata). The tree is the truth; nothing is dropped in a round trip.
public struct KubernetesObject: Sendable, Hashable {
  public var tree: YAMLNode

  public init(_ tree: YAMLNode) {
    self.tree = tree
  }

  /// A new object with `apiVersion`, `kind` and `metadata.name` (and namespace) set.
  public init(
    _ kind: GroupVersionKind, name: String, namespace: String? = nil, body: [(String, YAMLNode)] = []
  ) {
    var metadata: [(String, YAMLNode)] = [("name", .string(name))]
    if let namespace { metadata.append(("namespace", .string(namespace))) }
    tree = .mapping(
      [
        ("apiVersion", .string(kind.apiVersion)), ("kind", .string(kind.kind)),
        ("metadata", .mapping(metadata)),
      ]
        + body)
  }

  /// Reads one object from JSON or YAML text.
  public static func parse(_ text: String, what: String = "manifest") throws(KubernetesError)
    -> KubernetesObject
  {
    KubernetesObject(try KubernetesJSON.decode(Array(text.utf8), what: what))
  }

  public var apiVersion: String { tree.text(at: ["apiVersion"]) ?? "" }
  public var kind: String { tree.text(at: ["kind"]) ?? "" }
  public var groupVersionKind: GroupVersionKind { GroupVersionKind(apiVersion: apiVersion, kind: kind) }

  /// The typed view of `metadata`; setting it writes the fields it models back.
  public var metadata: ObjectMetadata {
    get { ObjectMetadata(tree["metadata"] ?? .mapping([])) }
    set { tree.set(newValue.tree, at: ["metadata"]) }
  }

  public var name: String { metadata.name ?? "" }
  public var namespace: String? { metadata.namespace }

  /// `namespace/name`, or `name` for cluster-scoped objects, as messages print it.
  public var displayName: String {
    namespace.map { "\($0)/\(name)" } ?? name
  }

  public subscript(path: String...) -> YAMLNode? { tree.node(at: path) }

  /// The compact JSON of the object.
  public var json: String { YAMLJSONWriter.string(tree) }

  /// The condition of `status.conditions` with this type, if present.
  public func condition(_ type: String) -> ObjectCondition? {
    guard let items = tree.node(at: ["status", "conditions"])?.sequence else { return nil }
    for item in items where item.text(at: ["type"]) == type {
      return ObjectCondition(
        type: type, status: item.text(at: ["status"]) ?? "Unknown", reason: item.text(at: ["reason"]),
        message: item.text(at: ["message"]))
    }
    return nil
  }
}

/// One entry of `status.conditions`.
public struct ObjectCondition: Sendable, Hashable, CustomStringConvertible {
  public var type: String
  /// `True`, `False` or `Unknown`.
  public var status: String
  public var reason: String?
  public var message: String?

  public var isTrue: Bool { status == "True" }

  public var description: String {
    var text = "\(type)=\(status)"
    if let reason { text += " (\(reason)" + (message.map { ": \($0)" } ?? "") + ")" }
    return text
  }
}
