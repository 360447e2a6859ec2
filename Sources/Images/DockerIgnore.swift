/// `.dockerignore` rules as Docker applies them (moby/patternmatcher): one pattern a line,
/// `#` comments, `!` re-includes, patterns cleaned like Go's `filepath.Clean` with a
/// leading `/` dropped; `*` and `?` stop at `/`, `**` spans folders, `[...]` classes and
/// `\` escapes; a pattern that matches a parent folder matches everything in it; the
/// last matching pattern decides.
public struct DockerIgnore: Sendable, Hashable {
  struct Pattern: Sendable, Hashable {
    var text: String
    var exclusion: Bool
    var tokens: [GlobToken]
  }

  var patterns: [Pattern]

  public init(_ text: String) {
    patterns = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
      .compactMap { line in
        var pattern = String(line).trimmingSpaces()
        guard !pattern.isEmpty, !pattern.hasPrefix("#") else { return nil }
        let exclusion = pattern.hasPrefix("!")
        if exclusion { pattern = String(pattern.dropFirst()).trimmingSpaces() }
        pattern = Self.clean(pattern)
        if pattern.count > 1, pattern.hasPrefix("/") { pattern.removeFirst() }
        return Pattern(text: pattern, exclusion: exclusion, tokens: GlobToken.parse(pattern))
      }
  }

  /// Whether any pattern re-includes something, so excluded folders must still be walked.
  public var hasExceptions: Bool { patterns.contains(where: \.exclusion) }

  /// Whether `path` (relative to the context, `/`-separated) is left out of the context.
  public func excludes(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    var matched = false
    for pattern in patterns {
      var match = GlobToken.matches(pattern.tokens, Array(path.utf8))
      if !match, parts.count > 1 {
        for count in 1..<parts.count
        where GlobToken.matches(pattern.tokens, Array(parts[..<count].joined(separator: "/").utf8)) {
          match = true
          break
        }
      }
      if match { matched = !pattern.exclusion }
    }
    return matched
  }

  /// Go's `filepath.Clean` for `/`-separated paths.
  static func clean(_ path: String) -> String {
    let rooted = path.hasPrefix("/")
    var out: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." { continue }
      if part == "..", let last = out.last, last != ".." {
        out.removeLast()
      } else if part == "..", rooted {
        continue
      } else {
        out.append(part)
      }
    }
    let joined = out.joined(separator: "/")
    if rooted { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}

extension String {
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[start...end])
  }
}
