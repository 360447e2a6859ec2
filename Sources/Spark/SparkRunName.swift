/// Run names: every submit of a job is a new SparkApplication named `<job>-<8 hex>`.
public enum SparkRunName {
  public static let suffixLength = 8
  /// The operator names the driver pod `<run>-driver`, and a pod name has at most 63
  /// characters, so a job submitted as runs has at most 63 - 7 - 9 = 47.
  public static let maximumJobNameLength = 63 - "-driver".count - (suffixLength + 1)

  /// `pi-7f3a9c2e`.
  public static func make(job: String, suffix: String) throws(SparkError) -> String {
    guard job.count <= maximumJobNameLength else {
      throw SparkError(
        .invalidJob,
        "job name \"\(job)\" is too long for runs: its driver pods would be named <name>-<\(suffixLength) hex>-driver, over 63 characters",
        remedy: "shorten the job name to at most \(maximumJobNameLength) characters")
    }
    return "\(job)-\(suffix)"
  }

  /// Eight lowercase hex digits from `generator` (injected, so tests choose it).
  public static func randomSuffix(using generator: inout some RandomNumberGenerator) -> String {
    let value = generator.next() & 0xFFFF_FFFF
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: suffixLength - hex.count) + hex
  }
}
