import AWS
import FoundationEssentials

/// Supplies the bearer token for each request. Providers cache; after a 401 the client
/// calls `invalidate()` and asks once more, as client-go does for credential plugins.
public protocol BearerTokenProvider: Sendable {
  func token() async throws -> String
  func invalidate() async
}

/// A fixed token (kubeconfig `token`, a service account token).
public struct StaticTokenProvider: BearerTokenProvider {
  public let value: String

  public init(_ value: String) {
    self.value = value
  }

  public func token() async throws -> String { value }
  public func invalidate() async {}
}

/// EKS tokens from the AWS module's generator, signed locally and reused until a minute
/// before they expire (they live 14 minutes), so a run signs once.
public actor EKSTokenProvider: BearerTokenProvider {
  public nonisolated let clusterName: String
  public nonisolated let roleARN: String?
  let generator: EKSTokenGenerator
  let clock: @Sendable () -> Date
  private var cached: EKSToken?

  public init(clusterName: String, roleARN: String? = nil, configuration: AWSConfiguration) {
    self.clusterName = clusterName
    self.roleARN = roleARN
    generator = EKSTokenGenerator(configuration: configuration)
    clock = configuration.clock
  }

  public func token() async throws -> String {
    if let cached, clock().timeIntervalSince1970 < cached.expiration.timeIntervalSince1970 - 60 {
      return cached.token
    }
    do {
      let fresh = try await generator.token(clusterName: clusterName, roleARN: roleARN)
      cached = fresh
      return fresh.token
    } catch let error as AWSError {
      throw KubernetesError(
        .credentials, "cannot sign an EKS token for cluster \(clusterName)", cause: error,
        remedy: error.remedy ?? "check the AWS credentials")
    }
  }

  public func invalidate() {
    cached = nil
  }
}

/// Runs a kubeconfig exec plugin and reads its ExecCredential (`status.token`,
/// `status.expirationTimestamp`); the token is reused until it expires.
public actor ExecPluginTokenProvider: BearerTokenProvider {
  public nonisolated let plugin: ExecPlugin
  let runner: ExecPluginRunner
  let clock: @Sendable () -> Date
  private var cached: (token: String, expiry: Date?)?

  public init(
    plugin: ExecPlugin, runner: ExecPluginRunner = .local(environment: [:]),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.plugin = plugin
    self.runner = runner
    self.clock = clock
  }

  public func token() async throws -> String {
    if let cached, cached.expiry.map({ clock() < $0 }) ?? true { return cached.token }
    let output = try await runner.run(plugin)
    let credential = try KubernetesJSON.decode(output, what: "output of \(plugin.command)")
    guard let token = credential.text(at: ["status", "token"]), !token.isEmpty else {
      throw KubernetesError(
        .credentials, "the credential plugin \(plugin.command) printed no status.token",
        remedy: "run the plugin by hand to see what it prints")
    }
    let expiry = credential.text(at: ["status", "expirationTimestamp"]).flatMap {
      try? Date($0, strategy: .iso8601)
    }
    cached = (token, expiry)
    return token
  }

  public func invalidate() {
    cached = nil
  }
}
