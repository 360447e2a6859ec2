import FoundationEssentials
import HTTP
import Synchronization

/// Sends one service's operations: builds the URL, signs, retries in the standard mode,
/// corrects clock skew, and turns error answers into `AWSError`. The typed clients
/// (`EKSClient`, `IAMClient`…) sit on top of it.
public final class AWSClient: Sendable {
  public let service: AWSService
  public let configuration: AWSConfiguration
  public let endpoint: AWSEndpoint
  let signer: SigV4Signer
  let userAgent: String
  let quota = RetryQuota()
  /// Seconds to add to the local clock, learnt from the server's Date header.
  let clockOffset = Mutex<Double>(0)

  public init(service: AWSService, configuration: AWSConfiguration) throws {
    self.service = service
    self.configuration = configuration
    endpoint = try configuration.endpoint(for: service)
    signer = SigV4Signer(
      service: service.signingName, region: endpoint.signingRegion,
      rules: service.wireProtocol == .restXML ? .s3 : SigV4Signer.Rules())
    userAgent = AWSUserAgent.value(version: configuration.settings.applicationVersion, serviceID: service.id)
  }

  /// One operation's request, relative to the endpoint.
  struct Operation: Sendable {
    var name: String
    var method: HTTPMethod = .post
    /// Percent-encoded path, starting with `/`.
    var path = "/"
    var query: [(String, String)] = []
    var headers: HTTPHeaders = [:]
    var body: [UInt8] = []
    /// S3 virtual-hosted bucket: prefixed to the host unless path-style applies.
    var hostLabel: String?
    var payloadHash: String?
    /// HTTP statuses that are answers, not errors (S3 HEAD 404 for "absent").
    var acceptedStatuses: Set<Int> = []
    /// False for the few calls that take no credentials (AssumeRoleWithWebIdentity).
    var signed = true
    /// False for a create without an idempotency token (EC2's CreateVpc): sending it again
    /// after it may have reached AWS (a timeout, a lost connection) can make a second
    /// resource, so only errors that prove it never left are retried here; the caller
    /// looks for what it created before trying again.
    var idempotent = true
  }

  func url(for operation: Operation) -> String {
    var url = endpoint.url
    url.path += operation.path
    if url.path.isEmpty { url.path = "/" }
    if let label = operation.hostLabel { url.host = "\(label).\(url.host)" }
    if !operation.query.isEmpty {
      url.query = operation.query.map {
        $0.1.isEmpty
          ? PercentEncoding.encode($0.0) : "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))"
      }.joined(separator: "&")
    }
    return url.string
  }

  var now: Date { configuration.clock() + clockOffset.withLock { $0 } }

  /// Sends with retries; returns a 2xx (or accepted) response, throws `AWSError` otherwise.
  func send(_ operation: Operation) async throws -> HTTPResponse {
    let maxAttempts = configuration.maxAttempts
    var attempt = 0
    var spent: Int?
    while true {
      var request = HTTPRequest(
        method: operation.method, url: url(for: operation), headers: operation.headers, body: operation.body)
      request.isIdempotent = operation.idempotent
      // Not signed (as in the SDKs): proxies may rewrite it.
      request.headers["User-Agent"] = userAgent
      if operation.signed {
        let credentials = try await configuration.credentials.credentials()
        signer.sign(&request, credentials: credentials, date: now, payloadHash: operation.payloadHash)
      }
      let response: HTTPResponse
      do {
        response = try await configuration.transport.send(request)
      } catch let error as HTTPError {
        if error.isTransient, operation.idempotent || !error.mayHaveReachedServer, attempt + 1 < maxAttempts,
          let cost = quota.acquire(timeout: error.code == .timedOut)
        {
          spent = cost
          try await configuration.retry.sleep(configuration.retry.backoff(attempt: attempt))
          attempt += 1
          continue
        }
        throw AWSError(
          kind: .transport, service: service.id, operation: operation.name, code: error.code.rawValue,
          message: error.message, cause: error, remedy: error.remedy)
      }
      if (200..<300).contains(response.status) || operation.acceptedStatuses.contains(response.status) {
        quota.release(spent ?? 1)
        return response
      }
      let error = decodeError(response, operation: operation.name)
      var retryable =
        RetryPolicy.throttlingCodes.contains(error.code) || RetryPolicy.transientCodes.contains(error.code)
        || RetryPolicy.transientStatuses.contains(response.status) || response.status == 429
      if RetryPolicy.clockSkewCodes.contains(error.code), let skew = skew(response) {
        clockOffset.withLock { $0 = skew }
        retryable = true
      }
      if retryable, attempt + 1 < maxAttempts, let cost = quota.acquire(timeout: false) {
        spent = cost
        try await configuration.retry.sleep(configuration.retry.backoff(attempt: attempt))
        attempt += 1
        continue
      }
      throw error
    }
  }

  /// The server's clock minus ours, when it is off by more than a minute.
  func skew(_ response: HTTPResponse) -> Double? {
    guard let header = response.headers["Date"], let server = Timestamp.parseHTTPDate(header) else {
      return nil
    }
    let difference = server.timeIntervalSince(configuration.clock())
    return abs(difference - clockOffset.withLock { $0 }) > 60 ? difference : nil
  }
}
