import FoundationEssentials

/// An AWS access key pair, with the session token and expiry temporary credentials have.
public struct AWSCredentials: Sendable, Hashable {
  public var accessKeyID: String
  public var secretAccessKey: String
  public var sessionToken: String?
  /// When temporary credentials stop working; nil for long-term keys.
  public var expiration: Date?
  /// Where they came from, for `whoami` and the debug trace (`environment`,
  /// `shared-credentials-file (profile dev)`, `assume-role`, `imds`…).
  public var source: String

  public init(
    accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
    source: String = "explicit"
  ) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.source = source
  }
}
