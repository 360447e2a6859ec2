import ArgumentParser
import Stack

/// `eks-spark destroy`: deletes what the stack owns, in reverse dependency order.
struct DestroyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "destroy",
    abstract: "Delete every resource of the stack.",
    discussion: """
      Deletes the resources tagged with the stack (eks-spark.io/stack=<prefix>), dependents \
      first, Fargate profiles one at a time, waiting for each deletion. Nothing without the \
      stack's tag is touched. The data-lake bucket is kept when dataLake.retainOnDestroy is \
      true (the default) unless --delete-data is given. Takes the stack's lock and asks for \
      confirmation like apply.

      Examples:
        eks-spark destroy -f stack.yaml
        eks-spark destroy -f stack.yaml --auto-approve
        eks-spark destroy -f stack.yaml --auto-approve --delete-data
      """)

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  @Flag(help: "Also delete the data-lake bucket and every object in it.")
  var deleteData = false

  func run() async throws {
    var flow = WriteFlow(
      service: try options.service(), mode: .destroy, write: write, output: options.output,
      targets: write.targets)
    flow.deleteData = deleteData
    try await flow.run()
  }
}
