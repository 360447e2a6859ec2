/// A role assumed with an OIDC token from a file: CI systems with OIDC and pods with
/// IRSA (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`), or a profile's
/// `web_identity_token_file`.
struct WebIdentityCredentialSource: CredentialSource {
  let configuration: AWSConfiguration
  let roleARN: String?
  let tokenFile: String?
  let sessionName: String?
  var name: String { "web identity" }

  static func fromEnvironment(_ configuration: AWSConfiguration) -> WebIdentityCredentialSource {
    WebIdentityCredentialSource(
      configuration: configuration, roleARN: configuration.nonEmpty("AWS_ROLE_ARN"),
      tokenFile: configuration.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE"),
      sessionName: configuration.nonEmpty("AWS_ROLE_SESSION_NAME"))
  }

  func lookup() async throws -> CredentialLookup {
    guard tokenFile != nil else { return .absent("AWS_WEB_IDENTITY_TOKEN_FILE is not set") }
    guard roleARN != nil else { return .absent("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not") }
    return .found(try await assume())
  }

  func assume() async throws -> AWSCredentials {
    guard let roleARN, let tokenFile else {
      throw AWSError.configuration("web identity needs a role and a token file")
    }
    guard let token = configuration.fileSystem.readText(configuration.expandHome(tokenFile)) else {
      throw AWSError.credentials(
        "cannot read the web identity token file \(tokenFile)",
        remedy: "check AWS_WEB_IDENTITY_TOKEN_FILE (in a pod: is the service account annotated with a role?)")
    }
    let sts = try STSClient(configuration: configuration.with(credentials: nil, defaultRegion: "us-east-1"))
    do {
      var result = try await sts.assumeRoleWithWebIdentity(
        roleARN: roleARN,
        sessionName: sessionName ?? "eks-spark-\(Int(configuration.clock().timeIntervalSince1970))",
        webIdentityToken: token.trimmingCharacters(in: " \n\r\t"))
      result.credentials.source = "web identity \(roleARN)"
      return result.credentials
    } catch let error as AWSError {
      throw AWSError.credentials(
        "STS refused the web identity token for \(roleARN)", cause: error,
        remedy: error.remedy ?? "check the role's trust policy names this OIDC provider and subject")
    }
  }
}
