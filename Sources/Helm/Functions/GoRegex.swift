/// A backtracking implementation of the RE2 syntax Go's `regexp` accepts, with Go's
/// leftmost-first match semantics: literals, `.`, classes (`[a-z]`, `[^...]`, `\d\w\s`,
/// `[[:alpha:]]`), anchors (`^ $ \A \z \b \B`), groups (capturing, `(?:...)`,
/// `(?P<name>...)`), alternation, greedy and lazy quantifiers (`* + ? {n,m}`), and the flags
/// `i`, `m`, `s`, `U`. Backreferences and lookaround are rejected, as in RE2.
struct GoRegex: Sendable {
  indirect enum Node: Sendable {
    case char(Unicode.Scalar, fold: Bool)
    case any(dotAll: Bool)
    case set(CharSet)
    case lineStart(multi: Bool), lineEnd(multi: Bool), textStart, textEnd
    case wordBoundary(Bool)
    case group(Int?, Node)
    case concat([Node])
    case alt([Node])
    case repeatNode(Node, min: Int, max: Int?, greedy: Bool)
    case empty
  }

  struct CharSet {
    var ranges: [ClosedRange<UInt32>] = []
    var negated = false
    var fold = false
    /// Unicode general categories (`L`, `Lu`, `N`...) from `\p{..}`, each possibly negated.
    var categories: [(name: String, negated: Bool)] = []

    static func category(_ c: Unicode.Scalar) -> String {
      switch c.properties.generalCategory {
      case .uppercaseLetter: return "Lu"
      case .lowercaseLetter: return "Ll"
      case .titlecaseLetter: return "Lt"
      case .modifierLetter: return "Lm"
      case .otherLetter: return "Lo"
      case .decimalNumber: return "Nd"
      case .letterNumber: return "Nl"
      case .otherNumber: return "No"
      case .spaceSeparator: return "Zs"
      case .lineSeparator: return "Zl"
      case .paragraphSeparator: return "Zp"
      case .control: return "Cc"
      case .format: return "Cf"
      case .privateUse: return "Co"
      case .surrogate: return "Cs"
      case .unassigned: return "Cn"
      case .nonspacingMark: return "Mn"
      case .spacingMark: return "Mc"
      case .enclosingMark: return "Me"
      case .connectorPunctuation: return "Pc"
      case .dashPunctuation: return "Pd"
      case .openPunctuation: return "Ps"
      case .closePunctuation: return "Pe"
      case .initialPunctuation: return "Pi"
      case .finalPunctuation: return "Pf"
      case .otherPunctuation: return "Po"
      case .mathSymbol: return "Sm"
      case .currencySymbol: return "Sc"
      case .modifierSymbol: return "Sk"
      case .otherSymbol: return "So"
      @unknown default: return "Cn"
      }
    }

    func contains(_ c: Unicode.Scalar) -> Bool {
      var hit = ranges.contains { $0.contains(c.value) }
      if !hit && !categories.isEmpty {
        let category = Self.category(c)
        hit = categories.contains {
          ($0.name == category || $0.name == String(category.prefix(1))) != $0.negated
        }
      }
      if !hit && fold {
        for variant in [String(c).lowercased(), String(c).uppercased()] {
          if let v = variant.unicodeScalars.first, variant.unicodeScalars.count == 1,
            ranges.contains(where: { $0.contains(v.value) })
          {
            hit = true
          }
        }
      }
      return hit != negated
    }
  }

  let pattern: String
  let root: Node
  let groupCount: Int
  let groupNames: [String?]

  init(_ pattern: String) throws(FunctionError) {
    var parser = GoRegexParser(pattern)
    root = try parser.parse()
    groupCount = parser.groupCount
    groupNames = parser.groupNames
    self.pattern = pattern
  }

  // MARK: matching

  /// Matches starting at or after `start`; returns the capture positions (scalar offsets),
  /// group 0 first, or nil.
  /// - Throws: when the input is too long for the backtracking matcher (rather than
  ///   answering wrongly).
  func match(_ text: [Unicode.Scalar], from start: Int) throws(FunctionError) -> [Int?]? {
    var position = start
    while position <= text.count {
      let state = MatchState(text: text, captures: [Int?](repeating: nil, count: (groupCount + 1) * 2))
      let result = state.run(root, position, { $0 })
      if state.overflowed {
        throw FunctionError("regexp: input too long for the backtracking matcher (\(pattern))")
      }
      if let end = result {
        state.captures[0] = position
        state.captures[1] = end
        return state.captures
      }
      position += 1
    }
    return nil
  }

