/// How an `HTTPClient` connects: timeouts, TLS trust and identity, proxy, tracing.
public struct HTTPClientConfiguration: Sendable {
  /// Seconds to establish a connection (TCP and TLS).
  public var connectTimeout: Double = 10
  /// Seconds for a whole exchange; `0` means no limit. Requests may override it.
  public var totalTimeout: Double = 60
  /// PEM CA certificates to trust instead of the system store (EKS hands the cluster CA
  /// as base64 PEM).
  public var caPEM: [UInt8]?
  /// A PEM CA bundle file to trust instead of the system store (`AWS_CA_BUNDLE`); libcurl
  /// reads it when it connects, so requests do not each carry a copy.
  public var caFile: String?
  /// PEM client certificate and key for mutual TLS.
  public var clientCertificatePEM: [UInt8]?
  public var clientKeyPEM: [UInt8]?
  /// Skip certificate verification (only for `insecure-skip-tls-verify` kubeconfigs).
  public var insecureSkipVerify = false
  /// The proxy for https and http URLs and the hosts that bypass it.
  public var proxy: ProxySettings = ProxySettings()
  /// Receives masked trace lines when set (`--debug`).
  public var trace: HTTPTraceSink?

  public init() {}

  /// The defaults, with the proxy taken from the environment.
  public static func fromEnvironment(_ environment: [String: String]) -> HTTPClientConfiguration {
    var configuration = HTTPClientConfiguration()
    configuration.proxy = ProxySettings(environment: environment)
    return configuration
  }
}

/// Proxy settings in the curl/AWS SDK convention: `HTTPS_PROXY` for https URLs,
/// `HTTP_PROXY` for http URLs, `NO_PROXY` hosts go direct. Upper and lower case both count.
public struct ProxySettings: Sendable, Hashable {
  public var httpsProxy: String?
  public var httpProxy: String?
  public var noProxy: String?

  public init(httpsProxy: String? = nil, httpProxy: String? = nil, noProxy: String? = nil) {
    self.httpsProxy = httpsProxy
    self.httpProxy = httpProxy
    self.noProxy = noProxy
  }

  public init(environment: [String: String]) {
    func value(_ name: String) -> String? {
      let found = environment[name] ?? environment[name.lowercased()]
      return found?.isEmpty == false ? found : nil
    }
    self.init(
      httpsProxy: value("HTTPS_PROXY"), httpProxy: value("HTTP_PROXY"), noProxy: value("NO_PROXY"))
  }

  /// The proxy for a URL, or nil for a direct connection (the no-proxy check itself is
  /// left to libcurl via CURLOPT_NOPROXY).
  func proxy(for url: String) -> String? {
    url.lowercased().hasPrefix("https:") ? httpsProxy : httpProxy
  }
}
