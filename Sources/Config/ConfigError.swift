/// The one error type of the Config module: the stack file could not be read, or it has
/// problems (all of them, in file order, in `problems`).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    /// The file is missing or unreadable.
    case unreadableFile = "config.unreadable-file"
    /// The file was read and has at least one error.
    case invalidStack = "config.invalid-stack"
  }

  public var code: Code
  /// A lowercase summary (`stack.yaml has 3 errors`).
  public var message: String
  /// Every problem found, errors and warnings, in file order.
  public var problems: [StackProblem]
  /// What to do about it, for problems that are not about one position.
  public var hint: String?
  /// The underlying system error text, when reading failed.
  public var cause: String?

  public init(
    code: Code, message: String, problems: [StackProblem] = [], hint: String? = nil, cause: String? = nil
  ) {
    self.code = code
    self.message = message
    self.problems = problems
    self.hint = hint
    self.cause = cause
  }

  public var description: String {
    ([message] + problems.map(\.description)).joined(separator: "\n")
  }
}
