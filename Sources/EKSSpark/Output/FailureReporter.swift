import ArgumentParser

/// Turns whatever a command threw into what the user sees: diagnostics on standard error
/// (through the one printer) and an exit status from the one table (`ExitStatus`).
struct FailureReporter {
  var printer: DiagnosticPrinter

  /// The diagnostics and the status `error` stands for.
  static func outcome(of error: any Error) -> (diagnostics: [any Diagnostic], status: ExitStatus) {
    switch error {
    case let status as ExitStatus:
      return ([], status)
    case let error as any UserFacingError:
      return (error.diagnostics, error.exitStatus)
    case let exit as ExitCode:
      // Argument-parser's own statuses (validation 64) pass through; any other maps to 1.
      return ([], ExitStatus(rawValue: exit.rawValue) ?? .failure)
    case let error as ValidationError:
      return ([SimpleDiagnostic(message: error.message)], .usage)
    default:
      return ([SimpleDiagnostic(message: "\(error)")], .failure)
    }
  }

  /// Prints the diagnostics of `error` and returns the status to exit with.
  func report(_ error: any Error) -> ExitStatus {
    let (diagnostics, status) = Self.outcome(of: error)
    printer.print(diagnostics)
    return status
  }
}
