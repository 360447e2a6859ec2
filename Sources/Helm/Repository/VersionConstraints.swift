/// A version range as Helm reads `--version` and `dependencies[].version` (Masterminds
/// semver v3): `2.4.0`, `~2.4`, `^1.1`, `>=1.1 <2`, `1.2.x`, `1.2 - 1.4`, `a || b`.
/// Pre-releases match only when asked for (`IncludePrerelease`, as `--devel` does) or when
/// a comparison in the same AND group names a pre-release itself.
public struct VersionConstraints: Sendable, CustomStringConvertible {
  enum Operator: String, Sendable {
    case equal = "", equals = "=", notEqual = "!=", greater = ">", less = "<"
    case greaterOrEqual = ">=", greaterOrEqualAlt = "=>", lessOrEqual = "<=", lessOrEqualAlt = "=<"
    case tilde = "~", tildeArrow = "~>", caret = "^"
  }

  struct Comparison: Sendable {
    var op: Operator
    var version: SemanticVersion
    /// `1.x` / `1`: the minor (and patch) are wildcards.
    var minorDirty = false
    /// `1.2.x` / `1.2`: the patch is a wildcard.
    var patchDirty = false
    /// Any wildcard, including `*` itself.
    var dirty = false
  }

  var groups: [[Comparison]]
  var groupHasPrerelease: [Bool]
  public var includePrerelease: Bool
  public let description: String

  public init(_ text: String, includePrerelease: Bool = false) throws(HelmError) {
    description = text
    self.includePrerelease = includePrerelease
    groups = []
    groupHasPrerelease = []
    for segment in Self.rewriteRanges(text).split(separator: "||", omittingEmptySubsequences: false) {
      let comparisons = try Self.parseGroup(segment, whole: text)
      groups.append(comparisons)
      groupHasPrerelease.append(comparisons.contains { !$0.version.prerelease.isEmpty })
    }
  }

  /// Whether `version` satisfies any OR group.
  public func allows(_ version: SemanticVersion) -> Bool {
    for (index, group) in groups.enumerated() {
      let pre = includePrerelease || groupHasPrerelease[index]
      if group.allSatisfy({ Self.check(version, $0, includePrerelease: pre) }) { return true }
    }
    return false
  }
}
