import FoundationEssentials

/// Anything that hands out AWS credentials.
public protocol CredentialProvider: Sendable {
  func credentials() async throws -> AWSCredentials
}

/// Fixed credentials (flags, tests).
public struct StaticCredentialProvider: CredentialProvider {
  public var value: AWSCredentials

  public init(_ value: AWSCredentials) { self.value = value }

  public func credentials() async throws -> AWSCredentials { value }
}

/// What one link of the chain found: credentials, or why it had none.
enum CredentialLookup: Sendable {
  case found(AWSCredentials)
  case absent(String)
}

/// One link of the default chain.
protocol CredentialSource: Sendable {
  /// A short name for the "tried" list.
  var name: String { get }
  /// `.absent` when this source is not configured; throws when it is configured but fails.
  func lookup() async throws -> CredentialLookup
}

/// The JSON shape of container, instance-metadata and credential_process answers.
struct CredentialDocument: Decodable {
  var AccessKeyId: String
  var SecretAccessKey: String
  var Token: String?
  var SessionToken: String?
  var Expiration: String?

  func credentials(source: String) -> AWSCredentials {
    AWSCredentials(
      accessKeyID: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: Token ?? SessionToken,
      expiration: Expiration.flatMap(Timestamp.parse), source: source)
  }

  static func decode(_ bytes: [UInt8], source: String) throws -> AWSCredentials {
    do {
      return try JSONDecoder().decode(CredentialDocument.self, from: Data(bytes)).credentials(source: source)
    } catch {
      throw AWSError.credentials(
        "\(source) answered with something that is not a credentials document", cause: error,
        remedy:
          "it must be JSON with AccessKeyId, SecretAccessKey and optionally Token/SessionToken and Expiration"
      )
    }
  }
}
