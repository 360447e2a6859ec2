import FoundationEssentials
import HTTP

/// A bearer token for an EKS cluster's API server, as `aws eks get-token` makes it:
/// `k8s-aws-v1.` + base64url (no padding) of a presigned STS GetCallerIdentity URL that
/// signs the `x-k8s-aws-id: <cluster>` header and expires after 60 seconds.
public struct EKSToken: Sendable, Hashable {
  public var token: String
  /// When kubectl should ask again: 14 minutes after signing, before the server's
  /// 15-minute limit.
  public var expiration: Date

  public static let defaultAPIVersion = "client.authentication.k8s.io/v1beta1"

  /// The ExecCredential kubectl reads from a credential plugin, field for field as the
  /// AWS CLI prints it.
  public func execCredentialJSON(apiVersion: String = EKSToken.defaultAPIVersion) -> String {
    """
    {
        "kind": "ExecCredential",
        "apiVersion": "\(apiVersion)",
        "spec": {},
        "status": {
            "expirationTimestamp": "\(Timestamp.iso8601(expiration))",
            "token": "\(token)"
        }
    }
    """
  }

  /// The apiVersion kubectl asked for in `KUBERNETES_EXEC_INFO`, else v1beta1.
  public static func apiVersion(execInfo: String?) -> String {
    struct ExecInfo: Decodable { var apiVersion: String? }
    guard let execInfo, !execInfo.isEmpty,
      let info = try? JSONDecoder().decode(ExecInfo.self, from: Data(execInfo.utf8)),
      let version = info.apiVersion,
      !version.isEmpty
    else { return defaultAPIVersion }
    return version
  }
}

/// Makes EKS tokens. Signing is local; only `roleARN` costs a network call (AssumeRole).
public struct EKSTokenGenerator: Sendable {
  public static let prefix = "k8s-aws-v1."
  public static let urlExpiry = 60
  public static let tokenLifetime: Double = 14 * 60
  let configuration: AWSConfiguration

  public init(configuration: AWSConfiguration) {
    self.configuration = configuration
  }

  /// - Throws: `AWSError` when no region is configured (`aws eks get-token` refuses too:
  ///   the token is signed for one region's STS, and guessing one signs for the wrong
  ///   partition or an endpoint the cluster's network may not reach).
  public func token(clusterName: String, roleARN: String? = nil) async throws -> EKSToken {
    _ = try configuration.region()
    let stsConfiguration = configuration
    let sts = try STSClient(configuration: stsConfiguration)
    var credentials = try await stsConfiguration.credentials.credentials()
    if let roleARN {
      credentials = try await sts.assumeRole(
        roleARN: roleARN, sessionName: "EKSGetTokenAuth-\(Int(configuration.clock().timeIntervalSince1970))"
      ).credentials
    }
    let now = configuration.clock()
    let url = sts.presignedGetCallerIdentity(
      credentials: credentials, signedHeaders: ["x-k8s-aws-id": clusterName], expires: Self.urlExpiry,
      date: now)
    return EKSToken(
      token: Self.prefix + Self.base64URL(Array(url.utf8)),
      expiration: Date(timeIntervalSince1970: (now.timeIntervalSince1970 + Self.tokenLifetime).rounded(.down))
    )
  }

  /// RFC 4648 §5 base64url without padding.
  static func base64URL(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 4 / 3 + 3)
    var index = 0
    while index + 2 < bytes.count {
      let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      out += [
        alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)],
        alphabet[Int(n & 63)],
      ]
      index += 3
    }
    let rest = bytes.count - index
    if rest == 1 {
      let n = UInt32(bytes[index]) << 16
      out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
    } else if rest == 2 {
      let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
      out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
    }
    return String(decoding: out, as: UTF8.self)
  }
}
