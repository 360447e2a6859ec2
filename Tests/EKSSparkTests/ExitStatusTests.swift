import Foundation
import Stack
import TestSupport
import Testing

@testable import EKSSpark

/// Every command driven into a failure it can reach without AWS: the status comes from
/// the one table (docs/exit-codes.md) and the message from the one printer.
@Suite("exit statuses and error messages")
struct ExitStatusTests {
  /// No credentials, no profile, no instance metadata: nothing reaches AWS.
  static let offline = [
    "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
    "AWS_REGION": "eu-west-1", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_ENDPOINT_URL": "", "NO_COLOR": "1",
  ]

  struct Failure: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var status: Int32
    /// The first line of standard error.
    var message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let stack = "examples/minimal.yaml"
  static let regionMismatch =
    "error: --region us-west-2 differs from the stack's metadata.region eu-west-1"

  static let missingFile = "error: cannot read missing.yaml: no such file or directory"
  static let noCredentials = "error: aws.no-credentials: no AWS credentials found"

  static let failures: [Failure] =
    [
      (["validate", "-f", "missing.yaml"], 1, missingFile),
      (["plan", "-f", "missing.yaml"], 1, missingFile),
      (["get-token", "--cluster-name", "spark"], 1, noCredentials),
      (["whoami"], 1, noCredentials),
      (["helm", "template", "./no-such-chart"], 1, "error: path \"./no-such-chart\" not found"),
      (["plan", "--parallelism", "0"], 64, "error: --parallelism must be between 1 and 100, got 0"),
      (["status", "--frobnicate"], 64, "error: Unknown option '--frobnicate'"),
      (["validate", "-o", "xml"], 64, "error: The value 'xml' is invalid for '-o <output>'"),
      (["job", "submit", "pi", "-f", "missing.yaml"], 1, missingFile),
      (["job", "submit", "pi", "--timeout", "5m"], 64, "error: --timeout needs --wait"),
      (
        ["job", "submit", "pi", "--wait", "--timeout", "soon"], 64,
        "error: The value 'soon' is invalid for '--timeout <duration>'"
      ),
      (["job", "status"], 64, "error: Missing expected argument '<run>'"),
      (["image", "build", "nope", "-f", stack], 1, "error: no image \"nope\" in \(stack)"),
      (["image", "build", "-f", stack], 1, "error: \(stack) has no images to build"),
      (
        ["serviceaccount", "bind", "-f", "examples/stack.yaml", "nope"], 1,
        "error: the stack file has no service account nope"
      ),
    ].map { Failure(arguments: $0.0, status: $0.1, message: $0.2) }
    // Every stack command checks --region against the stack file before calling AWS.
    + [
      ["plan"], ["status"], ["apply", "--auto-approve"], ["cluster", "create"], ["destroy"],
      ["operator", "install"], ["operator", "uninstall", "--delete-crds"],
      ["job", "submit", "pi"],
      ["job", "list"], ["job", "status", "pi-0000abcd"], ["job", "run-now", "nightly"],
      ["image", "build"],
      ["image", "list"],
      ["serviceaccount", "bind"], ["kubeconfig"],
    ].map {
      Failure(arguments: $0 + ["-f", stack, "--region", "us-west-2"], status: 1, message: regionMismatch)
    }

  @Test("fails with the table's status and one diagnostic", arguments: failures)
  func failure(_ failure: Failure) throws {
    let result = try BinaryRunner.run(failure.arguments, environment: Self.offline)
    #expect(result.status == failure.status, "\(result.stderr)")
    let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix(failure.message), "\(result.stderr)")
    #expect(!result.stderr.contains("Error:"), "argument-parser's own error prefix leaked")
  }

  @Test("-f - reads the stack from standard input in stack commands too, named <stdin>")
  func stackFromStandardInput() throws {
    let text = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent(Self.stack), encoding: .utf8)
    let mismatch = try BinaryRunner.run(
      ["plan", "-f", "-", "--region", "us-west-2"], environment: Self.offline, stdin: text)
    #expect(mismatch.status == 1)
    #expect(mismatch.stderr.contains(Self.regionMismatch), "\(mismatch.stderr)")
    let invalid = try BinaryRunner.run(
      ["status", "-f", "-"], environment: Self.offline, stdin: "kind: Nope\n")
    #expect(invalid.status == 1)
    #expect(invalid.stderr.hasPrefix("<stdin>:"), "\(invalid.stderr)")
  }

  @Test("every status in the table has its own number, and docs/exit-codes.md lists each")
  func documented() throws {
    let numbers = ExitStatus.allCases.map(\.rawValue)
    #expect(Set(numbers).count == numbers.count)
    let doc = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/exit-codes.md"), encoding: .utf8)
    for status in ExitStatus.allCases {
      #expect(doc.contains("| \(status.rawValue) |"), "docs/exit-codes.md does not list \(status)")
    }
  }

  @Test("errors map to their statuses: the lock to 3, a plain status to itself, anything else to 1")
  func mapping() {
    #expect(FailureReporter.outcome(of: ExitStatus.planHasChanges).status == .planHasChanges)
    #expect(FailureReporter.outcome(of: ExitStatus.interrupted).diagnostics.isEmpty)
    let held = StackError(.lockHeld, "stack demo is locked by someone")
    #expect(FailureReporter.outcome(of: held).status == .lockHeld)
    #expect(FailureReporter.outcome(of: CommandError(.cancelled, "apply cancelled")).status == .failure)
    struct Opaque: Error {}
    #expect(FailureReporter.outcome(of: Opaque()).status == .failure)
  }

  @Test("a hint names only commands that exist", arguments: failures)
  func hintsNameRealCommands(_ failure: Failure) throws {
    let result = try BinaryRunner.run(failure.arguments, environment: Self.offline)
    let registered = Set(EKSSparkCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" })
    for match in result.stderr.matches(of: /eks-spark ([a-z][a-z-]*)/) {
      #expect(registered.contains(String(match.1)), "\(result.stderr) names eks-spark \(match.1)")
    }
  }
}
