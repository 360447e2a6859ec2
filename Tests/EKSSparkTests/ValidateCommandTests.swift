import Foundation
import TestSupport
import Testing

@Suite("eks-spark validate")
struct ValidateCommandTests {
  static let fixtures = "Tests/EKSSparkTests/Fixtures"

  @Test("the example stack is valid: exit 0, a summary, nothing on stderr")
  func exampleStack() throws {
    let result = try BinaryRunner.run(["validate", "-f", "examples/stack.yaml"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix(
        "examples/stack.yaml is valid: stack spark-eks in eu-west-1, cluster spark-eks-cluster (Kubernetes 1.32), 2 jobs (pi, weather)"
      ))
  }

  @Test("every problem of a bad file is listed, as in the golden file, with exit 1")
  func manyProblems() throws {
    let result = try BinaryRunner.run(["validate", "-f", "\(Self.fixtures)/many-problems.yaml"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    try Golden(directory: BinaryRunner.repositoryRoot.appendingPathComponent(Self.fixtures))
      .check(result.stderr, "many-problems.stderr")
    #expect(!result.stderr.contains("\u{1B}["), "no colour when stderr is not a terminal")
  }

  @Test(
    "bad files exit 1 with located errors and hints",
    arguments: [
      (
        "malformed.yaml",
        "malformed.yaml:5:1: error: found a tab character that violates indentation",
        "  hint: YAML indents with spaces, not tabs"
      ),
      (
        "duplicate-keys.yaml",
        "duplicate-keys.yaml:11:5: error: duplicate key \"image\" (first defined at 9:5)",
        "  hint: remove one of the two"
      ),
      (
        "bad-references.yaml", "bad-references.yaml:11:24: error: unknown reference ${datalake.bucket}",
        "  hint: did you mean ${dataLake.bucket}?"
      ),
      (
        "bad-references.yaml", "bad-references.yaml:6:28: error: ${dataLake.bucket} cannot be used here",
        "  hint: this value is resolved before dataLake.bucket"
      ),
    ])
  func badFiles(file: String, error: String, hint: String) throws {
    let result = try BinaryRunner.run(["validate", "-f", "\(Self.fixtures)/\(file)"])
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let index = try #require(
      lines.firstIndex { $0.hasPrefix("\(Self.fixtures)/\(error)") }, "\(result.stderr)")
    #expect(lines[index + 1].hasPrefix(hint))
    #expect(lines.last?.hasSuffix("stack not valid") == true)
  }

  @Test("warnings go to stderr and the exit status stays 0")
  func warningsOnly() throws {
    let result = try BinaryRunner.run(["validate", "-f", "\(Self.fixtures)/open-endpoint.yaml"])
    #expect(result.status == 0)
    #expect(
      result.stderr.hasPrefix(
        "\(Self.fixtures)/open-endpoint.yaml:5:18: warning: allowed CIDR 0.0.0.0/0 opens the cluster API endpoint"
      ))
    #expect(result.stdout.contains("is valid"))
    #expect(result.stdout.contains("1 warning"))
  }

  @Test("a missing file is an error naming the file")
  func missingFile() throws {
    let result = try BinaryRunner.run(["validate", "-f", "nope/stack.yaml"])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("error: cannot read nope/stack.yaml: no such file or directory"))
  }

  @Test("-o json prints the resolved stack as JSON")
  func json() throws {
    let result = try BinaryRunner.run(["validate", "-f", "examples/stack.yaml", "-o", "json"])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let cluster = try #require(object["cluster"] as? [String: Any])
    #expect(cluster["name"] as? String == "spark-eks-cluster")
    #expect(cluster["kubernetesVersion"] as? String == "1.32")
    let jobs = try #require(object["jobs"] as? [[String: Any]])
    #expect(jobs.count == 2)
    let arguments = try #require(jobs[1]["arguments"] as? [String])
    #expect(arguments[0] == "s3a://spark-eks-data-lake-${aws.accountId}/raw/weather/")
  }

  @Test("-o yaml prints a stack that validates again")
  func yaml() throws {
    let result = try BinaryRunner.run(["validate", "-f", "examples/minimal.yaml", "-o", "yaml"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("apiVersion: eks-spark.io/v1alpha1\nkind: Stack\n"))
    #expect(result.stdout.contains("  kubernetesVersion: '1.32'\n"))
    let again = try BinaryRunner.run(["validate", "-f", "-"], stdin: result.stdout)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.hasPrefix("<stdin> is valid: "))
  }

  @Test("--help explains the command with examples")
  func help() throws {
    let result = try BinaryRunner.run(["validate", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("eks-spark validate -f stack.yaml -o yaml"))
    #expect(result.stdout.contains("-f, --file <file>"))
  }

  @Test("an unknown output format is a usage error")
  func badFormat() throws {
    let result = try BinaryRunner.run(["validate", "-f", "examples/stack.yaml", "-o", "xml"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("xml"))
  }
}
