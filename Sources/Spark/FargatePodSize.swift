/// A Fargate compute configuration: what a pod is given and billed for.
public struct FargatePodSize: Sendable, Hashable, CustomStringConvertible {
  public var vCPU: Double
  public var memoryGiB: Double

  public init(vCPU: Double, memoryGiB: Double) {
    self.vCPU = vCPU
    self.memoryGiB = memoryGiB
  }

  /// The smallest combination with at least `millicores` and `memoryMiB` (the pod's
  /// request, Fargate's 256 MiB already included), as Fargate rounds up.
  public static func smallest(millicores: Int, memoryMiB: Double) throws(SparkError) -> FargatePodSize {
    let memoryGiB = memoryMiB / 1024
    for tier in FargateLimits.tiers where tier.vCPU * 1000 >= Double(millicores) {
      if let memory = tier.memoryGiB.first(where: { $0 >= memoryGiB }) {
        return FargatePodSize(vCPU: tier.vCPU, memoryGiB: memory)
      }
    }
    throw SparkError(
      .noFargateSize,
      "no Fargate pod has \(SparkQuantities.vCPUText(millicores)) vCPU and \(Self.number(memoryGiB)) GiB: the largest is \(FargateLimits.maximumVCPU) vCPU with \(FargateLimits.maximumMemoryGiB) GiB",
      remedy: "use smaller executors and more of them")
  }

  /// Reads Fargate's `CapacityProvisioned` annotation (`0.25vCPU 0.5GB`, `2vCPU 4GB`).
  public init(capacityProvisioned text: String) throws(SparkError) {
    let parts = text.split(separator: " ")
    guard parts.count == 2, parts[0].hasSuffix("vCPU"), parts[1].hasSuffix("GB"),
      let vCPU = Double(parts[0].dropLast(4)), let memory = Double(parts[1].dropLast(2)), vCPU > 0, memory > 0
    else {
      throw SparkError(
        .invalidCapacity, "capacity \"\(text)\" is not Fargate's <vCPU>vCPU <memory>GB",
        remedy: "read the CapacityProvisioned annotation of a pod Fargate ran")
    }
    self.init(vCPU: vCPU, memoryGiB: memory)
  }

  /// `0.25vCPU 0.5GB`: the annotation's own spelling.
  public var description: String {
    "\(Self.number(vCPU))vCPU \(Self.number(memoryGiB))GB"
  }

  /// `0.25`, `2`, `1.5`: no trailing `.0`, at most two decimals.
  static func number(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    if hundredths % 100 == 0 { return String(hundredths / 100) }
    let text = String(Double(hundredths) / 100)
    return text
  }
}
