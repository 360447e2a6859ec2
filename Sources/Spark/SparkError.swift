/// The one error type of the Spark module: a job that cannot be rendered or sized, or a
/// status or annotation that cannot be read.
public struct SparkError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    /// A memory or CPU quantity Spark or Kubernetes would reject.
    case invalidQuantity = "spark.invalid-quantity"
    /// A pod larger than any Fargate vCPU/memory combination.
    case noFargateSize = "spark.no-fargate-size"
    /// A `CapacityProvisioned` annotation that is not `<n>vCPU <n>GB`.
    case invalidCapacity = "spark.invalid-capacity"
    /// A job whose fields contradict each other.
    case invalidJob = "spark.invalid-job"
  }

  public var code: Code
  /// Lowercase, without a trailing period.
  public var message: String
  /// What to do about it.
  public var remedy: String?

  public init(_ code: Code, _ message: String, remedy: String? = nil) {
    self.code = code
    self.message = message
    self.remedy = remedy
  }

  public var description: String {
    guard let remedy else { return message }
    return "\(message) (\(remedy))"
  }
}
