import FoundationEssentials
import HTTP

/// The caller's identity as STS reports it.
public struct CallerIdentity: Sendable, Hashable, Codable {
  public var account: String
  public var arn: String
  public var userID: String
}

/// Temporary credentials from an AssumeRole call, with the assumed identity.
public struct AssumedRole: Sendable, Hashable {
  public var credentials: AWSCredentials
  public var assumedRoleARN: String?
  public var assumedRoleID: String?
}

/// AWS Security Token Service: identity, role assumption, and the presigned
/// GetCallerIdentity URL that EKS tokens are made of.
public struct STSClient: Sendable {
  public let client: AWSClient

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .sts, configuration: configuration)
  }

  public func getCallerIdentity() async throws -> CallerIdentity {
    let result = try await client.query("GetCallerIdentity")
    return CallerIdentity(
      account: try result.require("Account", "sts", "GetCallerIdentity"),
      arn: try result.require("Arn", "sts", "GetCallerIdentity"),
      userID: try result.require("UserId", "sts", "GetCallerIdentity"))
  }

  public func assumeRole(
    roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
    policy: String? = nil
  ) async throws -> AssumedRole {
    var parameters = QueryParameters()
    parameters["RoleArn"] = roleARN
    parameters["RoleSessionName"] = sessionName
    parameters["ExternalId"] = externalID
    parameters["DurationSeconds"] = durationSeconds.map(String.init)
    parameters["Policy"] = policy
    return try Self.assumed(try await client.query("AssumeRole", parameters), operation: "AssumeRole")
  }

  /// Needs no credentials: the OIDC token is the proof.
  public func assumeRoleWithWebIdentity(
    roleARN: String, sessionName: String, webIdentityToken: String, durationSeconds: Int? = nil
  ) async throws -> AssumedRole {
    var parameters = QueryParameters()
    parameters["RoleArn"] = roleARN
    parameters["RoleSessionName"] = sessionName
    parameters["WebIdentityToken"] = webIdentityToken
    parameters["DurationSeconds"] = durationSeconds.map(String.init)
    return try Self.assumed(
      try await client.query("AssumeRoleWithWebIdentity", parameters, signed: false),
      operation: "AssumeRoleWithWebIdentity")
  }

  static func assumed(_ result: XMLNode, operation: String) throws -> AssumedRole {
    guard let credentials = result.child("Credentials") else {
      throw AWSError.decoding("sts", operation, "the response has no Credentials")
    }
    return AssumedRole(
      credentials: AWSCredentials(
        accessKeyID: try credentials.require("AccessKeyId", "sts", operation),
        secretAccessKey: try credentials.require("SecretAccessKey", "sts", operation),
        sessionToken: credentials.string("SessionToken"),
        expiration: credentials.string("Expiration").flatMap(Timestamp.parse), source: "sts"),
      assumedRoleARN: result.string("AssumedRoleUser", "Arn"),
      assumedRoleID: result.string("AssumedRoleUser", "AssumedRoleId"))
  }

  /// A GetCallerIdentity URL signed in its query string, with extra signed headers (EKS
  /// tokens sign `x-k8s-aws-id: <cluster>`). Presigning is local: no request is sent.
  public func presignedGetCallerIdentity(
    credentials: AWSCredentials, signedHeaders: HTTPHeaders, expires: Int, date: Date
  ) -> String {
    var request = HTTPRequest(
      method: .get,
      url: client.url(
        for: AWSClient.Operation(
          name: "GetCallerIdentity",
          query: [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")])),
      headers: signedHeaders)
    request.headers.remove("Authorization")
    return client.signer.presign(request, credentials: credentials, date: date, expires: expires).request.url
  }
}
