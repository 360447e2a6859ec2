/// Everything needed to talk to one API server: where it is, how to trust it, and who we
/// are. Built from EKS (`EKSConnectionResolver`) or from a kubeconfig context
/// (`KubeconfigConnectionResolver`); `KubernetesClient` takes it.
public struct KubernetesConnection: Sendable {
  /// The server's base URL (`https://host[:port]`), without a trailing slash.
  public var server: String
  /// PEM CA certificates to trust for the server; nil trusts the system store.
  public var caPEM: [UInt8]?
  public var insecureSkipTLSVerify: Bool
  public var clientCertificatePEM: [UInt8]?
  public var clientKeyPEM: [UInt8]?
  /// The bearer token source; nil for client certificates or anonymous access.
  public var credentials: (any BearerTokenProvider)?
  /// The proxy for this server (kubeconfig `proxy-url`); nil uses the environment's.
  public var proxyURL: String?
  /// The namespace for namespaced calls that name none (the context's, else `default`).
  public var defaultNamespace: String
  /// How messages name the cluster (`cluster spark`, `context kind-dev`).
  public var label: String

  public init(
    server: String, caPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
    clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
    credentials: (any BearerTokenProvider)? = nil, proxyURL: String? = nil,
    defaultNamespace: String = "default",
    label: String? = nil
  ) {
    var base = server
    while base.hasSuffix("/") { base.removeLast() }
    self.server = base
    self.caPEM = caPEM
    self.insecureSkipTLSVerify = insecureSkipTLSVerify
    self.clientCertificatePEM = clientCertificatePEM
    self.clientKeyPEM = clientKeyPEM
    self.credentials = credentials
    self.proxyURL = proxyURL
    self.defaultNamespace = defaultNamespace
    self.label = label ?? base
  }
}

/// A server reached some other way than DescribeCluster's endpoint (a tunnel, a proxy, a
/// port-forward), with the CA to trust for it. Users set it with `EKS_SPARK_KUBE_SERVER`
/// and `EKS_SPARK_KUBE_CA_FILE` (or `EKS_SPARK_KUBE_CA_DATA`, base64 PEM as EKS gives it).
public struct KubernetesServerOverride: Sendable, Hashable {
  public var server: String
  public var caPEM: [UInt8]?
  public var caFile: String?
  public var insecureSkipTLSVerify: Bool

  public init(
    server: String, caPEM: [UInt8]? = nil, caFile: String? = nil, insecureSkipTLSVerify: Bool = false
  ) {
    self.server = server
    self.caPEM = caPEM
    self.caFile = caFile
    self.insecureSkipTLSVerify = insecureSkipTLSVerify
  }

  /// The override the environment sets, or nil.
  public static func fromEnvironment(_ environment: [String: String]) throws(KubernetesError)
    -> KubernetesServerOverride?
  {
    guard let server = environment["EKS_SPARK_KUBE_SERVER"], !server.isEmpty else { return nil }
    var override = KubernetesServerOverride(server: server)
    if let file = environment["EKS_SPARK_KUBE_CA_FILE"], !file.isEmpty { override.caFile = file }
    if let data = environment["EKS_SPARK_KUBE_CA_DATA"], !data.isEmpty {
      guard let pem = Base64.decode(data) else {
        throw KubernetesError(
          .connection, "EKS_SPARK_KUBE_CA_DATA is not valid base64",
          remedy: "set it to the base64 PEM of the CA, as DescribeCluster's certificateAuthority.data")
      }
      override.caPEM = pem
    }
    override.insecureSkipTLSVerify = environment["EKS_SPARK_KUBE_INSECURE_SKIP_TLS_VERIFY"] == "true"
    return override
  }

  /// The CA bytes, reading `caFile` when that is how it was given.
  func resolvedCA(files: KubeconfigFiles) throws(KubernetesError) -> [UInt8]? {
    if let caPEM { return caPEM }
    guard let caFile else { return nil }
    guard let bytes = files.read(caFile) else {
      throw KubernetesError(
        .connection, "the CA file \(caFile) cannot be read", remedy: "check EKS_SPARK_KUBE_CA_FILE")
    }
    return bytes
  }
}
