import FoundationEssentials
import HTTP

/// AWS Signature Version 4, for headers (`Authorization`) and presigned URLs.
///
/// The signer is a value: service, region and rules go in, a signed request comes out. The
/// time is always passed in, so tests and clock-skew correction control it.
public struct SigV4Signer: Sendable {
  /// How a service wants its requests signed.
  public struct Rules: Sendable, Hashable {
    /// Remove `.`/`..` segments and repeated slashes before signing (every service but S3).
    public var normalizePath = true
    /// Percent-encode the (already encoded) path once more (every service but S3).
    public var encodePath = true
    /// Send and sign `x-amz-content-sha256` (S3 requires it).
    public var signBodyHeader = false
    /// Add the session token after signing instead of signing it (a few services ask
    /// for this; the SigV4 test suite covers it).
    public var omitSessionToken = false

    public init(
      normalizePath: Bool = true, encodePath: Bool = true, signBodyHeader: Bool = false,
      omitSessionToken: Bool = false
    ) {
      self.normalizePath = normalizePath
      self.encodePath = encodePath
      self.signBodyHeader = signBodyHeader
      self.omitSessionToken = omitSessionToken
    }

    /// The rules S3 documents: no normalisation, no double encoding, payload hash header.
    public static let s3 = Rules(normalizePath: false, encodePath: false, signBodyHeader: true)
  }

  /// The intermediate texts, for tests and `--debug`.
  public struct Signature: Sendable, Hashable {
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String
  }

  public static let unsignedPayload = "UNSIGNED-PAYLOAD"
  static let algorithm = "AWS4-HMAC-SHA256"

  public var service: String
  public var region: String
  public var rules: Rules

  public init(service: String, region: String, rules: Rules = Rules()) {
    self.service = service
    self.region = region
    self.rules = rules
  }

  /// Signs `request` in place with an `Authorization` header.
  /// - Parameter payloadHash: the hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`; computed
  ///   from the body when nil.
  @discardableResult
  public func sign(
    _ request: inout HTTPRequest, credentials: AWSCredentials, date: Date, payloadHash: String? = nil
  ) -> Signature {
    let amzDate = Timestamp.amzDate(date)
    let hash = payloadHash ?? Crypto.hex(Crypto.sha256(request.body))
    if let token = credentials.sessionToken { request.headers["X-Amz-Security-Token"] = token }
    request.headers["X-Amz-Date"] = amzDate
    if rules.signBodyHeader { request.headers["x-amz-content-sha256"] = hash }

    let url = HTTPURL(request.url)
    var excluded: Set<String> = []
    if rules.omitSessionToken { excluded.insert("x-amz-security-token") }
    let headers = canonicalHeaders(request.headers, url: url, excluding: excluded)
    let canonical = canonicalRequest(
      method: request.method.rawValue, url: url, query: canonicalQuery(url?.query, extra: []),
      headers: headers, payloadHash: hash)
    let result = signature(canonicalRequest: canonical, amzDate: amzDate, secret: credentials.secretAccessKey)
    request.headers["Authorization"] =
      "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(amzDate)), "
      + "SignedHeaders=\(headers.signed), Signature=\(result.signature)"
    return result
  }

  /// Returns a presigned copy of `request`: the signature travels in the query string and
  /// is valid for `expires` seconds.
  /// - Parameter payloadHash: `UNSIGNED-PAYLOAD` for S3; the body's hash when nil.
  public func presign(
    _ request: HTTPRequest, credentials: AWSCredentials, date: Date, expires: Int, payloadHash: String? = nil
  ) -> (request: HTTPRequest, signature: Signature) {
    let amzDate = Timestamp.amzDate(date)
    let hash = payloadHash ?? Crypto.hex(Crypto.sha256(request.body))
    let url = HTTPURL(request.url)
    let headers = canonicalHeaders(request.headers, url: url, excluding: [])
    var parameters: [(String, String)] = [
      ("X-Amz-Algorithm", Self.algorithm),
      ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(amzDate))"),
      ("X-Amz-Date", amzDate),
      ("X-Amz-SignedHeaders", headers.signed),
      ("X-Amz-Expires", String(expires)),
    ]
    let token = credentials.sessionToken.map { ("X-Amz-Security-Token", $0) }
    if let token, !rules.omitSessionToken { parameters.append(token) }
    let canonical = canonicalRequest(
      method: request.method.rawValue, url: url, query: canonicalQuery(url?.query, extra: parameters),
      headers: headers, payloadHash: hash)
    let result = signature(canonicalRequest: canonical, amzDate: amzDate, secret: credentials.secretAccessKey)
    if let token, rules.omitSessionToken { parameters.append(token) }
    parameters.append(("X-Amz-Signature", result.signature))

    var signed = request
    let separator = request.url.contains("?") ? "&" : "?"
    signed.url = request.url + separator + PercentEncoding.query(parameters)
    return (signed, result)
  }

  func scope(_ amzDate: String) -> String {
    "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
  }

  func signature(canonicalRequest: String, amzDate: String, secret: String) -> Signature {
    let stringToSign = [
      Self.algorithm, amzDate, scope(amzDate), Crypto.hex(Crypto.sha256(canonicalRequest)),
    ].joined(separator: "\n")
    var key = Crypto.hmacSHA256(key: Array("AWS4\(secret)".utf8), String(amzDate.prefix(8)))
    key = Crypto.hmacSHA256(key: key, region)
    key = Crypto.hmacSHA256(key: key, service)
    key = Crypto.hmacSHA256(key: key, "aws4_request")
    let signature = Crypto.hex(Crypto.hmacSHA256(key: key, stringToSign))
    return Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
  }
}
