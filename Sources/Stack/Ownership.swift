import Engine

/// How eks-spark marks what it owns (DESIGN principle 1): every AWS resource carries
/// `eks-spark.io/stack=<prefix>` and its engine address in `eks-spark.io/address`, set at
/// creation, so a later run finds it by tag instead of making a twin.
public struct Ownership: Sendable, Hashable {
  public static let stackTag = "eks-spark.io/stack"
  public static let addressTag = "eks-spark.io/address"

  /// The stack's prefix, its identity.
  public var prefix: String
  /// The stack file's `metadata.tags`, added to everything.
  public var extraTags: [String: String]

  public init(prefix: String, extraTags: [String: String] = [:]) {
    self.prefix = prefix
    self.extraTags = extraTags
  }

  /// The tags a resource is created with: the stack's own, its address, the user's, a Name.
  public func tags(for address: Address, name: String? = nil, adding more: [String: String] = [:])
    -> [String: String]
  {
    var tags = extraTags
    if let name { tags["Name"] = name }
    tags.merge(more) { _, new in new }
    tags[Self.stackTag] = prefix
    tags[Self.addressTag] = address.description
    return tags
  }

  /// EC2 `Filter`s selecting the resource at `address` of this stack: its stack tag and its
  /// address tag. Filter values are patterns (`*`, `?`, and `[...]` for some endpoints),
  /// so the address's brackets become `?` (one character): the filter may admit a
  /// look-alike, and `owns(_:address:)` on the answer keeps only the exact one.
  public func filters(for address: Address) -> [String: [String]] {
    let pattern = String(
      address.description.map { character -> Character in
        "[]*?".contains(character) ? "?" : character
      })
    return stackFilters.merging(["tag:\(Self.addressTag)": [pattern]]) { current, _ in current }
  }

  /// Whether live `tags` mark the resource at `address` of this stack.
  public func owns(_ tags: [String: String], address: Address) -> Bool {
    tags[Self.stackTag] == prefix && tags[Self.addressTag] == address.description
  }

  /// EC2 `Filter`s selecting everything of this stack.
  public var stackFilters: [String: [String]] {
    ["tag:\(Self.stackTag)": [prefix]]
  }

  /// The IAM path the stack's roles are created under: IAM cannot list roles by tag.
  public var iamPath: String { "/eks-spark/\(prefix)/" }

  /// The address a resource's tags name, when they mark it as this stack's.
  public func address(in tags: [String: String]) -> Address? {
    guard tags[Self.stackTag] == prefix, let text = tags[Self.addressTag], let dot = text.lastIndex(of: ".")
    else {
      return nil
    }
    return Address(String(text[..<dot]), String(text[text.index(after: dot)...]))
  }

  /// Live tags as an attribute, without the ones AWS sets itself (`aws:`).
  public static func liveTags(_ tags: [String: String]) -> AttributeValue {
    .stringMap(tags.filter { !$0.key.hasPrefix("aws:") })
  }
}
