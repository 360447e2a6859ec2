import ArgumentParser
import Stack

/// `eks-spark cluster create`: apply targeted at the cluster and what it needs.
struct ClusterCreateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create",
    abstract: "Create (or update) the EKS cluster, its Fargate profiles and everything they need.",
    discussion: """
      An apply limited to the EKS cluster and its Fargate profiles, with their \
      dependencies: the network and the IAM roles. Everything else in the stack file is \
      left alone. Confirmation, locking and Ctrl-C behave as in apply.

      Examples:
        eks-spark cluster create -f stack.yaml
        eks-spark cluster create -f stack.yaml --auto-approve
      """)

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  @Flag(help: "Allow replacing the cluster (a change to its name or subnets).")
  var allowReplace = false

  func run() async throws {
    var flow = WriteFlow(
      service: try options.service(), mode: .apply, write: write, output: options.output, targets: [])
    flow.clusterOnly = true
    flow.allowReplace = allowReplace
    try await flow.run()
  }
}
