import AWS
import Foundation
import HTTP
import Testing

@Suite("User-Agent as the sandbox sees it", .enabled(if: Sandbox.isAvailable))
struct UserAgentIntegrationTests {
  @Test("the sandbox's request log shows eks-spark/<version> with the SDK-style fields")
  func requestLogShowsUserAgent() async throws {
    let version = "9.9.9-" + Sandbox.unique("ua")
    let configuration = AWSConfiguration(
      settings: AWSSettings(applicationVersion: version), environment: Sandbox.environment)
    _ = try await STSClient(configuration: configuration).getCallerIdentity()
    let log = try await Sandbox.control(.get, "/requests")
    struct Log: Decodable {
      struct Entry: Decodable {
        var operation: String
        var userAgent: String
        enum CodingKeys: String, CodingKey {
          case operation
          case userAgent = "user_agent"
        }
      }
      var requests: [Entry]
    }
    let entries = try JSONDecoder().decode(Log.self, from: Data(log.body)).requests
    let ours = try #require(entries.last { $0.userAgent.hasPrefix("eks-spark/\(version) ") })
    #expect(ours.operation == "GetCallerIdentity")
    #expect(ours.userAgent.hasPrefix("eks-spark/\(version) ua/2.0 api/sts os/linux#"))
  }
}
