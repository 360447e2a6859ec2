/// What one driver or executor pod asks Fargate for, and the size Fargate gives it.
public struct SparkPodSizing: Sendable, Equatable {
  /// The vCPU request in millicores (`coreRequest`, or `cores`).
  public var millicores: Int
  /// Spark's `memory`.
  public var memoryMiB: Double
  /// `memoryOverhead`, or Spark's rule for it.
  public var overheadMiB: Double
  /// memory + overhead + Fargate's 256 MiB: what Fargate sizes the pod by.
  public var requestMiB: Double
  /// The Fargate combination the pod runs on.
  public var size: FargatePodSize
  /// Ephemeral storage the pod asks for (20 GiB when it does not say).
  public var ephemeralStorageGiB: Int

  /// Sizes `pod` of a job of language `type`.
  public init(pod: SparkPodSpec, type: SparkApplicationType) throws(SparkError) {
    let memory = try Self.memory(pod.memory, what: "memory")
    let overhead: Double
    if let text = pod.memoryOverhead {
      overhead = try Self.memory(text, what: "memoryOverhead")
    } else {
      overhead = SparkQuantities.defaultOverheadMiB(
        memoryMiB: memory, type: type, factor: pod.memoryOverheadFactor)
    }
    var millicores = pod.cores * 1000
    if let text = pod.coreRequest {
      guard let value = SparkQuantities.cpuMillicores(text) else {
        throw SparkError(
          .invalidQuantity, "coreRequest \"\(text)\" is not a CPU quantity", remedy: "write 1, 0.5 or 500m")
      }
      millicores = value
    }
    self.millicores = millicores
    memoryMiB = memory
    overheadMiB = overhead
    requestMiB = memory + overhead + FargateLimits.componentsMiB
    size = try FargatePodSize.smallest(millicores: millicores, memoryMiB: requestMiB)
    ephemeralStorageGiB = pod.ephemeralStorageGiB ?? FargateLimits.includedEphemeralStorageGiB
  }

  private static func memory(_ text: String, what: String) throws(SparkError) -> Double {
    switch SparkQuantities.memoryMiB(text) {
    case .success(let mebibytes): return mebibytes
    case .failure:
      throw SparkError(
        .invalidQuantity, "\(what) \"\(text)\" is not a size Spark accepts", remedy: "write 512m or 2g")
    }
  }
}
