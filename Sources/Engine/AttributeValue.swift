/// One value in a resource's attribute tree, the common shape AWS and Kubernetes
/// resources map their state into so that diffing and rendering know nothing of either.
public indirect enum AttributeValue: Sendable, Hashable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case list([AttributeValue])
  case map([String: AttributeValue])
  case null
  /// A value that exists only once an upstream resource is applied: `(known after apply)`.
  case unknown
  /// A value compared like any other but never printed.
  case sensitive(AttributeValue)

  /// The value without its `sensitive` wrapper.
  public var unwrapped: AttributeValue {
    if case .sensitive(let inner) = self { return inner.unwrapped }
    return self
  }

  /// Whether the value, all the way down, is known before apply.
  public var isKnown: Bool {
    switch self {
    case .unknown: return false
    case .sensitive(let inner): return inner.isKnown
    case .list(let items): return items.allSatisfy(\.isKnown)
    case .map(let entries): return entries.values.allSatisfy(\.isKnown)
    default: return true
    }
  }

  /// Whether the value is `sensitive` (its contents are never rendered).
  public var isSensitive: Bool {
    if case .sensitive = self { return true }
    return false
  }

  /// The string, when the value is a known string.
  public var stringValue: String? {
    if case .string(let text) = unwrapped { return text }
    return nil
  }

  /// The number, when the value is a known number.
  public var numberValue: Double? {
    if case .number(let number) = unwrapped { return number }
    return nil
  }

  /// The boolean, when the value is a known boolean.
  public var boolValue: Bool? {
    if case .bool(let flag) = unwrapped { return flag }
    return nil
  }

  /// The items, when the value is a known list.
  public var listValue: [AttributeValue]? {
    if case .list(let items) = unwrapped { return items }
    return nil
  }

  /// The entries, when the value is a known map.
  public var mapValue: [String: AttributeValue]? {
    if case .map(let entries) = unwrapped { return entries }
    return nil
  }

  /// Compares the way a plan does: sensitivity is ignored, an unknown value never equals
  /// anything (it might change), and `null` inside maps equals an absent key.
  public func matches(_ other: AttributeValue) -> Bool {
    switch (unwrapped, other.unwrapped) {
    case (.unknown, _), (_, .unknown):
      return false
    case (.list(let left), .list(let right)):
      return left.count == right.count && zip(left, right).allSatisfy { $0.matches($1) }
    case (.map(let left), .map(let right)):
      for key in Set(left.keys).union(right.keys)
      where !(left[key] ?? .null).matches(right[key] ?? .null) {
        return false
      }
      return true
    case (let left, let right):
      return left == right
    }
  }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: AttributeValue...) { self = .list(elements) }
  public init(dictionaryLiteral elements: (String, AttributeValue)...) {
    self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension AttributeValue {
  /// A list of strings, the most common attribute shape (CIDRs, subnet ids, selectors).
  public static func strings(_ values: [String]) -> AttributeValue {
    .list(values.map(AttributeValue.string))
  }

  /// A map of strings (tags, labels).
  public static func stringMap(_ values: [String: String]) -> AttributeValue {
    .map(values.mapValues(AttributeValue.string))
  }

  /// An integer count or size.
  public static func int(_ value: Int) -> AttributeValue { .number(Double(value)) }
}

/// A resource's named attributes, desired or live.
public typealias Attributes = [String: AttributeValue]

/// The values a resource hands to its dependents once applied (ids, ARNs, endpoints).
public typealias Outputs = [String: AttributeValue]
