import Config
import YAML

extension StackProblem: Diagnostic {
  var level: DiagnosticSeverity {
    switch severity {
    case .error: return .error
    case .warning: return .warning
    }
  }

  var location: DiagnosticLocation? {
    DiagnosticLocation(file: file, line: mark?.line, column: mark?.column)
  }

  /// Config's problems call their advice `hint`.
  var remedy: String? { hint }
}

extension ConfigError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    if !problems.isEmpty { return problems }
    return [SimpleDiagnostic(level: .error, location: nil, message: message, remedy: hint)]
  }
}

extension YAMLError: Diagnostic, UserFacingError {
  var level: DiagnosticSeverity { .error }
  var location: DiagnosticLocation? { DiagnosticLocation(file: file, line: mark.line, column: mark.column) }
  /// YAML's errors call their advice `hint`.
  var remedy: String? { hint }
  var diagnostics: [any Diagnostic] { [self] }
}
