/// A yes/no question on the terminal, worded the way Terraform asks before a change.
enum Prompt {
  /// Asks `question`; true only for the answer `yes` (surrounding spaces ignored). Written
  /// with `print`, like the plan above it, so the two reach the terminal in order.
  static func confirm(_ question: String, detail: String) -> Bool {
    print("\n\(question)\n  \(detail)\n  Only 'yes' will be accepted to approve.\n")
    print("  Enter a value: ", terminator: "")
    guard let answer = readLine() else { return false }
    return answer.split(whereSeparator: \.isWhitespace) == ["yes"]
  }
}
