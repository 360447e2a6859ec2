import FoundationEssentials

/// How much of Fargate one pod used: the size it was provisioned with (its
/// `CapacityProvisioned` annotation) and the time Fargate bills, from the start of the image
/// pull to the pod's end, in whole seconds, at least a minute.
public struct FargatePodUsage: Sendable, Equatable {
  public static let minimumBilledSeconds = 60

  public var size: FargatePodSize
  public var billedSeconds: Int
  public var ephemeralStorageGiB: Int

  public init(size: FargatePodSize, billedSeconds: Int, ephemeralStorageGiB: Int = 20) {
    self.size = size
    self.billedSeconds = billedSeconds
    self.ephemeralStorageGiB = ephemeralStorageGiB
  }

  /// The billed time between `start` and `end`, rounded up to the second, at least a minute.
  public static func billedSeconds(from start: Date, to end: Date) -> Int {
    max(minimumBilledSeconds, Int(end.timeIntervalSince(start).rounded(.up)))
  }

  /// The usage of a finished pod; nil while it runs or when Fargate never provisioned it
  /// (no annotation: it never left Pending, and Fargate billed nothing).
  public init?(pod: SparkPodObservation, ephemeralStorageGiB: Int = 20) throws(SparkError) {
    guard let capacity = pod.capacityProvisioned, let end = pod.finishedAt,
      let start = pod.imagePullStartedAt ?? pod.scheduledAt ?? pod.startedAt
    else { return nil }
    self.init(
      size: try FargatePodSize(capacityProvisioned: capacity),
      billedSeconds: Self.billedSeconds(from: start, to: end), ephemeralStorageGiB: ephemeralStorageGiB)
  }
}
