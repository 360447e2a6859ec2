import ArgumentParser
import Stack

/// `eks-spark apply`: plan, confirm, execute in dependency order.
struct ApplyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Create or update the stack's resources to match the stack file.",
    discussion: """
      Runs the same checks as plan, takes the stack's lock (one writer at a time), reads \
      live state, shows the plan and asks for confirmation (only 'yes' is accepted), then \
      executes exactly those changes: independent ones at the same time (--parallelism), \
      one Fargate profile at a time. An interrupted apply is finished by running apply \
      again. Ctrl-C stops starting new changes, lets those in flight finish, reports and \
      exits 130.

      A data-lake bucket of the stack's name that is not tagged as the stack's stops the \
      plan: eks-spark changes nothing it does not own. --adopt takes over one without any \
      eks-spark stack tag (a run killed between creating and tagging it leaves one too).

      Replacing the EKS cluster (a change to its name or subnets) deletes every workload \
      on it, so apply refuses it without --allow-replace.

      Examples:
        eks-spark apply -f stack.yaml
        eks-spark apply -f stack.yaml --auto-approve            # scripts and CI
        eks-spark apply --target aws.eks.cluster.main
        eks-spark apply --lock-timeout 10m     # wait for another run
        eks-spark apply --adopt     # an untagged bucket of its name
        eks-spark apply --force-unlock 1b4e28ba-2fa1-11d2-883f-0016d3cca427
      """)

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  @Flag(help: "Allow replacing resources whose replacement means an outage (the EKS cluster).")
  var allowReplace = false

  @Flag(help: "After the report, print the wall time beside the critical path of the changes made.")
  var timings = false

  @Flag(
    help: "Take over an untagged data-lake bucket of the stack's name (never another stack's).")
  var adopt = false

  func run() async throws {
    var flow = WriteFlow(
      service: try options.service(), mode: .apply, write: write, output: options.output,
      targets: write.targets)
    flow.allowReplace = allowReplace
    flow.adopt = adopt
    flow.timings = timings
    try await flow.run()
  }
}
