import Testing

@testable import EKSSpark

@Suite("diagnostic printer")
struct DiagnosticPrinterTests {
  let diagnostic = SimpleDiagnostic(
    level: .error, location: DiagnosticLocation(file: "stack.yaml", line: 12, column: 5),
    message: "unknown key \"allowedCIDR\" in access", remedy: "rename it to \"allowedCidrs\"")

  @Test("prints file:line:col, severity, message and an indented hint")
  func plain() {
    let printer = DiagnosticPrinter(useColor: false)
    #expect(
      printer.format(diagnostic)
        == "stack.yaml:12:5: error: unknown key \"allowedCIDR\" in access\n  hint: rename it to \"allowedCidrs\""
    )
  }

  @Test("colours the severity only when asked (stderr is a terminal)")
  func colour() {
    let text = DiagnosticPrinter(useColor: true).format(diagnostic)
    #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    #expect(text.contains("rename it to"))
  }

  @Test("a diagnostic without a position prints the file alone, or nothing")
  func withoutPosition() {
    let printer = DiagnosticPrinter(useColor: false)
    let fileOnly = SimpleDiagnostic(
      level: .warning, location: DiagnosticLocation(file: "stack.yaml"), message: "m", remedy: nil)
    #expect(printer.format(fileOnly) == "stack.yaml: warning: m")
    let bare = SimpleDiagnostic(level: .error, location: nil, message: "m", remedy: nil)
    #expect(printer.format(bare) == "error: m")
  }
}
