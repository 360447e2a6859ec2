import ArgumentParser
import Jobs

/// `eks-spark job logs RUN`: the driver's (or an executor's) log.
struct JobLogsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Print the log of a run's driver or of one of its executors.",
    discussion: """
      --follow keeps printing as the pod writes until it ends (spelled out, as aws logs \
      tail --follow, because -f is the stack file). Once the pod is gone (a finished run \
      is deleted after its timeToLiveSeconds), the log is read from CloudWatch Logs, where \
      Fargate's log router sends it when the cluster's aws-observability ConfigMap turns \
      logging on.

      Examples:
        eks-spark job logs pi-7f3a9c2e -f stack.yaml
        eks-spark job logs pi-7f3a9c2e -f stack.yaml --follow
        eks-spark job logs pi-7f3a9c2e -f stack.yaml --executor 1
      """)

  @OptionGroup var runOptions: JobRunOptions

  @Flag(help: "Keep printing new lines until the pod ends.")
  var follow = false

  @Option(help: "Read executor N (its spark-exec-id) instead of the driver.")
  var executor: Int?

  @OptionGroup var options: StackOptions

  func run() async throws {
    let session = try await JobSession.open(options)
    let name = runOptions.run
    let namespace = session.namespace(runOptions.namespace, run: name)
    let pod = try await session.jobs.logPod(run: name, namespace: namespace, executor: executor)
    if follow {
      try await session.jobs.follow(run: name, pod: pod, namespace: namespace) { StandardStreams.write($0) }
    } else {
      StandardStreams.write(try await session.jobs.log(pod: pod, namespace: namespace))
    }
  }
}
