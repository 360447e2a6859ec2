import ArgumentParser
import Config
import YAML

/// `eks-spark validate`: checks a stack file without calling AWS.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a stack file without touching AWS or Kubernetes.",
    discussion: """
      Reads the stack file, applies the defaults, resolves ${...} references and checks
      everything eks-spark can check offline: unknown keys, types, CIDRs, ARNs, name
      lengths (including the names eks-spark derives), Kubernetes versions, Spark memory and
      CPU quantities, Fargate limits, cron schedules, and references between images, service
      accounts, jobs and Fargate profiles.

      Every problem is printed to standard error as FILE:LINE:COL: error: ... with a hint.
      Exit status: 0 when the stack is valid (warnings may be printed), 1 when it has errors.

      Examples:
        eks-spark validate -f stack.yaml
        eks-spark validate -f stack.yaml -o yaml     # the fully defaulted, resolved stack
        eks-spark validate -f stack.yaml -o json | jq '.jobs[].name'
        cat stack.yaml | eks-spark validate -f -
      """
  )

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml
    case json
  }

  @Option(
    name: [.customShort("f"), .customLong("file")], help: "The stack file to check (- for standard input).")
  var file: String

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: "Print the fully defaulted, resolved stack as yaml or json.")
  var output: OutputFormat?

  func run() throws {
    let printer = DiagnosticPrinter.standardError()
    let loader = StackLoader()
    let text: String
    let fromStandardInput = file == "-"
    do {
      text = try StackLoader.read(path: fromStandardInput ? "/dev/stdin" : file)
    } catch {
      printer.print(error: error)
      throw ExitCode(1)
    }
    let name = fromStandardInput ? "<stdin>" : file
    let validation = loader.validate(
      text: text, file: name, baseDirectory: fromStandardInput ? "." : StackLoader.directory(of: file))
    printer.print(validation.problems)
    guard let stack = validation.stack, validation.isValid else {
      let count = validation.errors.count
      DiagnosticPrinter.writeStandardError(
        "\(file): \(count) error\(count == 1 ? "" : "s"), stack not valid\n")
      throw ExitCode(1)
    }
    switch output {
    case .yaml: print(YAMLEmitter.emit(stack.node), terminator: "")
    case .json: print(YAMLJSONWriter.string(stack.node, pretty: true), terminator: "")
    case nil: print(Self.summary(stack, file: name, warnings: validation.warnings.count))
    }
  }

  /// One line a person reads at a glance.
  static func summary(_ stack: Stack, file: String, warnings: Int) -> String {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    var parts = [
      "stack \(stack.metadata.prefix) in \(stack.metadata.region)",
      "cluster \(stack.cluster.name) (Kubernetes \(stack.cluster.kubernetesVersion))",
      count(stack.jobs.count, "job")
        + (stack.jobs.isEmpty ? "" : " (\(stack.jobs.map(\.name).joined(separator: ", ")))"),
      count(stack.images.count, "image"),
      count(stack.serviceAccounts.count, "service account"),
      "bucket \(stack.dataLake.bucket)"
        + (stack.dataLake.bucket.contains("${") ? " (account id known at apply)" : ""),
    ]
    if warnings > 0 { parts.append(count(warnings, "warning")) }
    return "\(file) is valid: " + parts.joined(separator: ", ")
  }
}
