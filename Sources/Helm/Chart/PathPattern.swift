/// Path patterns: Go's `filepath.Match` (for `.helmignore`) and the `gobwas/glob` form with
/// `/` as separator that `.Files.Glob` uses (`**` crosses directories, `{a,b}` alternates).
enum PathPattern {
  /// Go `filepath.Match`: `*` and `?` never match `/`; `[a-z]`, `[^x]` classes; `\` escapes.
  static func goMatch(_ pattern: String, _ name: String) -> Bool {
    match(Array(pattern), 0, Array(name), 0, globStar: false)
  }

  /// `.Files.Glob`: like `goMatch` plus `**` (any depth) and `{a,b}` alternatives.
  static func globMatch(_ pattern: String, _ name: String) -> Bool {
    expandBraces(pattern).contains { match(Array($0), 0, Array(name), 0, globStar: true) }
  }

  static func expandBraces(_ pattern: String) -> [String] {
    guard let open = pattern.firstIndex(of: "{"),
      let close = pattern[open...].firstIndex(of: "}")
    else { return [pattern] }
    let head = pattern[..<open]
    let tail = String(pattern[pattern.index(after: close)...])
    let options = pattern[pattern.index(after: open)..<close].split(
      separator: ",", omittingEmptySubsequences: false)
    return options.flatMap { option in expandBraces(head + option + tail) }
  }

  static func match(_ p: [Character], _ pi: Int, _ s: [Character], _ si: Int, globStar: Bool) -> Bool {
    var pi = pi
    var si = si
    while pi < p.count {
      let c = p[pi]
      switch c {
      case "*":
        let doubled = globStar && pi + 1 < p.count && p[pi + 1] == "*"
        let next = pi + (doubled ? 2 : 1)
        var index = si
        while true {
          if match(p, next, s, index, globStar: globStar) { return true }
          if index >= s.count || (!doubled && s[index] == "/") { return false }
          index += 1
        }
      case "?":
        guard si < s.count, s[si] != "/" else { return false }
        pi += 1
        si += 1
      case "[":
        guard si < s.count, s[si] != "/", let (matched, end) = matchClass(p, pi, s[si]), matched else {
          return false
        }
        pi = end
        si += 1
      case "\\" where pi + 1 < p.count:
        guard si < s.count, s[si] == p[pi + 1] else { return false }
        pi += 2
        si += 1
      default:
        guard si < s.count, s[si] == c else { return false }
        pi += 1
        si += 1
      }
    }
    return si == s.count
  }

  /// A `[...]` class at `start`: whether `c` is in it, and the index after `]`.
  static func matchClass(_ p: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
    var index = start + 1
    var negated = false
    if index < p.count && (p[index] == "^" || p[index] == "!") {
      negated = true
      index += 1
    }
    var matched = false
    var first = true
    while index < p.count && (p[index] != "]" || first) {
      first = false
      var low = p[index]
      if low == "\\" && index + 1 < p.count {
        index += 1
        low = p[index]
      }
      var high = low
      if index + 2 < p.count && p[index + 1] == "-" && p[index + 2] != "]" {
        high = p[index + 2]
        index += 2
      }
      if low <= c && c <= high { matched = true }
      index += 1
    }
    guard index < p.count else { return nil }
    return (matched != negated, index + 1)
  }
}
