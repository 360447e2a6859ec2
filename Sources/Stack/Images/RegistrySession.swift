import AWS
import HTTP
import Images

/// One run's login to the account's ECR registry and the registry clients of a plan or an
/// apply: every image resource shares them, so GetAuthorizationToken is called once.
///
/// The registry's host comes from GetAuthorizationToken's `proxyEndpoint`
/// (`https://<account>.dkr.ecr.<region>.amazonaws.com`), which is also what
/// `${aws.ecrRegistry}` resolves to; an `http://` endpoint is spoken in plain HTTP.
public actor RegistrySession {
  /// The account's registry and the credentials it takes.
  public struct Login: Sendable, Hashable {
    /// `host[:port]`.
    public var registry: String
    public var plainHTTP: Bool
    public var credentials: RegistryCredentials
  }

  let ecr: ECRClient
  let transport: any HTTPTransport
  /// The blob cache and the builder's storage live under this folder.
  public nonisolated let cacheDirectory: String
  /// `PATH` and the rest of the builder's environment.
  nonisolated let environment: [String: String]
  private var login: Task<Login, any Error>?
  private var clients: [String: RegistryClient] = [:]

  public init(
    ecr: ECRClient, transport: any HTTPTransport = HTTPClient(), cacheDirectory: String,
    environment: [String: String]
  ) {
    self.ecr = ecr
    self.transport = transport
    self.cacheDirectory = cacheDirectory
    self.environment = environment
  }

  /// The cache folder a user's environment names: `$XDG_CACHE_HOME/eks-spark/images`, else
  /// `~/.cache/eks-spark/images`.
  public static func defaultCacheDirectory(environment: [String: String]) -> String {
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return "\(cache)/eks-spark/images" }
    return "\(environment["HOME"] ?? "/tmp")/.cache/eks-spark/images"
  }

  /// The account's registry login (asked of ECR once per session).
  public func ecrLogin() async throws -> Login {
    if let login { return try await login.value }
    let ecr = self.ecr
    let task = Task { try await Self.fetchLogin(ecr) }
    login = task
    do {
      return try await task.value
    } catch {
      // A failed login is asked again by the next caller rather than cached.
      login = nil
      throw error
    }
  }

  private static func fetchLogin(_ ecr: ECRClient) async throws -> Login {
    guard let authorization = try await ecr.getAuthorizationToken().first else {
      throw ImagesError(
        .unauthorized, "ECR returned no authorization data",
        remedy: "check the credentials' ecr:GetAuthorizationToken permission")
    }
    guard let endpoint = authorization.proxyEndpoint, !endpoint.isEmpty else {
      throw ImagesError(
        .unauthorized, "ECR's authorization data names no registry (proxyEndpoint is empty)",
        remedy: "check the ECR endpoint (AWS_ENDPOINT_URL_ECR)")
    }
    let plainHTTP = endpoint.hasPrefix("http://")
    var host = Substring(endpoint)
    for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host = host.dropFirst(scheme.count) }
    while host.hasSuffix("/") { host = host.dropLast() }
    return Login(
      registry: String(host), plainHTTP: plainHTTP, credentials: try RegistryCredentials.ecr(authorization))
  }

  /// Base images' manifests and configs, and the layers pushes need, by digest.
  public nonisolated var blobCache: BlobCache { BlobCache(root: "\(cacheDirectory)/blobs") }

  /// The named builder, or the first of buildah, podman, docker on `PATH`.
  /// - Throws: `ImagesError(.builderMissing)` naming what to install.
  public nonisolated func builder(named name: String?) throws -> ExternalBuilder {
    try ExternalBuilder.locate(
      named: name, runner: ProcessRunner(environment: environment), workDirectory: "\(cacheDirectory)/builder"
    )
  }

  /// The client for `registry`: the account's with ECR's login, any other anonymous over HTTPS.
  public func client(for registry: String) async throws -> RegistryClient {
    let login = try await ecrLogin()
    if let client = clients[registry] { return client }
    let client =
      registry == login.registry
      ? RegistryClient(
        registry: registry, transport: transport, credentials: login.credentials, plainHTTP: login.plainHTTP)
      : RegistryClient(registry: registry, transport: transport)
    clients[registry] = client
    return client
  }
}
