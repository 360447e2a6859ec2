/// `.helmignore` rules, read as Helm reads them: one pattern a line, `#` comments, `!`
/// negation, a trailing `/` for directories only, a leading `/` anchors at the chart root,
/// patterns without `/` match the base name, `**` is not supported.
public struct HelmIgnore: Sendable {
  struct Rule: Sendable {
    var pattern: String
    var negate: Bool
    var directoryOnly: Bool
  }

  var rules: [Rule] = []

  /// Helm always ignores hidden files inside `templates/`.
  public static let defaults: HelmIgnore = {
    var ignore = HelmIgnore()
    ignore.add("templates/.?*")
    return ignore
  }()

  public init() {}

  public init(parsing text: String) throws(HelmError) {
    self = Self.defaults
    for line in text.split(whereSeparator: \.isNewline) {
      let rule = Self.trimBlanks(line)
      if rule.isEmpty || rule.hasPrefix("#") { continue }
      if rule.contains("**") {
        throw HelmError(
          .invalidChart, "double-star (**) syntax is not supported",
          remedy: "write .helmignore rules without ** (a rule without / matches the base name at any depth)")
      }
      add(rule)
    }
  }

  mutating func add(_ text: String) {
    var pattern = text
    var negate = false
    if pattern.hasPrefix("!") && pattern.count > 1 {
      negate = true
      pattern.removeFirst()
    }
    var directoryOnly = false
    if pattern.hasSuffix("/") {
      directoryOnly = true
      pattern.removeLast()
    }
    rules.append(Rule(pattern: pattern, negate: negate, directoryOnly: directoryOnly))
  }

  /// Whether `path` (relative, `/`-separated) is ignored.
  public func ignores(_ path: String, isDirectory: Bool) -> Bool {
    if path.isEmpty || path == "." || path == "./" { return false }
    for rule in rules {
      if rule.negate {
        if rule.directoryOnly && !isDirectory { return true }
        if !Self.matches(rule.pattern, path) { return true }
        continue
      }
      if rule.directoryOnly && !isDirectory { continue }
      if Self.matches(rule.pattern, path) { return true }
    }
    return false
  }

  static func matches(_ pattern: String, _ path: String) -> Bool {
    if pattern.hasPrefix("/") { return PathPattern.goMatch(String(pattern.dropFirst()), path) }
    if pattern.contains("/") { return PathPattern.goMatch(pattern, path) }
    let base = path.split(separator: "/").last.map(String.init) ?? path
    return PathPattern.goMatch(pattern, base)
  }

  static func trimBlanks(_ text: Substring) -> String {
    var slice = text
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
    return String(slice)
  }
}
