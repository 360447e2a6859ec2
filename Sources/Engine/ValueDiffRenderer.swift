/// Writes the body of one resource block: attribute lines with `+ ~ -` markers, nested
/// lists and maps, `(known after apply)`, `# forces replacement`, and unchanged
/// attributes and elements elided with a count, the way Terraform prints them.
struct ValueDiffRenderer {
  let style: TextStyle
  private(set) var lines: [String] = []

  init(style: TextStyle) {
    self.style = style
  }

  private enum Mark: String {
    case add = "+"
    case remove = "-"
    case change = "~"
    case same = " "
  }

  /// One entry of a block: a key (already quoted where needed) and its two sides.
  struct Entry {
    var key: String
    var before: AttributeValue?
    var after: AttributeValue?
    var forcesReplacement = false
  }

  /// Renders the entries of a block at `indent` (the column of the marker), eliding
  /// unchanged ones with a `# (N unchanged <noun> hidden)` line.
  mutating func block(_ entries: [Entry], indent: Int, noun: String) {
    let shown = entries.filter { !same($0.before, $0.after) }
    let width = shown.map(\.key.count).max() ?? 0
    for entry in shown {
      let key = entry.key.padding(to: width)
      attribute(
        key: key, before: entry.before, after: entry.after, indent: indent, forces: entry.forcesReplacement)
    }
    let hidden = entries.count - shown.count
    if hidden > 0 {
      lines.append(
        pad(indent + 2) + style.dim("# (\(hidden) unchanged \(noun)\(hidden == 1 ? "" : "s") hidden)"))
    }
  }

  private func same(_ before: AttributeValue?, _ after: AttributeValue?) -> Bool {
    switch (before, after) {
    case (nil, nil): return true
    case (let b?, let a?): return b.matches(a)
    case (nil, .null?), (.null?, nil): return true
    default: return false
    }
  }

  private mutating func attribute(
    key: String, before: AttributeValue?, after: AttributeValue?, indent: Int, forces: Bool
  ) {
    let suffix = forces ? " " + style.red("# forces replacement") : ""
    let before = before == .null ? nil : before
    let after = after == .null ? nil : after
    switch (before, after) {
    case (nil, let value?):
      whole(value, mark: .add, head: "\(key) = ", indent: indent, tail: suffix)
    case (let value?, nil):
      whole(value, mark: .remove, head: "\(key) = ", indent: indent, tail: " -> null" + suffix)
    case (let old?, let new?):
      changed(old, new, head: "\(key) = ", indent: indent, suffix: suffix)
    case (nil, nil):
      break
    }
  }

  private mutating func changed(
    _ old: AttributeValue, _ new: AttributeValue, head: String, indent: Int, suffix: String, tail: String = ""
  ) {
    switch (old, new) {
    case (.list(let before), .list(let after)):
      emit(.change, indent, head + "[" + suffix)
      listElements(before, after, indent: indent + 4)
      emit(.same, indent, "]" + tail)
    case (.map(let before), .map(let after)):
      emit(.change, indent, head + "{" + suffix)
      let keys = Set(before.keys).union(after.keys).sorted()
      block(
        keys.map { Entry(key: quote($0), before: before[$0], after: after[$0]) }, indent: indent + 4,
        noun: "element")
      emit(.same, indent, "}" + tail)
    case (.sensitive, .sensitive):
      emit(.change, indent, head + inline(new) + suffix + tail)
    case (_, .unknown), (.sensitive, _), (_, .sensitive):
      emit(.change, indent, head + inline(old) + " -> " + inline(new) + suffix)
    case _ where !isCollection(old) && !isCollection(new):
      emit(.change, indent, head + inline(old) + " -> " + inline(new) + suffix)
    default:
      // A change of shape (string to list): the old value goes and the new one comes.
      whole(old, mark: .remove, head: head, indent: indent, tail: " -> null")
      whole(new, mark: .add, head: head, indent: indent, tail: suffix)
    }
  }

