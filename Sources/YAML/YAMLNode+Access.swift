/// Convenience accessors and constructors, so consumers rarely switch on `content`.
extension YAMLNode {
  /// The scalar, or nil for a sequence or mapping.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = content { return scalar }
    return nil
  }

  /// The items of a sequence, or nil.
  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The pairs of a mapping, or nil.
  public var mapping: [YAMLPair]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// The value of the first pair whose key is a scalar with this text.
  public subscript(key: String) -> YAMLNode? {
    guard case .mapping(let pairs) = content else { return nil }
    for pair in pairs where pair.key.scalar?.text == key { return pair.value }
    return nil
  }

  /// True for a plain scalar that the core schema reads as null (`~`, `null`, empty) or an
  /// explicit `!!null`.
  public var isNull: Bool {
    if case .null = resolvedScalar { return true }
    return false
  }

  /// A word for the node's kind in messages: "a mapping", "a sequence", "a string", "an integer"...
  public var kindDescription: String {
    switch content {
    case .mapping: return "a mapping"
    case .sequence: return "a sequence"
    case .scalar:
      switch resolvedScalar {
      case .null: return "null"
      case .bool: return "a boolean"
      case .int: return "an integer"
      case .float: return "a number"
      case .string, .none: return "a string"
      }
    }
  }

  /// A string scalar (written with whatever quoting the emitter needs to keep it a string).
  public static func string(_ text: String) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text, style: .doubleQuoted)))
  }

  /// An integer scalar.
  public static func int(_ value: Int) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(String(value), style: .plain)))
  }

  /// A boolean scalar.
  public static func bool(_ value: Bool) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(value ? "true" : "false", style: .plain)))
  }

  /// A floating-point scalar.
  public static func float(_ value: Double) -> YAMLNode {
    let text: String
    if value.isNaN {
      text = ".nan"
    } else if value.isInfinite {
      text = value < 0 ? "-.inf" : ".inf"
    } else {
      text = String(value)
    }
    return YAMLNode(.scalar(YAMLScalar(text, style: .plain)))
  }

  /// The null scalar.
  public static var null: YAMLNode { YAMLNode(.scalar(YAMLScalar("null", style: .plain))) }

  /// A sequence of nodes.
  public static func sequence(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items)) }

  /// A mapping with string keys, in the order given.
  public static func mapping(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
    YAMLNode(.mapping(pairs.map { YAMLPair(key: .string($0.0), value: $0.1) }))
  }
}
