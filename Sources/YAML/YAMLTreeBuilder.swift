/// Turns libyaml events into node trees: a stack of open collections, the anchors of the
/// current document, merge keys and duplicate-key detection.
struct YAMLTreeBuilder {
  enum CollectionKind { case sequence, mapping }

  /// Deep nesting is either an attack or a mistake; either way consumers recurse on the tree.
  static let maximumDepth = 512
  /// How many nodes the aliases of one document may stand for once expanded. Aliases share
  /// storage here, but every consumer that walks or copies the tree pays for the expansion,
  /// so a file of a few hundred bytes could otherwise stand for billions of nodes ("billion
  /// laughs"). Stack files and chart values use aliases for a handful of settings; this is
  /// far above that and far below what costs real memory.
  static let maximumAliasExpansion = 100_000

  private struct OpenCollection {
    var kind: CollectionKind
    var tag: String?
    var anchor: String?
    var mark: Mark
    var items: [YAMLNode] = []
    /// Mapping entries in source order; merged blocks keep their place.
    var entries: [MappingEntry] = []
    var explicitKeys: [YAMLKeyIdentity: Mark] = [:]
    var pendingKey: YAMLNode?
    /// Nodes below this one with every alias expanded.
    var expandedCount = 0
  }

  private enum MappingEntry {
    case explicit(YAMLPair)
    case merged([YAMLPair])
  }

  let file: String
  private(set) var documents: [YAMLNode] = []
  var errors: [YAMLError] = []
  private var stack: [OpenCollection] = []
  /// Anchored nodes with their expanded size (the node itself included).
  private var anchors: [String: (node: YAMLNode, expandedCount: Int)] = [:]
  /// Nodes the aliases of the current document stand for so far.
  private var aliasExpansion = 0
  private var root: YAMLNode?

  init(file: String) {
    self.file = file
  }

  mutating func startDocument() {
    anchors.removeAll(keepingCapacity: true)
    aliasExpansion = 0
    root = nil
  }

  mutating func endDocument() {
    documents.append(root ?? .null)
    root = nil
  }

  mutating func open(_ kind: CollectionKind, tag: String?, anchor: String?, mark: Mark) -> Bool {
    guard stack.count < Self.maximumDepth else {
      errors.append(
        YAMLError(
          code: .invalidInput, message: "nesting deeper than \(Self.maximumDepth) levels", file: file,
          mark: mark))
      return false
    }
    stack.append(OpenCollection(kind: kind, tag: tag, anchor: anchor, mark: mark))
    return true
  }

  mutating func close() -> Bool {
    let open = stack.removeLast()
    let node: YAMLNode
    switch open.kind {
    case .sequence:
      node = YAMLNode(.sequence(open.items), tag: open.tag, mark: open.mark, anchor: open.anchor)
    case .mapping:
      node = YAMLNode(.mapping(Self.pairs(of: open)), tag: open.tag, mark: open.mark, anchor: open.anchor)
    }
    return add(node, expandedCount: open.expandedCount + 1)
  }

  mutating func alias(_ name: String, mark: Mark) -> Bool {
    guard let (anchored, expandedCount) = anchors[name] else {
      errors.append(
        YAMLError(
          code: .undefinedAlias, message: "alias *\(name) refers to no anchor", file: file, mark: mark,
          hint: "define &\(name) on a node before this alias"))
      return false
    }
    aliasExpansion += expandedCount
    guard aliasExpansion <= Self.maximumAliasExpansion else {
      errors.append(
        YAMLError(
          code: .excessiveAliasing,
          message: "aliases expand to more than \(Self.maximumAliasExpansion) nodes at *\(name)", file: file,
          mark: mark,
          hint:
            "alias smaller parts or write the values out; nested aliases multiply (a \"billion laughs\" file)"
        ))
      return false
    }
    // A copy of the value shares its storage with the anchored node; nothing is duplicated.
    var node = anchored
    node.anchor = nil
    return add(node, isAlias: true, expandedCount: expandedCount)
  }

