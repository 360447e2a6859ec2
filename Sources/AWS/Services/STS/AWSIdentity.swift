/// Who the configured credentials are, and where they came from (`eks-spark whoami`, and
/// the account check before any write).
public struct AWSIdentity: Sendable {
  public struct Result: Sendable, Hashable, Codable {
    public var account: String
    public var arn: String
    public var userID: String
    public var credentialSource: String

    enum CodingKeys: String, CodingKey {
      case account, arn
      case userID = "userId"
      case credentialSource
    }
  }

  let configuration: AWSConfiguration

  public init(configuration: AWSConfiguration) {
    self.configuration = configuration
  }

  public func whoami() async throws -> Result {
    let stsConfiguration = configuration.with(
      credentials: configuration.credentials, defaultRegion: "us-east-1")
    let credentials = try await stsConfiguration.credentials.credentials()
    let identity = try await STSClient(configuration: stsConfiguration).getCallerIdentity()
    return Result(
      account: identity.account, arn: identity.arn, userID: identity.userID,
      credentialSource: credentials.source)
  }
}
