import Config

/// Learns the caller's public IPv4 address from a "what is my IP" service, for the
/// preflight warning. Never fails the command: no network, a custom AWS endpoint (a
/// local or private endpoint says nothing about the path to the real cluster) or an odd
/// answer only skip the check.
public struct PublicAddressProbe: Sendable {
  /// What the lookup found.
  public enum Outcome: Sendable, Hashable {
    case address(String)
    /// The check does not apply here.
    case skipped(String)
    /// The service could not be reached or answered something else.
    case unknown(String)
  }

  public static let defaultURL = "https://checkip.amazonaws.com/"

  /// An HTTP GET of a URL: its status and body text. The executable supplies it (this
  /// module makes no HTTP calls of its own), tests a fake.
  public typealias Fetch = @Sendable (_ url: String) async throws -> (status: Int, body: String)

  let fetch: Fetch?
  let url: String
  let environment: [String: String]

  /// - Parameter fetch: nil never looks anything up (the check is skipped).
  public init(fetch: Fetch?, environment: [String: String], url: String = PublicAddressProbe.defaultURL) {
    self.fetch = fetch
    self.environment = environment
    self.url = url
  }

  public func lookup() async -> Outcome {
    if let endpoint = environment["AWS_ENDPOINT_URL"], !endpoint.isEmpty {
      return .skipped("AWS_ENDPOINT_URL is set (\(endpoint))")
    }
    if environment["EKS_SPARK_SKIP_IP_CHECK"] == "1" { return .skipped("EKS_SPARK_SKIP_IP_CHECK=1") }
    guard let fetch else { return .skipped("no network access configured") }
    do {
      let response = try await fetch(url)
      let text = response.body.filter { !$0.isWhitespace }
      guard response.status == 200, CIDRBlock(address: text) != nil else {
        return .unknown("\(url) answered HTTP \(response.status)")
      }
      return .address(text)
    } catch {
      return .unknown("\(url) unreachable")
    }
  }
}
