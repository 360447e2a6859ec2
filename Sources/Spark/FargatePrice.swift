/// Fargate's on-demand Linux/x86 prices in one region (docs/fargate-pricing.md says where
/// and when they were read).
public struct FargatePrice: Sendable, Equatable {
  public var region: String
  /// USD per vCPU-hour.
  public var perVCPUHour: Double
  /// USD per GB-hour of memory.
  public var perGBHour: Double
  /// USD per GB-hour of ephemeral storage above the included 20 GiB.
  public var perStorageGBHour: Double

  public init(region: String, perVCPUHour: Double, perGBHour: Double, perStorageGBHour: Double) {
    self.region = region
    self.perVCPUHour = perVCPUHour
    self.perGBHour = perGBHour
    self.perStorageGBHour = perStorageGBHour
  }

  /// The day the table below was read, as docs/fargate-pricing.md records it.
  public static let readOn = "2026-12-04"

  /// Only prices read from a source are listed; a region missing here has no estimate
  /// (a wrong price would be worse than none). See docs/fargate-pricing.md.
  public static let table: [FargatePrice] = [
    FargatePrice(region: "us-east-1", perVCPUHour: 0.04048, perGBHour: 0.004445, perStorageGBHour: 0.000111)
  ]

  /// The price in `region`, or nil when the table has none.
  public static func of(region: String) -> FargatePrice? {
    table.first { $0.region == region }
  }

  /// What one pod of `size` costs per hour, with `ephemeralStorageGiB` of storage.
  public func hourlyCost(_ size: FargatePodSize, ephemeralStorageGiB: Int = 20) -> Double {
    let extraStorage = max(0, ephemeralStorageGiB - FargateLimits.includedEphemeralStorageGiB)
    return size.vCPU * perVCPUHour + size.memoryGiB * perGBHour + Double(extraStorage) * perStorageGBHour
  }

  /// What a finished pod cost: its provisioned size for its billed time.
  public func cost(of usage: FargatePodUsage) -> Double {
    hourlyCost(usage.size, ephemeralStorageGiB: usage.ephemeralStorageGiB) * Double(usage.billedSeconds)
      / 3600
  }
}
