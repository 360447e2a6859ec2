/// Why an HTTP exchange failed before a response arrived.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Stable machine-readable codes.
  public enum Code: String, Sendable, Hashable {
    case invalidURL = "http.invalid-url"
    case couldNotResolve = "http.could-not-resolve"
    case couldNotConnect = "http.could-not-connect"
    case timedOut = "http.timed-out"
    case tls = "http.tls"
    case connectionLost = "http.connection-lost"
    case cancelled = "http.cancelled"
    case transport = "http.transport"
  }

  public var code: Code
  /// Lowercase, one line.
  public var message: String
  /// The URL with secrets masked.
  public var url: String
  /// libcurl's own number, when the failure came from libcurl.
  public var curlCode: Int?

  public init(code: Code, message: String, url: String, curlCode: Int? = nil) {
    self.code = code
    self.message = message
    self.url = url
    self.curlCode = curlCode
  }

  /// Whether repeating the request may succeed (the peer was never reached, or the
  /// connection broke).
  public var isTransient: Bool {
    switch code {
    case .couldNotResolve, .couldNotConnect, .timedOut, .connectionLost: true
    case .invalidURL, .tls, .cancelled, .transport: false
    }
  }

  /// Whether the request may have reached the server before the error (a timeout, a
  /// broken connection): a retry of a call that is not idempotent may then repeat it.
  public var mayHaveReachedServer: Bool {
    switch code {
    case .couldNotResolve, .couldNotConnect, .invalidURL, .tls, .cancelled: false
    case .timedOut, .connectionLost, .transport: true
    }
  }

  /// What a person can do about it.
  public var remedy: String {
    switch code {
    case .invalidURL: "check the endpoint URL"
    case .couldNotResolve: "check the host name, DNS, and proxy settings (HTTPS_PROXY, NO_PROXY)"
    case .couldNotConnect: "check that the endpoint is reachable and the port is open"
    case .timedOut: "the peer did not answer in time; check the network or raise the timeout"
    case .tls: "check the CA bundle and the server certificate's host name"
    case .connectionLost: "the connection broke; retrying usually helps"
    case .cancelled: "the request was cancelled"
    case .transport: "re-run with --debug to see the exchange"
    }
  }

  public var description: String { "\(code.rawValue): \(message) (\(url)); \(remedy)" }
}
