/// The executable's own error: what a command refuses or gives up on by itself (no
/// confirmation possible, the user said no, a flag combination lower modules never see).
/// Lower modules' errors pass through unchanged; their codes live in their modules.
struct CommandError: UserFacingError, Sendable, Equatable {
  enum Code: String, Sendable {
    /// A write needs a `yes` and standard input is not a terminal.
    case needsConfirmation = "eks-spark.needs-confirmation"
    /// The user answered something other than `yes`.
    case cancelled = "eks-spark.cancelled"
    /// An output format this command cannot print.
    case unsupportedOutput = "eks-spark.unsupported-output"
    /// Standard input was asked for twice, or is not readable.
    case standardInput = "eks-spark.standard-input"
  }

  var code: Code
  var message: String
  var remedy: String?
  var exitStatus: ExitStatus = .failure

  init(_ code: Code, _ message: String, remedy: String? = nil) {
    self.code = code
    self.message = message
    self.remedy = remedy
  }

  var diagnostics: [any Diagnostic] { [SimpleDiagnostic(message: message, remedy: remedy)] }
}
