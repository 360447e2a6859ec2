import YAML

/// Dotted-path access into free-form values (`operator.values`), which the rest of the
/// decoder reads through typed readers instead.
extension YAMLNode {
  /// The node at `path` (mapping keys only), or nil.
  func value(at path: [String]) -> YAMLNode? {
    var node = self
    for key in path {
      guard let next = node[key] else { return nil }
      node = next
    }
    return node
  }

  /// A copy with `value` at `path`, creating mappings on the way; `nil` removes the key
  /// (and mappings that become empty by it).
  func setting(_ value: YAMLNode?, at path: [String]) -> YAMLNode {
    guard let key = path.first else { return value ?? .mapping([]) }
    var pairs = mapping ?? []
    let index = pairs.firstIndex { $0.key.scalar?.text == key }
    let child = index.map { pairs[$0].value } ?? .mapping([])
    let updated: YAMLNode? =
      path.count == 1 ? value : child.setting(value, at: Array(path.dropFirst())).nonEmptyMapping
    switch (index, updated) {
    case (let index?, let updated?): pairs[index].value = updated
    case (let index?, nil): pairs.remove(at: index)
    case (nil, let updated?): pairs.append(YAMLPair(key: .string(key), value: updated))
    case (nil, nil): break
    }
    return YAMLNode(.mapping(pairs), tag: tag, mark: mark, anchor: anchor)
  }

  private var nonEmptyMapping: YAMLNode? {
    if let pairs = mapping, pairs.isEmpty { return nil }
    return self
  }

  /// A boolean scalar's value (`true`/`false` in the core schema), or nil.
  var boolValue: Bool? {
    if case .bool(let value) = resolvedScalar { return value }
    return nil
  }
}
