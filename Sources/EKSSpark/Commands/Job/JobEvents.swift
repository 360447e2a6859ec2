import ArgumentParser
import Jobs

/// `eks-spark job events RUN`: what Kubernetes and the operator said about a run.
struct JobEventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Show the events of a run and of its pods, oldest first.",
    discussion: """
      The operator's events on the SparkApplication (submitted, running, failed) and the \
      cluster's on its pods (scheduling on Fargate, image pulls, container starts).

      Examples:
        eks-spark job events pi-7f3a9c2e -f stack.yaml
        eks-spark job events pi-7f3a9c2e -f stack.yaml -o json
      """)

  @OptionGroup var runOptions: JobRunOptions
  @OptionGroup var options: StackOptions

  func run() async throws {
    let session = try await JobSession.open(options)
    let name = runOptions.run
    let events = try await session.jobs.events(
      run: name, namespace: session.namespace(runOptions.namespace, run: name))
    print(
      try DataOutput.render(events, as: options.output) {
        events.isEmpty
          ? "no events"
          : events.map { "\($0.time ?? "-")  \($0.type)  \($0.reason)  \($0.object)  \($0.message)" }.joined(
            separator: "\n")
      })
  }
}
