import ArgumentParser
import Stack

/// `eks-spark operator uninstall`: the operator release removed, nothing else.
struct OperatorUninstallCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uninstall",
    abstract: "Uninstall the Spark Operator release.",
    discussion: """
      Runs the chart's delete hooks, deletes the release's objects and its release records, \
      as helm uninstall does. The chart's CRDs (and so every SparkApplication) stay unless \
      --delete-crds is given. The cluster and everything else in the stack are left alone. \
      Confirmation and locking behave as in destroy.

      Examples:
        eks-spark operator uninstall -f stack.yaml
        eks-spark operator uninstall -f stack.yaml --auto-approve --delete-crds
      """)

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  @Flag(
    name: .customLong("delete-crds"),
    help: "Also delete the chart's CRDs, and with them every SparkApplication.")
  var deleteCRDs = false

  func run() async throws {
    var flow = WriteFlow(
      service: try options.service(), mode: .destroy, write: write, output: options.output, targets: [])
    flow.operatorUninstall = deleteCRDs
    try await flow.run()
  }
}
