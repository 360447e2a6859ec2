/// The stable name of one resource in the graph, `<type>.<name>`: `aws.eks.cluster.main`,
/// `aws.ec2.subnet.private[0]`, `k8s.namespace.spark-operator`.
///
/// The type and the name are kept apart because Kubernetes names may contain dots; the
/// string form is what users type after `--target`.
public struct Address: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  /// The resource type, such as `aws.eks.cluster` or `k8s.namespace`.
  public let type: String
  /// The name within the type, such as `main` or `private[0]`.
  public let name: String

  public init(_ type: String, _ name: String) {
    self.type = type
    self.name = name
  }

  /// One member of a counted family: `aws.ec2.subnet.private[0]`.
  public init(_ type: String, _ name: String, index: Int) {
    self.init(type, "\(name)[\(index)]")
  }

  public var description: String { "\(type).\(name)" }

  /// Orders by type, then name, with indices compared as numbers (`[2]` before `[10]`),
  /// so plans read the way a person counts.
  public static func < (lhs: Address, rhs: Address) -> Bool {
    if lhs.type != rhs.type { return lhs.type < rhs.type }
    let (lb, li) = lhs.splitIndex
    let (rb, ri) = rhs.splitIndex
    if lb != rb { return lb < rb }
    switch (li, ri) {
    case let (l?, r?): return l < r
    case (nil, _?): return true
    default: return false
    }
  }

  private var splitIndex: (String, Int?) {
    guard name.hasSuffix("]"), let open = name.lastIndex(of: "[") else { return (name, nil) }
    let digits = name[name.index(after: open)..<name.index(before: name.endIndex)]
    guard let index = Int(digits) else { return (name, nil) }
    return (String(name[..<open]), index)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let dot = text.lastIndex(of: ".") else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "address \"\(text)\" has no type"))
    }
    self.init(String(text[..<dot]), String(text[text.index(after: dot)...]))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
