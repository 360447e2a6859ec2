extension VersionConstraints {
  /// `1.2 - 1.4.5` becomes `>= 1.2, <= 1.4.5`, as Masterminds rewrites ranges before parsing.
  static func rewriteRanges(_ text: String) -> String {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    var out: [String] = []
    var index = 0
    while index < words.count {
      if index + 2 < words.count, words[index + 1] == "-", isBareVersion(words[index]),
        isBareVersion(words[index + 2])
      {
        out.append(">= \(words[index]), <= \(words[index + 2])")
        index += 3
      } else {
        out.append(words[index])
        index += 1
      }
    }
    return out.joined(separator: " ")
  }

  static func isBareVersion(_ word: String) -> Bool {
    guard let first = word.first else { return false }
    return first.isASCIIDigit || first == "v" || first == "x" || first == "X" || first == "*"
  }

  static let operatorCharacters: Set<Character> = ["=", "!", "<", ">", "~", "^"]

  static func parseGroup(_ segment: Substring, whole: String) throws(HelmError) -> [Comparison] {
    var comparisons: [Comparison] = []
    var index = segment.startIndex
    func skip(_ characters: Set<Character>) {
      while index < segment.endIndex, characters.contains(segment[index]) {
        index = segment.index(after: index)
      }
    }
    let improper = HelmError.invalidVersionConstraint(whole, detail: "improper constraint: \(segment)")
    skip([" ", "\t"])
    if index == segment.endIndex {
      // An empty constraint is `*`: any release.
      if segment.isEmpty || whole.isEmpty {
        return [Comparison(op: .equal, version: SemanticVersion("0.0.0")!, dirty: true)]
      }
      throw improper
    }
    while index < segment.endIndex {
      if !comparisons.isEmpty {
        skip([" ", "\t", ","])
        if index == segment.endIndex { break }
      }
      var opText = ""
      while index < segment.endIndex, operatorCharacters.contains(segment[index]) {
        opText.append(segment[index])
        index = segment.index(after: index)
      }
      guard let op = Operator(rawValue: opText) else { throw improper }
      skip([" ", "\t"])
      var versionText = ""
      while index < segment.endIndex, ![" ", "\t", ","].contains(segment[index]),
        !operatorCharacters.contains(segment[index])
      {
        versionText.append(segment[index])
        index = segment.index(after: index)
      }
      guard let comparison = parseComparison(op, versionText) else { throw improper }
      comparisons.append(comparison)
      skip([" ", "\t"])
    }
    return comparisons
  }

  /// One `op version` pair; `x`, `X`, `*` or a missing part make it a wildcard ("dirty").
  static func parseComparison(_ op: Operator, _ text: String) -> Comparison? {
    var core = Substring(text)
    if core.hasPrefix("v") { core = core.dropFirst() }
    var suffix = ""
    if let cut = core.firstIndex(where: { $0 == "-" || $0 == "+" }) {
      suffix = String(core[cut...])
      core = core[..<cut]
    }
    let parts = core.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard (1...3).contains(parts.count),
      parts.allSatisfy({ !$0.isEmpty && ($0.allSatisfy(\.isASCIIDigit) || isWildcard($0)) })
    else { return nil }
    let isX = { (index: Int) in index >= parts.count || isWildcard(parts[index]) }
    var comparison: Comparison
    if isWildcard(parts[0]) {
      guard let version = SemanticVersion("0.0.0" + suffix) else { return nil }
      comparison = Comparison(op: op, version: version, dirty: true)
    } else if isX(1) {
      guard let version = SemanticVersion("\(parts[0]).0.0" + suffix) else { return nil }
      comparison = Comparison(op: op, version: version, minorDirty: true, dirty: true)
    } else if isX(2) {
      guard let version = SemanticVersion("\(parts[0]).\(parts[1]).0" + suffix) else { return nil }
      comparison = Comparison(op: op, version: version, patchDirty: true, dirty: true)
    } else {
      guard let version = SemanticVersion(parts.joined(separator: ".") + suffix) else { return nil }
      comparison = Comparison(op: op, version: version)
    }
    return comparison
  }

  static func isWildcard(_ part: String) -> Bool { part == "x" || part == "X" || part == "*" }
}
