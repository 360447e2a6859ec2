import Foundation
import TestSupport
import Testing

@Suite("eks-spark root command")
struct RootCommandTests {
  @Test("--version prints the release and exits 0")
  func version() throws {
    let result = try BinaryRunner.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  }

  @Test("an unknown command exits non-zero with a usage hint")
  func unknownCommand() throws {
    let result = try BinaryRunner.run(["frobnicate"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("Usage"))
  }
}
