import Foundation
import TestSupport
import Testing

@testable import EKSSpark

/// `-o json` of every data command parses as JSON (and `-o yaml` of the same data is not
/// JSON text but YAML). Commands that need AWS are covered by the integration suite and by
/// the renderers they share here.
@Suite("-o json output")
struct JSONOutputTests {
  static func parses(_ text: String) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
  }

  @Test(
    "offline data commands print JSON that parses",
    arguments: [
      ["validate", "-f", "examples/stack.yaml", "-o", "json"],
      ["helm", "template", "../shared/charts/spark-operator/spark-operator-2.4.0.tgz", "-o", "json"],
    ])
  func offline(_ arguments: [String]) throws {
    if arguments.contains(where: { $0.hasPrefix("../shared") }) {
      let chart = BinaryRunner.repositoryRoot.appendingPathComponent(arguments[2]).path
      try #require(FileManager.default.fileExists(atPath: chart), "the shared chart \(chart) is missing")
    }
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Self.parses(result.stdout), "\(result.stdout.prefix(400))")
  }

  @Test("whoami's and status's JSON and YAML hold the same fields")
  func encodedForms() throws {
    struct Sample: Encodable {
      var account = "123456789012"
      var arn = "arn:aws:iam::123456789012:user/dev"
      var drift = ["tags", "version"]
    }
    let json = try DataOutput.render(Sample(), as: .json) { "table" }
    #expect(Self.parses(json))
    let yaml = try DataOutput.render(Sample(), as: .yaml) { "table" }
    #expect(yaml.contains("account: "))
    #expect(yaml.contains("123456789012"))
    #expect(!Self.parses(yaml))
    #expect(try DataOutput.render(Sample(), as: .table) { "table" } == "table")
  }
}
