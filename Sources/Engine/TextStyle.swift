/// ANSI styling as Terraform uses it (green `+`, yellow `~`, red `-`, bold headings), or
/// none at all when output is not a terminal.
public struct TextStyle: Sendable, Hashable {
  /// Whether to emit escape codes (the caller passes whether stdout is a TTY).
  public var color: Bool

  public init(color: Bool) {
    self.color = color
  }

  public static let plain = TextStyle(color: false)

  func bold(_ text: String) -> String { wrap(text, "1") }
  func green(_ text: String) -> String { wrap(text, "32") }
  func yellow(_ text: String) -> String { wrap(text, "33") }
  func red(_ text: String) -> String { wrap(text, "31") }
  func dim(_ text: String) -> String { wrap(text, "2") }

  /// A diff symbol (`+`, `~`, `-`, `-/+`, `+/-`) in its colours.
  func symbol(_ text: String) -> String {
    guard color else { return text }
    return text.map { character -> String in
      switch character {
      case "+": green("+")
      case "-": red("-")
      case "~": yellow("~")
      default: String(character)
      }
    }.joined()
  }

  private func wrap(_ text: String, _ code: String) -> String {
    color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
