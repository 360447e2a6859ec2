/// The one error type of the jobs service: a submit that cannot start (a missing piece of
/// the cluster side, a target that is not a job), a run that failed or did not finish in
/// time, a run that is not there.
public struct JobsError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    /// TARGET is neither a job of the stack nor a SparkApplication file.
    case unknownTarget = "jobs.unknown-target"
    /// A SparkApplication file that cannot be read or is not a SparkApplication.
    case invalidApplication = "jobs.invalid-application"
    /// A `--set` key or value the job has no field for.
    case invalidOverride = "jobs.invalid-override"
    /// The Spark Operator is not installed or not running.
    case operatorMissing = "jobs.operator-missing"
    /// The SparkApplication CRD is missing or not Established.
    case crdMissing = "jobs.crd-missing"
    /// The operator's admission webhook (2.x) has no ready endpoint.
    case webhookDown = "jobs.webhook-down"
    /// The job's service account does not exist in its namespace.
    case serviceAccountMissing = "jobs.service-account-missing"
    /// The job's image is not in its ECR repository.
    case imageMissing = "jobs.image-missing"
    /// No run (or schedule) of that name.
    case runNotFound = "jobs.run-not-found"
    /// The run ended FAILED or SUBMISSION_FAILED.
    case jobFailed = "jobs.job-failed"
    /// `--timeout` passed before the run ended.
    case timedOut = "jobs.timed-out"
    /// The run makes no progress, for a reason found in the cluster.
    case stuck = "jobs.stuck"
  }

  public var code: Code
  /// Lowercase, without a trailing period (the operator's own words where it gave some).
  public var message: String
  public var remedy: String?
  /// Lines to show under the message (the driver log's tail).
  public var details: [String]

  public init(_ code: Code, _ message: String, remedy: String? = nil, details: [String] = []) {
    self.code = code
    self.message = message
    self.remedy = remedy
    self.details = details
  }

  public var description: String {
    guard let remedy else { return message }
    return "\(message) (\(remedy))"
  }
}
