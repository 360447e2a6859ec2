import Jobs
import Kubernetes
import Spark

extension JobsError: UserFacingError {
  /// The message and its hint, then the lines under it (the driver log's tail, the
  /// selectors a pod missed) as one note.
  var diagnostics: [any Diagnostic] {
    var diagnostics: [any Diagnostic] = [SimpleDiagnostic(message: message, remedy: remedy)]
    if !details.isEmpty {
      diagnostics.append(SimpleDiagnostic(level: .note, message: details.joined(separator: "\n")))
    }
    return diagnostics
  }

  /// A failed run and a wait that timed out are outcomes with statuses of their own.
  var exitStatus: ExitStatus {
    switch code {
    case .jobFailed: return .jobFailed
    case .timedOut: return .jobTimedOut
    default: return .failure
    }
  }
}

extension KubernetesError: UserFacingError {
  var diagnostics: [any Diagnostic] { [SimpleDiagnostic(message: message, remedy: remedy)] }
}

extension SparkError: UserFacingError {
  var diagnostics: [any Diagnostic] { [SimpleDiagnostic(message: message, remedy: remedy)] }
}
