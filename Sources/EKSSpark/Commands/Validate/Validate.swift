import ArgumentParser
import Config
import YAML

/// `eks-spark validate`: checks a stack file without calling AWS.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a stack file without touching AWS or Kubernetes.",
    discussion: """
      Reads the stack file, applies the defaults, resolves ${...} references and checks \
      everything eks-spark can check offline: unknown keys, types, CIDRs, ARNs, name \
      lengths (including the names eks-spark derives), Kubernetes versions, Spark memory and \
      CPU quantities, Fargate limits, cron schedules, and references between images, service \
      accounts, jobs and Fargate profiles.

      Every problem is printed to standard error as FILE:LINE:COL: error: ... with a hint. \
      Exit status: 0 when the stack is valid (warnings may be printed), 1 when it has errors.

      Examples:
        eks-spark validate -f stack.yaml
        eks-spark validate -f stack.yaml -o yaml    # the resolved stack
        eks-spark validate -f stack.yaml -o json | jq '.jobs[].name'
        cat stack.yaml | eks-spark validate -f -
      """
  )

  @OptionGroup var stackFile: StackFileOption

  @OptionGroup var outputOptions: OutputOptions

  func run() throws {
    let validation = try stackFile.validate()
    DiagnosticPrinter.standardError().print(validation.problems)
    guard let stack = validation.stack, validation.isValid else {
      let count = validation.errors.count
      throw ConfigError(
        code: .invalidStack,
        message: "\(stackFile.displayName): \(count) error\(count == 1 ? "" : "s"), stack not valid")
    }
    switch outputOptions.format() {
    case .yaml: print(YAMLEmitter.emit(stack.node), terminator: "")
    case .json: print(YAMLJSONWriter.string(stack.node, pretty: true), terminator: "")
    case .table:
      print(Self.summary(stack, file: stackFile.displayName, warnings: validation.warnings.count))
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
