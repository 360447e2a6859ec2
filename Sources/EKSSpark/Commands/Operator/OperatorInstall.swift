import ArgumentParser
import Stack

/// `eks-spark operator install`: apply targeted at the operator release and what it needs.
struct OperatorInstallCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install (or upgrade) the Spark Operator release and everything it needs.",
    discussion: """
      An apply limited to the operator release of the stack file's operator: section, with \
      its dependencies: the cluster, its Fargate profiles, the network and IAM roles. The \
      plan shows the chart version, the values path by path and each rendered object \
      against the manifest stored in the live release. A failed or interrupted release is \
      redeployed. Confirmation, locking and Ctrl-C behave as in apply.

      Examples:
        eks-spark operator install -f stack.yaml
        eks-spark operator install -f stack.yaml --auto-approve
      """)

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  func run() async throws {
    var flow = WriteFlow(
      service: try options.service(), mode: .apply, write: write, output: options.output, targets: [])
    flow.operatorOnly = true
    try await flow.run()
  }
}
