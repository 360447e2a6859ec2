import ArgumentParser

/// `eks-spark job`: runs of the stack's Spark jobs.
struct JobCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "job",
    abstract: "Submit and follow Spark jobs on the stack's cluster.",
    discussion: """
      Every submit is a new run named <job>-<id> (a SparkApplication of the Spark \
      Operator); the other verbs take that name. -f names the stack file: it says which \
      cluster, data lake and defaults the run uses.

      Examples:
        eks-spark job submit pi -f stack.yaml --wait
        eks-spark job list -f stack.yaml
        eks-spark job logs pi-7f3a9c2e -f stack.yaml --follow
      """,
    subcommands: [
      JobSubmitCommand.self, JobListCommand.self, JobStatusCommand.self, JobEventsCommand.self,
      JobLogsCommand.self, JobDeleteCommand.self, JobRunNowCommand.self,
    ])
}
