import ArgumentParser
import Jobs

/// `eks-spark job run-now SCHEDULE`: a run of a scheduled job, started now.
struct JobRunNowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run-now",
    abstract: "Start a run of a scheduled job now and print its name.",
    discussion: """
      SCHEDULE is a ScheduledSparkApplication (a job with schedule: in the stack file). \
      The run is a SparkApplication from its template, labelled and owned as the \
      operator's own runs are, so the schedule's history and job list count it. The \
      schedule itself is not changed.

      Examples:
        eks-spark job run-now nightly-report -f stack.yaml
        eks-spark job run-now nightly-report -f stack.yaml -o json
      """)

  @Argument(help: "The scheduled job's name.")
  var schedule: String

  @Option(
    name: [.customShort("n"), .long], help: "The schedule's namespace (default: its job's, else default).")
  var namespace: String?

  @OptionGroup var options: StackOptions

  func run() async throws {
    let session = try await JobSession.open(options)
    let namespace = namespace ?? session.jobs.mapping.job(named: schedule)?.namespace ?? "default"
    let submitted = try await session.jobs.runNow(
      schedule: schedule, namespace: namespace, suffix: JobSession.suffix())
    print(try DataOutput.render(submitted, as: options.output) { submitted.run })
  }
}
