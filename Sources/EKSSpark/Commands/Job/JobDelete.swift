import ArgumentParser
import Jobs

/// `eks-spark job delete RUN`: stops a run and removes it with its pods.
struct JobDeleteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete",
    abstract: "Delete a run: its SparkApplication and, with it, its pods.",
    discussion: """
      A running run stops (its pods are removed by Kubernetes' garbage collector). The \
      job's definition in the stack file is not touched.

      Examples:
        eks-spark job delete pi-7f3a9c2e -f stack.yaml
      """)

  @OptionGroup var runOptions: JobRunOptions
  @OptionGroup var options: StackOptions

  func run() async throws {
    let session = try await JobSession.open(options)
    let name = runOptions.run
    let namespace = session.namespace(runOptions.namespace, run: name)
    try await session.jobs.delete(run: name, namespace: namespace)
    Notes.write("deleted run \(namespace)/\(name)")
  }
}
