/// "Did you mean" for mistyped addresses.
enum Suggestion {
  /// The candidate nearest to `text` by edit distance, when it is near enough.
  static func closest(to text: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, distance(Array(text), Array($0))) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    return best.1 <= max(2, text.count / 3) ? best.0 : nil
  }

  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, left) in a.enumerated() {
      var current = [i + 1] + Array(repeating: 0, count: b.count)
      for (j, right) in b.enumerated() {
        current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
