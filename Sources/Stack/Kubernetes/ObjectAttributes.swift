import Engine
import Kubernetes
import YAML

/// How a Kubernetes object appears in a plan: its labels and annotations, and each
/// top-level field besides `apiVersion`, `kind`, `metadata` and `status` (`rules`, `subjects`,
/// `data`), as attribute trees. Live objects are projected onto the fields the stack sets,
/// so what the server adds (defaults, managedFields, uid) is never drift.
enum ObjectAttributes {
  static let skipped: Set<String> = ["apiVersion", "kind", "metadata", "status"]

  /// The attributes of a manifest.
  static func of(_ object: KubernetesObject) -> Attributes {
    var attributes: Attributes = [:]
    for key in ["labels", "annotations"] {
      if let node = object.tree.node(at: ["metadata", key]) { attributes[key] = value(node) }
    }
    for pair in object.tree.mapping ?? [] {
      guard let key = pair.key.scalar?.text, !skipped.contains(key) else { continue }
      attributes[key] = value(pair.value)
    }
    return attributes
  }

  /// The attributes of `live` restricted to the fields `manifest` sets.
  static func projected(_ live: KubernetesObject, onto manifest: KubernetesObject) -> Attributes {
    let wanted = of(manifest)
    let present = of(live)
    var attributes: Attributes = [:]
    for (key, desired) in wanted {
      attributes[key] = project(present[key] ?? .null, onto: desired)
    }
    return attributes
  }

  /// Maps keep only the keys the desired value has; lists and scalars are whole.
  static func project(_ live: AttributeValue, onto desired: AttributeValue) -> AttributeValue {
    guard case .map(let wanted) = desired, case .map(let entries) = live else { return live }
    var kept: [String: AttributeValue] = [:]
    for (key, value) in wanted {
      kept[key] = entries[key].map { project($0, onto: value) } ?? .null
    }
    return .map(kept)
  }

  /// A YAML node as an attribute value, scalars typed by the core schema.
  static func value(_ node: YAMLNode) -> AttributeValue {
    switch node.content {
    case .mapping(let pairs):
      var entries: [String: AttributeValue] = [:]
      for pair in pairs {
        if let key = pair.key.scalar?.text { entries[key] = value(pair.value) }
      }
      return .map(entries)
    case .sequence(let items):
      return .list(items.map(value))
    case .scalar:
      switch node.resolvedScalar {
      case .bool(let flag): return .bool(flag)
      case .int(let number): return .number(Double(number))
      case .float(let number): return .number(number)
      case .string(let text): return .string(text)
      case .null, .none: return .null
      }
    }
  }
}
