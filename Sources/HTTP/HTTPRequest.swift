/// One HTTP request as eks-spark sends it: an absolute URL (already percent-encoded),
/// headers, and an in-memory body.
public struct HTTPRequest: Sendable, Hashable {
  public var method: HTTPMethod
  /// The absolute URL, percent-encoded as it goes on the wire.
  public var url: String
  public var headers: HTTPHeaders
  public var body: [UInt8]
  /// Overrides the client's total timeout for this request (seconds); `0` means none,
  /// which streaming requests such as watches need.
  public var timeout: Double?
  /// False for a request that must not be sent twice (a create without an idempotency
  /// token): it goes on a fresh connection, since libcurl silently resends a request
  /// whose reused connection closed before any answer, and the first may have arrived.
  public var isIdempotent = true

  public init(
    method: HTTPMethod = .get, url: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
    timeout: Double? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable, Hashable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: [UInt8]

  public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The body decoded as UTF-8 (invalid sequences repaired).
  public var text: String { String(decoding: body, as: UTF8.self) }
}

/// The chunks of a response body as they arrive.
public typealias HTTPBodyStream = AsyncThrowingStream<[UInt8], any Error>

/// A response whose body is still arriving (watches, logs, large downloads).
public struct HTTPStreamingResponse: Sendable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: HTTPBodyStream

  public init(status: Int, headers: HTTPHeaders, body: HTTPBodyStream) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// Reads the rest of the body into one response.
  public func collect() async throws -> HTTPResponse {
    var bytes: [UInt8] = []
    for try await chunk in body { bytes.append(contentsOf: chunk) }
    return HTTPResponse(status: status, headers: headers, body: bytes)
  }
}

/// Anything that can carry an HTTP request: the libcurl client, or a test double.
public protocol HTTPTransport: Sendable {
  /// Sends the request and returns the whole response.
  func send(_ request: HTTPRequest) async throws -> HTTPResponse
  /// Sends the request and returns as soon as the response head has arrived.
  func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse
}

extension HTTPTransport {
  /// Transports that cannot stream deliver the whole body as one chunk.
  public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
    let response = try await send(request)
    let body = HTTPBodyStream { continuation in
      if !response.body.isEmpty { continuation.yield(response.body) }
      continuation.finish()
    }
    return HTTPStreamingResponse(status: response.status, headers: response.headers, body: body)
  }
}
