import Config
import Kubernetes
import Spark

/// The ScheduledSparkApplications of a stack: one per job with `schedule:`, for the stack's
/// graph to apply like any other Kubernetes object (a job without a schedule is only a
/// definition for `job submit`; applying never starts a run).
public enum JobSchedules {
  /// The objects, in the stack's job order; `image` resolves a job's image reference.
  public static func objects(for stack: Config.Stack, image: (JobConfig) throws -> String) throws
    -> [KubernetesObject]
  {
    let mapping = JobSpecMapping(stack: stack)
    let builder = SparkApplicationBuilder(context: mapping.context)
    return try stack.jobs.filter { $0.schedule != nil }.map { job in
      KubernetesObject(
        try builder.scheduledApplication(for: mapping.spec(for: job, image: try image(job))).node)
    }
  }
}
