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
}

extension ConfigError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    if !problems.isEmpty { return problems }
    return [SimpleDiagnostic(level: .error, location: nil, message: message, hint: hint)]
  }
}

extension YAMLError: Diagnostic, UserFacingError {
  var level: DiagnosticSeverity { .error }
  var location: DiagnosticLocation? { DiagnosticLocation(file: file, line: mark.line, column: mark.column) }
  var diagnostics: [any Diagnostic] { [self] }
}
