/// The AWS SDKs' order: explicit flags, environment, the shared config profile, web
/// identity from the environment, container credentials, EC2 instance metadata. The
/// first source that is configured wins; a configured source that fails stops the chain
/// (falling through would silently use another identity).
///
/// As in botocore (and so the AWS CLI): a profile chosen with `--profile` takes the
/// environment's keys out of the chain, while `AWS_PROFILE` does not (keys in the
/// environment win over it); a named profile that does not exist is an error either way.
public struct DefaultCredentialChain: CredentialProvider {
  let configuration: AWSConfiguration

  public init(configuration: AWSConfiguration) {
    self.configuration = configuration
  }

  var sources: [any CredentialSource] {
    var sources: [any CredentialSource] = [ExplicitCredentialSource(settings: configuration.settings)]
    if configuration.settings.profile == nil {
      sources.append(EnvironmentCredentialSource(environment: configuration.environment))
    }
    sources += [
      ProfileCredentialSource(configuration: configuration, name: configuration.profileName),
      WebIdentityCredentialSource.fromEnvironment(configuration),
      ContainerCredentialSource(configuration: configuration),
      InstanceMetadataCredentialSource(configuration: configuration),
    ]
    return sources
  }

  public func credentials() async throws -> AWSCredentials {
    try configuration.checkNamedProfileExists()
    var tried: [String] = []
    for source in sources {
      switch try await source.lookup() {
      case .found(let credentials): return credentials
      case .absent(let reason): tried.append("\(source.name): \(reason)")
      }
    }
    throw AWSError(
      kind: .noCredentials, code: "NoCredentials",
      message: "no AWS credentials found; tried " + tried.joined(separator: "; "),
      remedy:
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile with --profile / AWS_PROFILE")
  }
}

struct ExplicitCredentialSource: CredentialSource {
  let settings: AWSSettings
  var name: String { "explicit flags" }

  func lookup() async throws -> CredentialLookup {
    guard let key = settings.accessKeyID, let secret = settings.secretAccessKey else {
      return .absent("not given")
    }
    return .found(
      AWSCredentials(
        accessKeyID: key, secretAccessKey: secret, sessionToken: settings.sessionToken, source: "flags"))
  }
}

struct EnvironmentCredentialSource: CredentialSource {
  let environment: [String: String]
  var name: String { "environment" }

  func lookup() async throws -> CredentialLookup {
    guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty else {
      return .absent("AWS_ACCESS_KEY_ID is not set")
    }
    guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
      throw AWSError.credentials(
        "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
        remedy: "set both, or unset AWS_ACCESS_KEY_ID")
    }
    let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    return .found(
      AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token, source: "environment"))
  }
}
