/// How serious a diagnostic is.
enum DiagnosticSeverity: String, Sendable {
  case error
  case warning
  case note
}

/// Where a diagnostic points: a file, and a line and column when known (1-based).
struct DiagnosticLocation: Sendable, Equatable {
  var file: String
  var line: Int?
  var column: Int?
}

/// One problem for a person to read: `FILE:LINE:COL: error: message` and a hint line.
/// Every module's problems reach the terminal through this shape (conformances live in
/// `Diagnostic+Modules.swift`, since lower modules do not know this executable).
protocol Diagnostic: Sendable {
  /// Error, warning or note (named `level` so types with their own `severity` can conform).
  var level: DiagnosticSeverity { get }
  var location: DiagnosticLocation? { get }
  /// Lowercase, no location, no trailing period.
  var message: String { get }
  /// What to do about it (printed as `hint:`, the word compilers use).
  var remedy: String? { get }
}

/// An error a command lets escape: how it reads as diagnostics and which exit status it
/// means. The root command is the only place that prints one (`FailureReporter`).
protocol UserFacingError: Error {
  var diagnostics: [any Diagnostic] { get }
  var exitStatus: ExitStatus { get }
}

extension UserFacingError {
  var exitStatus: ExitStatus { .failure }
}

/// A diagnostic made on the spot (command-line problems, summaries).
struct SimpleDiagnostic: Diagnostic {
  var level: DiagnosticSeverity
  var location: DiagnosticLocation?
  var message: String
  var remedy: String?

  init(
    level: DiagnosticSeverity = .error, location: DiagnosticLocation? = nil, message: String,
    remedy: String? = nil
  ) {
    self.level = level
    self.location = location
    self.message = message
    self.remedy = remedy
  }
}
