import HTTP

/// Credentials from the container agent (ECS tasks, EKS Pod Identity):
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on 169.254.170.2) or `_FULL_URI`, with
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)` as the Authorization header.
struct ContainerCredentialSource: CredentialSource {
  let configuration: AWSConfiguration
  var name: String { "container credentials" }

  func lookup() async throws -> CredentialLookup {
    let url: String
    if let relative = configuration.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
      url = "http://169.254.170.2" + relative
    } else if let full = configuration.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
      url = full
    } else {
      return .absent("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set")
    }
    var request = HTTPRequest(url: url, timeout: 5)
    if let file = configuration.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
      guard let token = configuration.fileSystem.readText(file) else {
        throw AWSError.credentials("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
      }
      request.headers["Authorization"] = token.trimmingCharacters(in: " \n\r\t")
    } else if let token = configuration.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
      request.headers["Authorization"] = token
    }
    let response: HTTPResponse
    do {
      response = try await configuration.transport.send(request)
    } catch let error as HTTPError {
      throw AWSError.credentials("the container credentials endpoint is unreachable", cause: error)
    }
    guard response.status == 200 else {
      throw AWSError.credentials(
        "the container credentials endpoint answered HTTP \(response.status)",
        remedy: "check the authorization token variables")
    }
    return .found(try CredentialDocument.decode(response.body, source: "container credentials"))
  }
}
