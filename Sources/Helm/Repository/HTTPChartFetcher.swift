import HTTP

/// Chart repository downloads over the project's libcurl client; `file://` URLs read from
/// disk. The executable's `helm template` and the cluster-side installer share it.
public struct HTTPChartFetcher: ChartFetcher {
  let client: HTTPClient

  /// A fetcher whose proxy and CA settings come from `environment` (as curl reads them).
  public init(environment: [String: String]) {
    var configuration = HTTPClientConfiguration.fromEnvironment(environment)
    configuration.totalTimeout = 120
    client = HTTPClient(configuration: configuration)
  }

  public func fetch(_ url: String) async throws -> [UInt8] {
    if url.hasPrefix("file://") { return try await LocalFileFetcher().fetch(url) }
    let response = try await client.send(HTTPRequest(url: url))
    guard (200..<300).contains(response.status) else {
      throw HelmError(
        .repository, "failed to fetch \(url) : \(response.status) \(Self.reason(response.status))",
        remedy: response.status == 404 ? "check the repository URL and the chart name" : nil)
    }
    return response.body
  }

  /// The reason phrase Go's net/http prints beside a status, as Helm's message has it.
  static func reason(_ status: Int) -> String {
    switch status {
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 500: "Internal Server Error"
    default: ""
    }
  }
}
