import HTTP

/// Every failure of the AWS module: a service's error answer, missing or broken
/// credentials, bad configuration, or a transport failure after retries.
public struct AWSError: Error, Sendable, CustomStringConvertible {
  /// Stable eks-spark codes, for scripts and tests.
  public enum Kind: String, Sendable, Hashable {
    /// AWS answered with an error (see `code`).
    case service = "aws.service"
    /// No provider in the chain had credentials.
    case noCredentials = "aws.no-credentials"
    /// A configured credential source failed (bad profile, failing process, STS refused).
    case credentials = "aws.credentials"
    /// Region, profile, endpoint or file settings are wrong or missing.
    case configuration = "aws.configuration"
    /// The request never got an answer (after retries).
    case transport = "aws.transport"
    /// AWS answered with something eks-spark could not read.
    case decoding = "aws.decoding"
  }

  public var kind: Kind
  /// The service's id (`eks`, `iam`, `sts`…), when a request was involved.
  public var service: String?
  /// The API operation (`DescribeCluster`…).
  public var operation: String?
  /// AWS's error code (`AccessDenied`, `ThrottlingException`…), or eks-spark's own for
  /// local failures.
  public var code: String
  /// Lowercase summary, or AWS's message as AWS wrote it.
  public var message: String
  public var requestID: String?
  public var httpStatus: Int?
  /// The error underneath (an HTTPError, a file error…).
  public var cause: (any Error & Sendable)?
  /// What a person can do about it.
  public var remedy: String?

  public init(
    kind: Kind, service: String? = nil, operation: String? = nil, code: String, message: String,
    requestID: String? = nil, httpStatus: Int? = nil, cause: (any Error & Sendable)? = nil,
    remedy: String? = nil
  ) {
    self.kind = kind
    self.service = service
    self.operation = operation
    self.code = code
    self.message = message
    self.requestID = requestID
    self.httpStatus = httpStatus
    self.cause = cause
    self.remedy = remedy
  }

  static func configuration(_ message: String, remedy: String? = nil) -> AWSError {
    AWSError(kind: .configuration, code: "InvalidConfiguration", message: message, remedy: remedy)
  }

  static func credentials(_ message: String, cause: (any Error & Sendable)? = nil, remedy: String? = nil)
    -> AWSError
  {
    AWSError(kind: .credentials, code: "CredentialsError", message: message, cause: cause, remedy: remedy)
  }

  static func decoding(_ service: String, _ operation: String, _ message: String) -> AWSError {
    AWSError(
      kind: .decoding, service: service, operation: operation, code: "InvalidResponse", message: message,
      remedy: "re-run with --debug to see the response")
  }

  /// One line: where, what, and the request id for AWS support.
  /// Whether the call may have reached AWS and taken effect though no answer came back (a
  /// timeout, a broken connection): a create without an idempotency token must look for
  /// what it made before it is sent again.
  public var mayHaveTakenEffect: Bool {
    guard kind == .transport else { return false }
    return (cause as? HTTPError)?.mayHaveReachedServer ?? true
  }

  public var description: String {
    var text = kind.rawValue + ": "
    if let service, let operation { text += "\(service) \(operation): " }
    text += kind == .service ? "\(code): \(message)" : message
    if let httpStatus, kind == .service {
      text += " (HTTP \(httpStatus)" + (requestID.map { ", request id \($0)" } ?? "") + ")"
    }
    if let cause, kind != .service, kind != .transport { text += ": \(cause)" }
    if let remedy { text += "; \(remedy)" }
    return text
  }

  /// True for a "does not exist" answer, which readers of live state treat as absent.
  public var isNotFound: Bool {
    kind == .service
      && (Self.notFoundCodes.contains(code) || code.hasPrefix("InvalidVpcID.NotFound")
        || code.hasSuffix(".NotFound")
        || (httpStatus == 404 && code == "NotFound"))
  }

  static let notFoundCodes: Set<String> = [
    "NoSuchEntity", "ResourceNotFoundException", "NoSuchBucket", "NoSuchKey", "NotFound",
    "RepositoryNotFoundException", "NoSuchTagSet", "NoSuchPublicAccessBlockConfiguration",
    "ServerSideEncryptionConfigurationNotFoundError", "NoSuchUpload",
  ]
}
