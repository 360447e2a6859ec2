import YAML

/// A typed view of an object's `metadata`. Fields it does not model (managedFields,
/// finalizers...) stay in `tree` untouched.
public struct ObjectMetadata: Sendable, Hashable {
  public var tree: YAMLNode

  public init(_ tree: YAMLNode = .mapping([])) {
    self.tree = tree
  }

  public var name: String? {
    get { tree.text(at: ["name"]) }
    set { tree.set(newValue.map(YAMLNode.string), at: ["name"]) }
  }

  public var generateName: String? { tree.text(at: ["generateName"]) }

  public var namespace: String? {
    get { tree.text(at: ["namespace"]) }
    set { tree.set(newValue.map(YAMLNode.string), at: ["namespace"]) }
  }

  public var labels: [String: String] {
    get { tree.stringMap(at: ["labels"]) }
    set { tree.set(newValue.isEmpty ? nil : Self.sortedMapping(newValue), at: ["labels"]) }
  }

  public var annotations: [String: String] {
    get { tree.stringMap(at: ["annotations"]) }
    set { tree.set(newValue.isEmpty ? nil : Self.sortedMapping(newValue), at: ["annotations"]) }
  }

  /// The version the server stamps on every write; a watch resumes from it.
  public var resourceVersion: String? {
    get { tree.text(at: ["resourceVersion"]) }
    set { tree.set(newValue.map(YAMLNode.string), at: ["resourceVersion"]) }
  }

  public var uid: String? { tree.text(at: ["uid"]) }
  /// Bumped by the server when the spec changes; status reports `observedGeneration`.
  public var generation: Int? { tree.integer(at: ["generation"]) }
  public var creationTimestamp: String? { tree.text(at: ["creationTimestamp"]) }
  /// Set once deletion started (finalizers may still hold the object).
  public var deletionTimestamp: String? { tree.text(at: ["deletionTimestamp"]) }
  public var finalizers: [String] {
    tree.node(at: ["finalizers"])?.sequence?.compactMap { $0.scalar?.text } ?? []
  }

  /// The owners (`kind/name`) of the object, for messages and garbage collection checks.
  public var ownerReferences: [(kind: String, name: String, uid: String)] {
    (tree.node(at: ["ownerReferences"])?.sequence ?? []).map {
      ($0.text(at: ["kind"]) ?? "", $0.text(at: ["name"]) ?? "", $0.text(at: ["uid"]) ?? "")
    }
  }

  static func sortedMapping(_ values: [String: String]) -> YAMLNode {
    .mapping(values.sorted { $0.key < $1.key }.map { ($0.key, YAMLNode.string($0.value)) })
  }

  public static func == (lhs: ObjectMetadata, rhs: ObjectMetadata) -> Bool { lhs.tree == rhs.tree }
  public func hash(into hasher: inout Hasher) { hasher.combine(tree) }
}
