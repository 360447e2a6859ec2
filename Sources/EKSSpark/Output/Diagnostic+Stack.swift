import AWS
import Engine
import HTTP
import Helm
import Images
import Stack

extension StackError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    [SimpleDiagnostic(message: description, remedy: remedy ?? causeRemedy(cause))]
  }

  var exitStatus: ExitStatus { code == .lockHeld ? .lockHeld : .failure }
}

extension EngineError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    // An image's read fails for reasons of its own (a missing builder or base image),
    // whose remedy says more than a generic one about connectivity.
    let imageRemedy = (cause as? ImagesError)?.remedy
    // A failed read already lists each resource's error in its message; the one cause's
    // own remedy (a bucket that is not ours: --adopt) says more than the generic one.
    if code == .readFailed, let cause {
      return [SimpleDiagnostic(message: message, remedy: imageRemedy ?? ownRemedy(cause) ?? remedy)]
    }
    return [SimpleDiagnostic(message: description, remedy: imageRemedy ?? remedy ?? causeRemedy(cause))]
  }
}

/// The remedy a Stack or AWS error carries.
private func ownRemedy(_ error: any Error) -> String? {
  (error as? StackError)?.remedy ?? causeRemedy(error)
}

extension AWSError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    var copy = self
    copy.remedy = nil
    return [SimpleDiagnostic(message: copy.description, remedy: remedy)]
  }
}

extension HTTPError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    [SimpleDiagnostic(message: "\(code.rawValue): \(message) (\(url))", remedy: remedy)]
  }
}

extension HelmError: UserFacingError {
  var diagnostics: [any Diagnostic] { [SimpleDiagnostic(message: message, remedy: remedy)] }
}

extension PreflightNote: Diagnostic {
  var level: DiagnosticSeverity { severity == .warning ? .warning : .note }
  var location: DiagnosticLocation? { nil }
}

/// The remedy an underlying AWS error carries, when the wrapper has none of its own.
private func causeRemedy(_ cause: (any Error)?) -> String? {
  (cause as? AWSError)?.remedy
}