  /// Element-level diff of two lists by longest common subsequence, unchanged runs elided.
  private mutating func listElements(_ before: [AttributeValue], _ after: [AttributeValue], indent: Int) {
    var unchanged = 0
    func flush(_ renderer: inout ValueDiffRenderer) {
      guard unchanged > 0 else { return }
      renderer.lines.append(
        renderer.pad(indent + 2)
          + renderer.style.dim("# (\(unchanged) unchanged element\(unchanged == 1 ? "" : "s") hidden)"))
      unchanged = 0
    }
    let steps = ListDiff.steps(before, after)
    var index = 0
    while index < steps.count {
      defer { index += 1 }
      switch steps[index] {
      case .same:
        unchanged += 1
      case .removed(.map(let old)) where index + 1 < steps.count:
        flush(&self)
        // An object replaced by another at the same place is shown as changed in place.
        if case .added(.map(let new)) = steps[index + 1] {
          changed(.map(old), .map(new), head: "", indent: indent, suffix: "", tail: ",")
          index += 1
        } else {
          whole(.map(old), mark: .remove, head: "", indent: indent, tail: ",")
        }
      case .removed(let value):
        flush(&self)
        whole(value, mark: .remove, head: "", indent: indent, tail: ",")
      case .added(let value):
        flush(&self)
        whole(value, mark: .add, head: "", indent: indent, tail: ",")
      }
    }
    flush(&self)
  }

  /// A value shown entirely as added or removed; collections open and close on their own lines.
  private mutating func whole(_ value: AttributeValue, mark: Mark, head: String, indent: Int, tail: String) {
    switch value {
    case .list(let items) where !items.isEmpty:
      emit(mark, indent, head + "[")
      for item in items { whole(item, mark: mark, head: "", indent: indent + 4, tail: ",") }
      emit(.same, indent, "]" + tail)
    case .map(let entries) where !entries.isEmpty:
      emit(mark, indent, head + "{")
      let keys = entries.keys.sorted()
      let width = keys.map { quote($0).count }.max() ?? 0
      for key in keys {
        whole(
          entries[key]!, mark: mark, head: quote(key).padding(to: width) + " = ", indent: indent + 4, tail: ""
        )
      }
      emit(.same, indent, "}" + tail)
    default:
      emit(mark, indent, head + inline(value) + tail)
    }
  }

  private mutating func emit(_ mark: Mark, _ indent: Int, _ text: String) {
    let symbol = mark == .same ? " " : style.symbol(mark.rawValue)
    lines.append(pad(indent) + symbol + " " + text)
  }

  private func pad(_ count: Int) -> String { String(repeating: " ", count: count) }

  private func isCollection(_ value: AttributeValue) -> Bool {
    switch value {
    case .list, .map: true
    default: false
    }
  }

  /// A value on one line: scalars, `[]`, `{}`, `(known after apply)`, `(sensitive value)`,
  /// and short collections as `[ "a", "b" ]`.
  func inline(_ value: AttributeValue) -> String {
    switch value {
    case .string(let text): return quote(text)
    case .number(let number): return Self.format(number)
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return "null"
    case .unknown: return "(known after apply)"
    case .sensitive: return "(sensitive value)"
    case .list(let items):
      return items.isEmpty ? "[]" : "[ " + items.map(inline).joined(separator: ", ") + " ]"
    case .map(let entries):
      guard !entries.isEmpty else { return "{}" }
      let body = entries.keys.sorted().map { "\(quote($0)) = \(inline(entries[$0]!))" }
      return "{ " + body.joined(separator: ", ") + " }"
    }
  }

  /// A double-quoted string with `"`, `\` and control characters escaped.
  func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Integers without a fraction, other numbers as Swift prints them.
  static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
    return String(number)
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}

/// The steps that turn one list into another, keeping the longest common subsequence.
enum ListDiff {
  enum Step: Equatable {
    case same(AttributeValue)
    case removed(AttributeValue)
    case added(AttributeValue)
  }

  static func steps(_ before: [AttributeValue], _ after: [AttributeValue]) -> [Step] {
    let (n, m) = (before.count, after.count)
    var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i][j] =
          before[i].matches(after[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var steps: [Step] = []
    var (i, j) = (0, 0)
    while i < n || j < m {
      if i < n, j < m, before[i].matches(after[j]) {
        steps.append(.same(after[j]))
        i += 1
        j += 1
      } else if j < m, i == n || table[i][j + 1] > table[i + 1][j] {
        steps.append(.added(after[j]))
        j += 1
      } else {
        steps.append(.removed(before[i]))
        i += 1
      }
    }
    return steps
  }
}
