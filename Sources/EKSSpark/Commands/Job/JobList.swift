import ArgumentParser
import Jobs

/// `eks-spark job list`: the stack's runs, newest first.
struct JobListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the stack's runs, newest first, with state, duration and cost.",
    discussion: """
      Every SparkApplication labelled with the stack, in every namespace (finished runs \
      stay until their timeToLiveSeconds). The cost column is what the run's finished \
      pods cost at the region's Fargate price; a + marks a run whose pods still run.

      Examples:
        eks-spark job list -f stack.yaml
        eks-spark job list -f stack.yaml -o json | jq -r '.[] | select(.state == "FAILED") | .run'
      """)

  @OptionGroup var options: StackOptions

  func run() async throws {
    let session = try await JobSession.open(options)
    let now = session.jobs.timing.now()
    let reports = try await session.jobs.list().map { JobRunReport($0, region: session.region, now: now) }
    print(try DataOutput.render(reports, as: options.output) { JobRunTable.list(reports) })
  }
}
