/// Writes diagnostics to standard error, in colour only when it is a terminal (and
/// `NO_COLOR` is unset), in the shape compilers use so editors can jump to the position.
/// The one writer of diagnostics: commands hand it warnings, the root hands it errors.
struct DiagnosticPrinter {
  var useColor: Bool

  /// A printer for this process's standard error.
  static func standardError() -> DiagnosticPrinter {
    DiagnosticPrinter(useColor: TerminalStyle.colorOnStandardError)
  }

  /// The text of one diagnostic: `file:line:col: severity: message`, then `  hint: ...`.
  func format(_ diagnostic: any Diagnostic) -> String {
    var text = ""
    if let location = diagnostic.location {
      text += location.file
      if let line = location.line {
        text += ":\(line)"
        if let column = location.column { text += ":\(column)" }
      }
      text += ": "
    }
    let severity = diagnostic.level.rawValue
    if useColor {
      let color = diagnostic.level == .error ? "31" : diagnostic.level == .warning ? "33" : "36"
      text = bold(text) + "\u{1B}[1;\(color)m\(severity):\u{1B}[0m " + bold(diagnostic.message)
    } else {
      text += "\(severity): \(diagnostic.message)"
    }
    if let remedy = diagnostic.remedy {
      text += "\n  " + (useColor ? "\u{1B}[36mhint:\u{1B}[0m " : "hint: ") + remedy
    }
    return text
  }

  private func bold(_ text: String) -> String { text.isEmpty ? text : "\u{1B}[1m\(text)\u{1B}[0m" }

  /// Prints each diagnostic on standard error.
  func print(_ diagnostics: [any Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    StandardStreams.writeError(diagnostics.map(format).joined(separator: "\n") + "\n")
  }
}
