import FoundationEssentials
import HTTP
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Everything a service client needs, resolved once per command: profile, region,
/// credentials, transport, clock, retry policy and endpoint overrides. Files are read
/// lazily, only when a setting is not given by flags or environment.
public final class AWSConfiguration: Sendable {
  public let settings: AWSSettings
  public let environment: [String: String]
  public let fileSystem: FileSystem
  public let transport: any HTTPTransport
  public let clock: @Sendable () -> Date
  public let retry: RetryPolicy
  private let shared = Mutex<SharedConfig?>(nil)
  private let provider = Mutex<(any CredentialProvider)?>(nil)

  /// - Parameters:
  ///   - transport: nil builds the libcurl client (proxy from the environment, trace on
  ///     `--debug`).
  ///   - credentials: nil uses the default chain.
  public init(
    settings: AWSSettings = AWSSettings(), environment: [String: String], fileSystem: FileSystem = .local,
    transport: (any HTTPTransport)? = nil, credentials: (any CredentialProvider)? = nil,
    clock: @escaping @Sendable () -> Date = { Date() }, retry: RetryPolicy? = nil
  ) {
    self.settings = settings
    self.environment = environment
    self.fileSystem = fileSystem
    self.clock = clock
    if let transport {
      self.transport = transport
    } else {
      var http = HTTPClientConfiguration.fromEnvironment(environment)
      // AWS_CA_BUNDLE: trust a corporate proxy's CA, as the AWS CLI does.
      if let bundle = environment["AWS_CA_BUNDLE"], !bundle.isEmpty { http.caFile = bundle }
      if settings.debug { http.trace = { line in AWSDebug.write(line) } }
      self.transport = HTTPClient(configuration: http)
    }
    self.retry = retry ?? RetryPolicy()
    provider.withLock { $0 = credentials }
  }

  /// `--profile`, else `AWS_PROFILE`, else `default`.
  public var profileName: String {
    settings.profile ?? nonEmpty("AWS_PROFILE") ?? "default"
  }

  /// Whether the user named a profile (then a missing profile is an error, not a skip).
  var profileIsExplicit: Bool { settings.profile != nil || nonEmpty("AWS_PROFILE") != nil }

  /// Throws when `--profile` or `AWS_PROFILE` names a profile the shared files do not
  /// hold, in the AWS CLI's words; `default` may be absent (then it is simply empty).
  func checkNamedProfileExists() throws(AWSError) {
    let name = profileName
    guard profileIsExplicit, name != "default", sharedConfig.profile(name) == nil else { return }
    throw AWSError(
      kind: .configuration, code: "ProfileNotFound",
      message: "the config profile (\(name)) could not be found",
      remedy:
        "check the name given with --profile or AWS_PROFILE, and the files in AWS_CONFIG_FILE "
        + "(~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials)")
  }

  func nonEmpty(_ name: String) -> String? {
    guard let value = environment[name], !value.isEmpty else { return nil }
    return value
  }

  /// The shared config and credentials files, read on first use.
  public var sharedConfig: SharedConfig {
    shared.withLock { cached in
      if let cached { return cached }
      let home = environment["HOME"] ?? ""
      let configPath = nonEmpty("AWS_CONFIG_FILE") ?? "\(home)/.aws/config"
      let credentialsPath = nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? "\(home)/.aws/credentials"
      let loaded = SharedConfig(
        config: fileSystem.readText(expandHome(configPath)),
        credentials: fileSystem.readText(expandHome(credentialsPath)))
      cached = loaded
      return loaded
    }
  }

  func expandHome(_ path: String) -> String {
    path.hasPrefix("~/") ? (environment["HOME"] ?? "") + path.dropFirst() : path
  }

  /// The selected profile's settings (empty when there is none).
  public var profile: [String: String] { sharedConfig.profile(profileName) ?? [:] }

  /// The region as configured: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the
  /// profile's `region`; nil when none is set. Not checked (see `region()`).
  var configuredRegion: String? {
    settings.region ?? nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") ?? profile["region"]
  }

  /// The configured region, checked as botocore checks it: a region becomes part of a host
  /// name, so it must be one DNS label.
  public func region() throws -> String {
    guard let region = configuredRegion else {
      throw AWSError.configuration(
        "no AWS region is set", remedy: "pass --region, set AWS_REGION, or add `region` to the profile")
    }
    guard Self.isRegionName(region) else {
      throw AWSError.configuration(
        "provided region_name '\(region)' doesn't match a supported format",
        remedy: "write a region code such as eu-west-1 with --region, AWS_REGION or the profile's region")
    }
    return region
  }

  /// Letters, digits and inner hyphens, at most 63 characters (`^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`).
  static func isRegionName(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
    else {
      return false
    }
    return bytes.allSatisfy { byte in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }
  }

  public var partition: Partition { Partition.of(region: (try? region()) ?? "us-east-1") }

  /// The standard retry mode's attempt count: the policy's own, `AWS_MAX_ATTEMPTS`, profile
  /// `max_attempts`, then the policy's default (3 unless the caller raised it).
  public var maxAttempts: Int {
    if let value = retry.maxAttempts { return value }
    if let text = nonEmpty("AWS_MAX_ATTEMPTS"), let value = Int(text), value > 0 { return value }
    if let text = profile["max_attempts"], let value = Int(text), value > 0 { return value }
    return retry.defaultMaxAttempts
  }

  /// The credentials provider: the one passed in, or the default chain, cached.
  public var credentials: any CredentialProvider {
    provider.withLock { current in
      if let current { return current }
      let chain = CachedCredentialProvider(DefaultCredentialChain(configuration: self))
      current = chain
      return chain
    }
  }

  /// A copy with other credentials (assume-role calls STS as the source identity), and a
  /// region to fall back on when none is configured (STS works from any region).
  public func with(credentials: (any CredentialProvider)?, defaultRegion: String? = nil) -> AWSConfiguration {
    var settings = self.settings
    // Only a missing region falls back; a malformed one stays and is reported.
    if configuredRegion == nil { settings.region = defaultRegion }
    let copy = AWSConfiguration(
      settings: settings, environment: environment, fileSystem: fileSystem, transport: transport,
      credentials: credentials, clock: clock, retry: retry)
    copy.shared.withLock { $0 = self.sharedConfig }
    return copy
  }
}

/// Where `--debug` lines go: stderr.
enum AWSDebug {
  static func write(_ line: String) {
    // write(2) rather than stdio: stderr is a global Swift 6 cannot prove safe.
    var text = "[debug] " + line + "\n"
    text.withUTF8 { buffer in _ = Glibc.write(2, buffer.baseAddress, buffer.count) }
  }
}
