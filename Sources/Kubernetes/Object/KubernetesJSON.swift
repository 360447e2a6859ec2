import YAML

/// Kubernetes objects travel as JSON; eks-spark holds them as the YAML module's node tree
/// (JSON is YAML), so manifests read from files and objects read from the API server are
/// the same kind of value.
public enum KubernetesJSON {
  /// The node tree of a JSON (or YAML) body.
  public static func decode(_ bytes: [UInt8], what: String = "response") throws(KubernetesError) -> YAMLNode {
    let text = String(decoding: bytes, as: UTF8.self)
    let documents: [YAMLNode]
    do {
      documents = try YAMLParser.parse(text, file: what)
    } catch {
      throw KubernetesError(
        .decoding, "the \(what) is not valid JSON: \(error.message) at \(error.mark)", cause: error,
        remedy: "re-run with --debug to see the exchange")
    }
    guard let document = documents.first else { throw KubernetesError(.decoding, "the \(what) is empty") }
    return document
  }

  /// The compact JSON bytes of a node.
  public static func encode(_ node: YAMLNode) -> [UInt8] {
    Array(YAMLJSONWriter.string(node).utf8)
  }
}

/// Reading and editing object trees by path, the way Kubernetes code addresses fields
/// (`["status", "conditions"]`).
extension YAMLNode {
  /// The node at a path of mapping keys, or nil when any step is missing.
  public func node(at path: [String]) -> YAMLNode? {
    var current = self
    for key in path {
      guard let next = current[key] else { return nil }
      current = next
    }
    return current
  }

  /// The text of a scalar at a path (strings, numbers and booleans alike); nil for null.
  public func text(at path: [String]) -> String? {
    guard let node = node(at: path), let scalar = node.scalar, !node.isNull else { return nil }
    return scalar.text
  }

  /// An integer at a path.
  public func integer(at path: [String]) -> Int? {
    guard let node = node(at: path) else { return nil }
    if case .int(let value) = node.resolvedScalar { return value }
    return node.scalar.flatMap { Int($0.text) }
  }

  /// A boolean at a path.
  public func boolean(at path: [String]) -> Bool? {
    guard let node = node(at: path) else { return nil }
    if case .bool(let value) = node.resolvedScalar { return value }
    return nil
  }

  /// A string-to-string mapping at a path (labels, annotations, ConfigMap data).
  public func stringMap(at path: [String]) -> [String: String] {
    guard let pairs = node(at: path)?.mapping else { return [:] }
    var result: [String: String] = [:]
    for pair in pairs {
      guard let key = pair.key.scalar?.text, let value = pair.value.scalar?.text else { continue }
      result[key] = value
    }
    return result
  }

  /// Sets (or with nil, removes) the node at a path, creating mappings on the way.
  public mutating func set(_ value: YAMLNode?, at path: [String]) {
    guard let key = path.first else {
      if let value { self = value }
      return
    }
    var pairs = mapping ?? []
    let index = pairs.firstIndex { $0.key.scalar?.text == key }
    if path.count == 1 {
      switch (index, value) {
      case (let index?, let value?): pairs[index].value = value
      case (let index?, nil): pairs.remove(at: index)
      case (nil, let value?): pairs.append(YAMLPair(key: .string(key), value: value))
      case (nil, nil): return
      }
    } else {
      var child = index.map { pairs[$0].value } ?? YAMLNode.mapping([])
      if child.mapping == nil { child = .mapping([]) }
      child.set(value, at: Array(path.dropFirst()))
      if let index {
        pairs[index].value = child
      } else {
        pairs.append(YAMLPair(key: .string(key), value: child))
      }
    }
    self = YAMLNode(.mapping(pairs), tag: tag, mark: mark, anchor: anchor)
  }

  /// A copy with the node at a path set.
  public func setting(_ value: YAMLNode?, at path: [String]) -> YAMLNode {
    var copy = self
    copy.set(value, at: path)
    return copy
  }
}
