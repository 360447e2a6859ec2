import ArgumentParser
import Jobs

/// `eks-spark job status RUN`: one run's state, timeline and cost.
struct JobStatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show a run's state, its start-up timeline and what it cost.",
    discussion: """
      Reads the run's SparkApplication and its pods (two requests). The cost is what the \
      finished pods cost: each pod's Fargate CapacityProvisioned size for its billed time \
      (from the image pull to the end, per second, a minute at least); it is final once \
      every pod has ended.

      Exit status: 0 whatever the run's state; 1 when there is no such run.

      Examples:
        eks-spark job status pi-7f3a9c2e -f stack.yaml
        eks-spark job status pi-7f3a9c2e -f stack.yaml -o json | jq -r .state
      """)

  @OptionGroup var runOptions: JobRunOptions
  @OptionGroup var options: StackOptions

  func run() async throws {
    let session = try await JobSession.open(options)
    let name = runOptions.run
    let current = try await session.jobs.read(
      run: name, namespace: session.namespace(runOptions.namespace, run: name))
    let report = JobRunReport(current, region: session.region, now: session.jobs.timing.now())
    print(try DataOutput.render(report, as: options.output) { JobRunTable.status(report) })
  }
}
