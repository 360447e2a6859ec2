import Foundation
import TestSupport
import Testing

/// The `--help` text of every registered command, as a golden file per command under
/// `Golden/help/` (`eks-spark.txt`, `eks-spark_cluster_create.txt`...). A change to flags,
/// abstracts or examples shows up in review as a diff of these files; `make golden-help`
/// rewrites them.
@Suite("--help golden files")
struct HelpGoldenTests {
  @Test("every command's --help matches its golden file, and no golden file is left over")
  func helpTexts() throws {
    let golden = Golden()
    var expected: Set<String> = []
    for command in try HelpExamplesTests.commands(environment: ["COLUMNS": "80"]) {
      let name = (["eks-spark"] + command.path).joined(separator: "_") + ".txt"
      expected.insert(name)
      try golden.check(command.help, "help/" + name)
    }
    let folder = golden.directory.appendingPathComponent("help")
    let present = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    #expect(present.subtracting(expected).isEmpty, "golden files for commands that no longer exist")
  }
}
