import Images

extension ImagesError: UserFacingError {
  var diagnostics: [any Diagnostic] {
    [SimpleDiagnostic(message: "\(code.rawValue): \(message)", remedy: remedy)]
  }
}
