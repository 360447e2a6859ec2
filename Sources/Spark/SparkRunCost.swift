/// What a run's pods actually cost: each finished pod's provisioned size for its billed time.
public struct SparkRunCost: Sendable, Equatable {
  /// USD, over the pods that finished on Fargate capacity.
  public var total: Double
  /// The usage of every pod that counted, by pod name.
  public var pods: [String: FargatePodUsage]
  /// Pods still running (or never provisioned): not in `total` yet.
  public var unfinished: [String]

  /// Prices the pods of a run; `ephemeralStorageGiB` is what the job gave each role (20 GiB
  /// when it says nothing).
  public init(
    pods observations: [SparkPodObservation], price: FargatePrice,
    ephemeralStorageGiB: [SparkPodObservation.Role: Int] = [:]
  ) throws(SparkError) {
    var total = 0.0
    var pods: [String: FargatePodUsage] = [:]
    var unfinished: [String] = []
    for pod in observations {
      let storage = ephemeralStorageGiB[pod.role] ?? FargateLimits.includedEphemeralStorageGiB
      guard let usage = try FargatePodUsage(pod: pod, ephemeralStorageGiB: storage) else {
        unfinished.append(pod.name)
        continue
      }
      pods[pod.name] = usage
      total += price.cost(of: usage)
    }
    self.total = total
    self.pods = pods
    self.unfinished = unfinished
  }

  /// Whether every pod has finished, so `total` is final.
  public var isFinal: Bool { unfinished.isEmpty }
}
