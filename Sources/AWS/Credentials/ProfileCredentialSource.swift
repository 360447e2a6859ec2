import FoundationEssentials

/// Credentials from a shared-config profile: static keys, `credential_process`, or a role
/// assumed with `source_profile` / `credential_source` / `web_identity_token_file`.
struct ProfileCredentialSource: CredentialSource {
  let configuration: AWSConfiguration
  let profileName: String
  var name: String { "profile \"\(profileName)\"" }

  init(configuration: AWSConfiguration, name: String) {
    self.configuration = configuration
    self.profileName = name
  }

  func lookup() async throws -> CredentialLookup {
    guard configuration.sharedConfig.profile(profileName) != nil else {
      if configuration.profileIsExplicit {
        throw AWSError.configuration(
          "the profile \"\(profileName)\" is not in the shared config or credentials file",
          remedy: "check --profile / AWS_PROFILE, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE")
      }
      return .absent("no such profile in the shared config or credentials file")
    }
    if let credentials = try await resolve(profileName, visited: []) { return .found(credentials) }
    return .absent("the profile has no credentials settings")
  }

  func resolve(_ name: String, visited: Set<String>) async throws -> AWSCredentials? {
    guard let profile = configuration.sharedConfig.profile(name) else {
      throw AWSError.configuration(
        "the source profile \"\(name)\" does not exist", remedy: "fix source_profile")
    }
    guard !visited.contains(name) else {
      throw AWSError.configuration(
        "the profiles \(visited.sorted().joined(separator: ", ")) form a source_profile loop",
        remedy: "make one profile in the chain hold keys")
    }
    if let roleARN = profile["role_arn"] {
      let source: AWSCredentials
      if let tokenFile = profile["web_identity_token_file"] {
        let provider = WebIdentityCredentialSource(
          configuration: configuration, roleARN: roleARN, tokenFile: tokenFile,
          sessionName: profile["role_session_name"])
        return try await provider.assume()
      } else if let sourceProfile = profile["source_profile"] {
        // A profile naming itself as source holds the keys for its own role.
        if sourceProfile == name, let keys = staticKeys(profile, name) {
          source = keys
        } else if let found = try await resolve(sourceProfile, visited: visited.union([name])) {
          source = found
        } else {
          throw AWSError.credentials("the source profile \"\(sourceProfile)\" has no credentials")
        }
      } else if let credentialSource = profile["credential_source"] {
        source = try await credentialSourceCredentials(credentialSource)
      } else {
        throw AWSError.configuration(
          "the profile \"\(name)\" has role_arn but no source_profile, credential_source or web_identity_token_file",
          remedy: "add one of them")
      }
      return try await AssumeRole(
        configuration: configuration, source: source, roleARN: roleARN,
        sessionName: profile["role_session_name"], externalID: profile["external_id"],
        durationSeconds: profile["duration_seconds"].flatMap { Int($0) }, profileName: name
      ).credentials()
    }
    if let command = profile["credential_process"] {
      return try ProcessCredentialSource(command: command, environment: configuration.environment).run()
    }
    if let keys = staticKeys(profile, name) { return keys }
    if profile["sso_session"] != nil || profile["sso_start_url"] != nil {
      throw AWSError.credentials(
        "the profile \"\(name)\" uses IAM Identity Center (SSO), which eks-spark does not sign in to",
        remedy:
          "run `aws configure export-credentials --profile \(name) --format env` and use those variables, "
          + "or add `credential_process = aws configure export-credentials --profile \(name)` to a profile")
    }
    return nil
  }

  func staticKeys(_ profile: [String: String], _ name: String) -> AWSCredentials? {
    guard let key = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] else {
      return nil
    }
    return AWSCredentials(
      accessKeyID: key, secretAccessKey: secret, sessionToken: profile["aws_session_token"],
      source: "shared config (profile \(name))")
  }

  func credentialSourceCredentials(_ kind: String) async throws -> AWSCredentials {
    let lookup: CredentialLookup
    switch kind {
    case "Environment":
      lookup = try await EnvironmentCredentialSource(environment: configuration.environment).lookup()
    case "Ec2InstanceMetadata":
      lookup = try await InstanceMetadataCredentialSource(configuration: configuration).lookup()
    case "EcsContainer": lookup = try await ContainerCredentialSource(configuration: configuration).lookup()
    default:
      throw AWSError.configuration(
        "credential_source \"\(kind)\" is not one of Environment, Ec2InstanceMetadata, EcsContainer")
    }
    guard case .found(let credentials) = lookup else {
      throw AWSError.credentials("credential_source \(kind) has no credentials")
    }
    return credentials
  }
}

/// STS AssumeRole as a credentials step.
struct AssumeRole {
  let configuration: AWSConfiguration
  let source: AWSCredentials
  let roleARN: String
  let sessionName: String?
  let externalID: String?
  let durationSeconds: Int?
  let profileName: String

  func credentials() async throws -> AWSCredentials {
    let sts = try STSClient(
      configuration: configuration.with(
        credentials: StaticCredentialProvider(source), defaultRegion: "us-east-1"))
    do {
      var result = try await sts.assumeRole(
        roleARN: roleARN,
        sessionName: sessionName ?? "eks-spark-\(Int(configuration.clock().timeIntervalSince1970))",
        externalID: externalID, durationSeconds: durationSeconds)
      result.credentials.source = "assume-role \(roleARN) (profile \(profileName))"
      return result.credentials
    } catch let error as AWSError {
      throw AWSError.credentials(
        "could not assume \(roleARN) for the profile \"\(profileName)\"", cause: error,
        remedy: error.remedy ?? "check the role's trust policy allows the source identity")
    }
  }
}
