import AWS
import FoundationEssentials
import Jobs
import Spark
import Stack

/// What every `job` verb starts from: the validated stack, and the jobs service connected to
/// its cluster.
struct JobSession {
  let stack: StackService
  let jobs: JobService

  static func open(_ options: StackOptions) async throws -> JobSession {
    let stack = try options.service()
    DiagnosticPrinter.standardError().print(stack.warnings)
    let jobs = try await JobService.connect(
      stack: stack.stack, aws: stack.configuration, environment: ProcessInfo.processInfo.environment)
    return JobSession(stack: stack, jobs: jobs)
  }

  var region: String { stack.stack.metadata.region }

  func imageResolver() throws -> ImageResolver {
    ImageResolver(stack: stack.stack, ecr: stack.clients.ecr)
  }

  /// `--namespace`, else the namespace of the run's job.
  func namespace(_ flag: String?, run: String) -> String {
    flag ?? jobs.namespace(ofRun: run)
  }

  /// A run-name suffix from the system's random source.
  static func suffix() -> String {
    var generator = SystemRandomNumberGenerator()
    return SparkRunName.randomSuffix(using: &generator)
  }
}
