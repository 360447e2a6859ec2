import AWS
import Engine
import Stack

extension StackError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    [SimpleDiagnostic(level: .error, location: nil, message: description, hint: remedy ?? causeRemedy(cause))]
  }
}

extension EngineError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    [SimpleDiagnostic(level: .error, location: nil, message: description, hint: remedy ?? causeRemedy(cause))]
  }
}

extension AWSError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    var copy = self
    copy.remedy = nil
    return [SimpleDiagnostic(level: .error, location: nil, message: copy.description, hint: remedy)]
  }
}

extension PreflightNote: Diagnostic {
  var level: DiagnosticSeverity { severity == .warning ? .warning : .note }
  var location: DiagnosticLocation? { nil }
}

/// The remedy an underlying AWS error carries, when the wrapper has none of its own.
private func causeRemedy(_ cause: (any Error)?) -> String? {
  (cause as? AWSError)?.remedy
}
