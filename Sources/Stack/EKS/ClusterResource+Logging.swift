import AWS
import Engine
import HTTP

/// Control-plane logging, which the EKS client's typed calls do not carry: DescribeCluster,
/// CreateCluster and UpdateClusterConfig are called through its REST protocol with the
/// `logging` field added.
extension ClusterResource {
  /// Every control-plane log type EKS knows.
  static let logTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  struct Logging: Codable, Hashable {
    struct Setup: Codable, Hashable {
      var types: [String]
      var enabled: Bool
    }
    var clusterLogging: [Setup]

    /// `enabled` on, every other type explicitly off (EKS keeps unlisted types as they were).
    init(enabled: [String]) {
      let off = ClusterResource.logTypes.filter { !enabled.contains($0) }
      clusterLogging =
        [Setup(types: enabled, enabled: true)] + (off.isEmpty ? [] : [Setup(types: off, enabled: false)])
    }

    var enabledTypes: [String] {
      clusterLogging.filter(\.enabled).flatMap(\.types).sorted()
    }
  }

  /// DescribeCluster, with the logging setup.
  struct Described: Decodable {
    let cluster: EKSCluster
    let logging: [String]

    private enum Keys: String, CodingKey { case cluster }
    private struct LoggingShape: Decodable { var logging: Logging? }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Keys.self)
      cluster = try container.decode(EKSCluster.self, forKey: .cluster)
      logging = try container.decode(LoggingShape.self, forKey: .cluster).logging?.enabledTypes ?? []
    }
  }

  func describe() async throws -> Described {
    try await eks.client.rest("DescribeCluster", .get, "/clusters/\(settings.name)", as: Described.self)
  }

  /// CreateCluster with the logging setup.
  func create(_ request: EKSCreateClusterRequest) async throws {
    struct Body: Encodable {
      var request: EKSCreateClusterRequest
      var logging: Logging

      enum Keys: String, CodingKey { case logging }

      func encode(to encoder: any Encoder) throws {
        try request.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(logging, forKey: .logging)
      }
    }
    _ = try await eks.client.rest(
      "CreateCluster", .post, "/clusters",
      body: Body(request: request, logging: Logging(enabled: settings.logging)),
      as: Described.self)
  }

  /// UpdateClusterConfig of the logging setup.
  func updateLogging() async throws -> EKSUpdate {
    struct Body: Encodable { var logging: Logging }
    struct Output: Decodable { var update: EKSUpdate }
    return try await eks.client.rest(
      "UpdateClusterConfig", .post, "/clusters/\(settings.name)/update-config",
      body: Body(logging: Logging(enabled: settings.logging)), as: Output.self
    ).update
  }
}
