import YAML

/// Where each value of a decoded stack came from, by path (`jobs[1].driver.memory`), so
/// later checks (here and in other modules) can point at the line that set a value.
public struct SourceMap: Sendable, Hashable {
  private var marks: [String: Mark] = [:]

  public init() {}

  /// Records the position of the value at `path`.
  public mutating func record(_ path: String, _ mark: Mark) {
    marks[path] = mark
  }

  /// The position of `path`, or of its nearest ancestor that was written in the file (a
  /// defaulted value points at the section that implied it). Nil when nothing on the path
  /// was written.
  public func mark(for path: String) -> Mark? {
    var path = Substring(path)
    while true {
      if let mark = marks[String(path)] { return mark }
      guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
      path = path[..<cut]
    }
  }

  /// True when the value at exactly this path was written in the file (not defaulted).
  public func isExplicit(_ path: String) -> Bool { marks[path] != nil }
}