  /// Go's `FindAllStringSubmatchIndex` semantics for successive matches (n < 0: all).
  func allMatches(_ text: [Unicode.Scalar], limit: Int) throws(FunctionError) -> [[Int?]] {
    var out: [[Int?]] = []
    var position = 0
    var previousEnd = -1
    while position <= text.count, limit < 0 || out.count < limit {
      guard let m = try match(text, from: position), let s = m[0], let e = m[1] else { break }
      if e == s && s == previousEnd {
        // An empty match right after the previous match is not reported.
        position = s + 1
        continue
      }
      out.append(m)
      previousEnd = e
      position = e > s ? e : e + 1
    }
    return out
  }

  /// Backtracking state; captures are restored when a path fails.
  final class MatchState {
    let text: [Unicode.Scalar]
    var captures: [Int?]
    /// Set when the backtracking recursion came close to the end of the thread's stack.
    var overflowed = false
    let stackLimit = StackGuard.limit()

    init(text: [Unicode.Scalar], captures: [Int?]) {
      self.text = text
      self.captures = captures
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }

    func atWordBoundary(_ i: Int) -> Bool {
      let before = i > 0 && Self.isWord(text[i - 1])
      let after = i < text.count && Self.isWord(text[i])
      return before != after
    }

    func run(_ node: Node, _ i: Int, _ k: (Int) -> Int?) -> Int? {
      if overflowed || StackGuard.exhausted(stackLimit) {
        overflowed = true
        return nil
      }
      switch node {
      case .empty: return k(i)
      case .char(let c, let fold):
        guard i < text.count else { return nil }
        if text[i] == c { return k(i + 1) }
        if fold && String(text[i]).lowercased() == String(c).lowercased() { return k(i + 1) }
        return nil
      case .any(let dotAll):
        guard i < text.count, dotAll || text[i] != "\n" else { return nil }
        return k(i + 1)
      case .set(let set):
        guard i < text.count, set.contains(text[i]) else { return nil }
        return k(i + 1)
      case .lineStart(let multi):
        return i == 0 || (multi && text[i - 1] == "\n") ? k(i) : nil
      case .lineEnd(let multi):
        return i == text.count || (multi && text[i] == "\n") ? k(i) : nil
      case .textStart: return i == 0 ? k(i) : nil
      case .textEnd: return i == text.count ? k(i) : nil
      case .wordBoundary(let want): return atWordBoundary(i) == want ? k(i) : nil
      case .group(let index, let inner):
        guard let index else { return run(inner, i, k) }
        let savedStart = captures[index * 2]
        captures[index * 2] = i
        let result = run(inner, i) { end in
          let savedEnd = self.captures[index * 2 + 1]
          self.captures[index * 2 + 1] = end
          if let r = k(end) { return r }
          self.captures[index * 2 + 1] = savedEnd
          return nil
        }
        if result == nil { captures[index * 2] = savedStart }
        return result
      case .concat(let nodes):
        return runSequence(nodes[...], i, k)
      case .alt(let options):
        for option in options {
          if let end = run(option, i, k) { return end }
        }
        return nil
      case .repeatNode(let inner, let min, let max, let greedy):
        return runRepeat(inner, min: min, max: max, greedy: greedy, count: 0, i, k)
      }
    }

    func runSequence(_ nodes: ArraySlice<Node>, _ i: Int, _ k: (Int) -> Int?) -> Int? {
      guard let first = nodes.first else { return k(i) }
      return run(first, i) { next in self.runSequence(nodes.dropFirst(), next, k) }
    }

    func runRepeat(_ node: Node, min: Int, max: Int?, greedy: Bool, count: Int, _ i: Int, _ k: (Int) -> Int?)
      -> Int?
    {
      let canStop = count >= min
      let canContinue = max.map { count < $0 } ?? true
      func more() -> Int? {
        guard canContinue else { return nil }
        return run(node, i) { next in
          // An iteration that consumed nothing cannot make progress.
          if next == i && canStop { return nil }
          return self.runRepeat(node, min: min, max: max, greedy: greedy, count: count + 1, next, k)
        }
      }
      if greedy {
        if let r = more() { return r }
        return canStop ? k(i) : nil
      }
      if canStop, let r = k(i) { return r }
      return more()
    }
  }
}
