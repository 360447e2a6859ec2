/// Fargate's pod sizes, as AWS documents them for EKS ("Fargate Pod configuration"): the
/// vCPU and memory combinations a pod can get, what Fargate adds to every pod, and storage.
public enum FargateLimits {
  public static let maximumVCPU = 16
  public static let maximumMemoryGiB = 120
  /// Fargate adds this to every pod's memory request for the kubelet, kube-proxy and containerd.
  public static let componentsMiB = 256.0
  /// Ephemeral storage every pod gets without charge.
  public static let includedEphemeralStorageGiB = 20
  /// The most ephemeral storage a Fargate pod can have.
  public static let maximumEphemeralStorageGiB = 175

  /// One vCPU size and the memory sizes (GiB) that go with it.
  public struct Tier: Sendable, Equatable {
    public var vCPU: Double
    public var memoryGiB: [Double]
  }

  /// Every combination, smallest first.
  public static let tiers: [Tier] = [
    Tier(vCPU: 0.25, memoryGiB: [0.5, 1, 2]),
    Tier(vCPU: 0.5, memoryGiB: steps(1, 4, by: 1)),
    Tier(vCPU: 1, memoryGiB: steps(2, 8, by: 1)),
    Tier(vCPU: 2, memoryGiB: steps(4, 16, by: 1)),
    Tier(vCPU: 4, memoryGiB: steps(8, 30, by: 1)),
    Tier(vCPU: 8, memoryGiB: steps(16, 60, by: 4)),
    Tier(vCPU: 16, memoryGiB: steps(32, 120, by: 8)),
  ]

  private static func steps(_ low: Int, _ high: Int, by step: Int) -> [Double] {
    stride(from: low, through: high, by: step).map(Double.init)
  }
}
