extension EKSCluster {
  /// The control plane's log setup (`logging` in CreateCluster, DescribeCluster and
  /// UpdateClusterConfig): groups of log types, each on or off.
  public struct Logging: Codable, Sendable, Hashable {
    public struct Setup: Codable, Sendable, Hashable {
      public var types: [String]
      public var enabled: Bool

      public init(types: [String], enabled: Bool) {
        self.types = types
        self.enabled = enabled
      }
    }

    /// Every control-plane log type EKS knows.
    public static let allTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

    public var clusterLogging: [Setup]

    public init(clusterLogging: [Setup]) {
      self.clusterLogging = clusterLogging
    }

    /// `enabled` on, every other type explicitly off (EKS keeps unlisted types as they were).
    public init(enabled: [String]) {
      let off = Self.allTypes.filter { !enabled.contains($0) }
      clusterLogging =
        [Setup(types: enabled, enabled: true)] + (off.isEmpty ? [] : [Setup(types: off, enabled: false)])
    }

    /// The types switched on, sorted.
    public var enabledTypes: [String] {
      clusterLogging.filter(\.enabled).flatMap(\.types).sorted()
    }
  }
}