  /// Adds a finished node to the innermost open collection (or makes it the document root).
  /// `expandedCount` is the node's size with aliases expanded (1 for a scalar).
  mutating func add(_ node: YAMLNode, isAlias: Bool = false, expandedCount: Int = 1) -> Bool {
    if !isAlias, let anchor = node.anchor { anchors[anchor] = (node, expandedCount) }
    guard !stack.isEmpty else {
      root = node
      return true
    }
    let top = stack.count - 1
    stack[top].expandedCount += expandedCount
    switch stack[top].kind {
    case .sequence:
      stack[top].items.append(node)
    case .mapping:
      guard let key = stack[top].pendingKey else {
        stack[top].pendingKey = node
        return true
      }
      stack[top].pendingKey = nil
      addPair(YAMLPair(key: key, value: node), at: top)
    }
    return true
  }

  private mutating func addPair(_ pair: YAMLPair, at index: Int) {
    if Self.isMergeKey(pair.key) {
      if let merged = mergedPairs(pair.value) { stack[index].entries.append(.merged(merged)) }
      return
    }
    let identity = YAMLKeyIdentity.of(pair.key)
    if let first = stack[index].explicitKeys[identity] {
      let name = pair.key.scalar?.text ?? "key"
      errors.append(
        YAMLError(
          code: .duplicateKey, message: "duplicate key \"\(name)\" (first defined at \(first))", file: file,
          mark: pair.key.mark, relatedMark: first,
          hint: "remove one of the two; a mapping holds each key once"))
      return
    }
    stack[index].explicitKeys[identity] = pair.key.mark
    stack[index].entries.append(.explicit(pair))
  }

  /// The pairs a `<<` value contributes: one mapping, or a sequence of mappings where
  /// earlier mappings win.
  private mutating func mergedPairs(_ value: YAMLNode) -> [YAMLPair]? {
    switch value.content {
    case .mapping(let pairs):
      return pairs
    case .sequence(let items):
      var result: [YAMLPair] = []
      var seen: Set<YAMLKeyIdentity> = []
      for item in items {
        guard let pairs = item.mapping else {
          errors.append(invalidMerge(item))
          return nil
        }
        for pair in pairs where seen.insert(YAMLKeyIdentity.of(pair.key)).inserted {
          result.append(pair)
        }
      }
      return result
    case .scalar:
      errors.append(invalidMerge(value))
      return nil
    }
  }

  private func invalidMerge(_ node: YAMLNode) -> YAMLError {
    YAMLError(
      code: .invalidMerge,
      message: "a << merge needs a mapping or a list of mappings, not \(node.kindDescription)",
      file: file, mark: node.mark, hint: "merge an alias of a mapping: <<: *defaults, or <<: [*a, *b]")
  }

  private static func isMergeKey(_ key: YAMLNode) -> Bool {
    guard let scalar = key.scalar, scalar.text == "<<" else { return false }
    if key.tag == "tag:yaml.org,2002:merge" { return true }
    return key.tag == nil && scalar.style == .plain
  }

  /// Explicit keys win over merged ones wherever they appear; merged blocks keep their place.
  private static func pairs(of open: OpenCollection) -> [YAMLPair] {
    let hasMerge = open.entries.contains {
      if case .merged = $0 { return true }
      return false
    }
    if !hasMerge {
      return open.entries.compactMap {
        if case .explicit(let pair) = $0 { return pair }
        return nil
      }
    }
    var seen = Set(open.explicitKeys.keys)
    var result: [YAMLPair] = []
    for entry in open.entries {
      switch entry {
      case .explicit(let pair):
        result.append(pair)
      case .merged(let pairs):
        for pair in pairs where seen.insert(YAMLKeyIdentity.of(pair.key)).inserted {
          result.append(pair)
        }
      }
    }
    return result
  }
}
