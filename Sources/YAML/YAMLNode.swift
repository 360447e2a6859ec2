/// One node of a parsed YAML document: a scalar, a sequence or a mapping, with the position
/// it started at and its tag.
///
/// Scalars keep their source text: `kubernetesVersion: 1.30` holds the text `1.30`, never the
/// number 1.3. Typing is the consumer's choice; `resolvedScalar` applies the YAML 1.2 core
/// schema to plain scalars for consumers that want it.
public struct YAMLNode: Sendable, Hashable {
  /// What the node holds.
  public enum Content: Sendable, Hashable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    /// Key/value pairs in source order (merge keys already applied, see `YAMLParser`).
    case mapping([YAMLPair])
  }

  public var content: Content
  /// The full tag (`tag:yaml.org,2002:str` for `!!str`, `!custom` for local tags), or nil when
  /// the node had none in the source.
  public var tag: String?
  /// Where the node starts (for a scalar: its first character, or its opening quote).
  public var mark: Mark
  /// The anchor the node was defined with (`&name`), if any.
  public var anchor: String?

  public init(
    _ content: Content, tag: String? = nil, mark: Mark = Mark(line: 0, column: 0), anchor: String? = nil
  ) {
    self.content = content
    self.tag = tag
    self.mark = mark
    self.anchor = anchor
  }
}

/// A scalar's text as written (after quote and escape processing) and how it was written.
public struct YAMLScalar: Sendable, Hashable {
  public var text: String
  public var style: YAMLScalarStyle

  public init(_ text: String, style: YAMLScalarStyle) {
    self.text = text
    self.style = style
  }
}

/// How a scalar was written. Only `plain` scalars are subject to type resolution; every other
/// style is a string.
public enum YAMLScalarStyle: String, Sendable, Hashable {
  case plain
  case singleQuoted
  case doubleQuoted
  case literal
  case folded
}

/// One entry of a mapping, with the key node (for its position) and the value node.
public struct YAMLPair: Sendable, Hashable {
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}
