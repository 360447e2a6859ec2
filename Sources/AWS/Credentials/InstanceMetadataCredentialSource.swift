import HTTP

/// The EC2 instance role, through IMDSv2: a session token from PUT /latest/api/token,
/// then the role name and its credentials. `AWS_EC2_METADATA_DISABLED=true` turns it off;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
struct InstanceMetadataCredentialSource: CredentialSource {
  let configuration: AWSConfiguration
  var name: String { "EC2 instance metadata" }
  static let rolePath = "/latest/meta-data/iam/security-credentials/"

  var endpoint: String {
    var value =
      configuration.nonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT")
      ?? configuration.profile["ec2_metadata_service_endpoint"] ?? "http://169.254.169.254"
    while value.hasSuffix("/") { value.removeLast() }
    return value
  }

  func lookup() async throws -> CredentialLookup {
    if configuration.nonEmpty("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true" {
      return .absent("disabled by AWS_EC2_METADATA_DISABLED")
    }
    let transport = configuration.transport
    let token: HTTPResponse
    do {
      token = try await transport.send(
        HTTPRequest(
          method: .put, url: endpoint + "/latest/api/token",
          headers: ["X-aws-ec2-metadata-token-ttl-seconds": "21600"], timeout: 1))
    } catch {
      // Off EC2 nothing answers; that is "absent", not a failure.
      return .absent("not reachable at \(endpoint)")
    }
    guard token.status == 200 else { return .absent("the token request answered HTTP \(token.status)") }
    let headers: HTTPHeaders = ["X-aws-ec2-metadata-token": token.text]
    let role = try await get(Self.rolePath, headers)
    guard role.status == 200, let name = role.text.split(separator: "\n").first else {
      return .absent("the instance has no IAM role")
    }
    let document = try await get(Self.rolePath + String(name), headers)
    guard document.status == 200 else {
      throw AWSError.credentials("instance metadata answered HTTP \(document.status) for the role \(name)")
    }
    return .found(
      try CredentialDocument.decode(document.body, source: "EC2 instance metadata (role \(name))"))
  }

  func get(_ path: String, _ headers: HTTPHeaders) async throws -> HTTPResponse {
    do {
      return try await configuration.transport.send(
        HTTPRequest(url: endpoint + path, headers: headers, timeout: 2))
    } catch let error as HTTPError {
      throw AWSError.credentials("instance metadata stopped answering", cause: error)
    }
  }
}
