import TestSupport
import Testing

/// `make completions` writes these scripts; they must generate and know the commands.
@Suite("shell completion scripts")
struct CompletionScriptTests {
  @Test("--generate-completion-script exits 0 and completes validate", arguments: ["bash", "zsh", "fish"])
  func script(shell: String) throws {
    let result = try BinaryRunner.run(["--generate-completion-script", shell])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("validate"))
  }
}
