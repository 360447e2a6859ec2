/// A semantic version as Helm reads chart versions (Masterminds semver `NewVersion`):
/// an optional `v`, one to three numbers, a pre-release and build metadata.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var major: UInt64
  public var minor: UInt64
  public var patch: UInt64
  /// Dot-separated pre-release identifiers (`rc.1`), empty for a release.
  public var prerelease: String
  public var metadata: String
  /// The text it was parsed from, as Helm keeps it for display.
  public var original: String

  public init?(_ text: String) {
    var rest = Substring(text)
    if rest.hasPrefix("v") { rest = rest.dropFirst() }
    var metadata = ""
    if let plus = rest.firstIndex(of: "+") {
      metadata = String(rest[rest.index(after: plus)...])
      rest = rest[..<plus]
      guard Self.validIdentifiers(metadata) else { return nil }
    }
    var prerelease = ""
    if let dash = rest.firstIndex(of: "-") {
      prerelease = String(rest[rest.index(after: dash)...])
      rest = rest[..<dash]
      guard Self.validIdentifiers(prerelease) else { return nil }
    }
    let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count) else { return nil }
    var numbers: [UInt64] = []
    for part in parts {
      guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), let number = UInt64(part) else { return nil }
      numbers.append(number)
    }
    while numbers.count < 3 { numbers.append(0) }
    major = numbers[0]
    minor = numbers[1]
    patch = numbers[2]
    self.prerelease = prerelease
    self.metadata = metadata
    original = text
  }

  static func validIdentifiers(_ text: String) -> Bool {
    !text.isEmpty
      && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
        !part.isEmpty && part.allSatisfy { $0.isASCIILetterOrDigit || $0 == "-" }
      }
  }

  public var description: String {
    var text = "\(major).\(minor).\(patch)"
    if !prerelease.isEmpty { text += "-" + prerelease }
    if !metadata.isEmpty { text += "+" + metadata }
    return text
  }

  /// Precedence per semver 2.0 section 11; build metadata is ignored.
  public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    compare(lhs, rhs) < 0
  }

  public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    compare(lhs, rhs) == 0
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(major)
    hasher.combine(minor)
    hasher.combine(patch)
    hasher.combine(prerelease)
  }

  static func compare(_ lhs: SemanticVersion, _ rhs: SemanticVersion) -> Int {
    for (left, right) in [(lhs.major, rhs.major), (lhs.minor, rhs.minor), (lhs.patch, rhs.patch)]
    where left != right {
      return left < right ? -1 : 1
    }
    return comparePrerelease(lhs.prerelease, rhs.prerelease)
  }

  static func comparePrerelease(_ lhs: String, _ rhs: String) -> Int {
    if lhs == rhs { return 0 }
    if lhs.isEmpty { return 1 }  // a release outranks its pre-releases
    if rhs.isEmpty { return -1 }
    let left = lhs.split(separator: ".")
    let right = rhs.split(separator: ".")
    for (a, b) in zip(left, right) where a != b {
      switch (UInt64(a), UInt64(b)) {
      case let (x?, y?): return x < y ? -1 : 1
      case (_?, nil): return -1  // numeric identifiers sort before alphanumeric ones
      case (nil, _?): return 1
      default: return a < b ? -1 : 1
      }
    }
    return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
  var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
