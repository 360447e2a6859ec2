import FoundationEssentials
import HTTP

/// The OCI distribution API of one registry over the project's HTTP transport.
///
/// Authentication follows the registry's challenge: on a 401 the client reads
/// `WWW-Authenticate` and either sends the credentials as `Basic` (ECR) or trades them
/// (or nothing, for public images) for a bearer token scoped to the repositories at hand.
/// Tokens are kept per scope for the client's lifetime.
public actor RegistryClient {
  /// `host[:port]`.
  public nonisolated let registry: String
  nonisolated let transport: any HTTPTransport
  nonisolated let credentials: RegistryCredentials
  nonisolated let scheme: String
  private var authorizations: [String: String] = [:]
  private var basicAccepted = false

  /// `plainHTTP` speaks `http://` (a local registry without TLS).
  public init(
    registry: String, transport: any HTTPTransport, credentials: RegistryCredentials = .anonymous,
    plainHTTP: Bool = false
  ) {
    self.registry = registry
    self.transport = transport
    self.credentials = credentials
    scheme = plainHTTP ? "http" : "https"
  }

  nonisolated var base: String { "\(scheme)://\(registry)" }

  /// Sends a request with the repository's authorization, answering one challenge.
  ///
  /// `pull` and `push` name the repositories the request needs; a mount needs pull on
  /// its source as well as push on its target.
  func send(_ request: HTTPRequest, pull: [String] = [], push: [String] = []) async throws -> HTTPResponse {
    let scope = Self.scope(pull: pull, push: push)
    var first = request
    if let authorization = basicAccepted ? credentials.basicHeader : authorizations[scope] {
      first.headers["Authorization"] = authorization
    }
    let response = try await exchange(first)
    guard response.status == 401 else { return response }
    guard let header = response.headers["WWW-Authenticate"], let challenge = AuthChallenge(header) else {
      throw RegistryErrorBody.error(response, doing: "\(registry) refused the request")
    }
    let authorization: String
    switch challenge.scheme {
    case "basic":
      guard let basic = credentials.basicHeader else {
        throw ImagesError(
          .unauthorized, "\(registry) asks for a user name and password, and none were given",
          remedy: "log in to the registry (for ECR, eks-spark logs in with GetAuthorizationToken)")
      }
      basicAccepted = true
      authorization = basic
    case "bearer":
      authorization = "Bearer " + (try await token(challenge, scope: scope))
    default:
      throw ImagesError(
        .unauthorized,
        "\(registry) asks for \(challenge.scheme) authentication, which eks-spark does not speak",
        remedy: "use a registry that accepts Basic or Bearer token authentication")
    }
    authorizations[scope] = authorization
    var second = request
    second.headers["Authorization"] = authorization
    let retried = try await exchange(second)
    if retried.status == 401 {
      throw RegistryErrorBody.error(retried, doing: "\(registry) rejected the credentials")
    }
    return retried
  }

  /// The token service's answer for `scope` (`{"token": ...}` or `{"access_token": ...}`).
  private func token(_ challenge: AuthChallenge, scope: String) async throws -> String {
    guard let realm = challenge.parameters["realm"] else {
      throw ImagesError(
        .unauthorized, "\(registry) asks for a bearer token but names no token service",
        remedy: "check the registry's WWW-Authenticate header")
    }
    var query: [String] = []
    if let service = challenge.parameters["service"] { query.append("service=\(Self.escape(service))") }
    for item in scope.split(separator: " ") { query.append("scope=\(Self.escape(String(item)))") }
    var request = HTTPRequest(url: realm + (realm.contains("?") ? "&" : "?") + query.joined(separator: "&"))
    if let basic = credentials.basicHeader { request.headers["Authorization"] = basic }
    let response = try await exchange(request)
    guard response.status == 200 else {
      throw RegistryErrorBody.error(response, doing: "the token service of \(registry) refused a token")
    }
    struct Token: Decodable {
      var token: String?
      var access_token: String?
    }
    guard let decoded = try? JSONDecoder().decode(Token.self, from: Data(response.body)),
      let token = decoded.token ?? decoded.access_token
    else {
      throw ImagesError(
        .unauthorized, "the token service of \(registry) answered without a token",
        remedy: "check the registry's token service")
    }
    return token
  }

  /// One exchange; transport failures become the module's error.
  nonisolated func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
    do {
      return try await transport.send(request)
    } catch let error as HTTPError {
      throw ImagesError(.registry, "cannot reach \(registry): \(error.message)", remedy: error.remedy)
    }
  }

  static func scope(pull: [String], push: [String]) -> String {
    let pushing = Set(push)
    let pulls = pull.filter { !pushing.contains($0) }
    return
      (Set(pulls).sorted().map { "repository:\($0):pull" }
      + pushing.sorted().map { "repository:\($0):pull,push" })
      .joined(separator: " ")
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
        || "-._~".utf8.contains(byte)
      {
        out.append(Character(Unicode.Scalar(byte)))
      } else {
        let digits = Array("0123456789ABCDEF")
        out += "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xf)])"
      }
    }
    return out
  }

  /// An absolute URL for a `Location` header, which may be relative to the registry.
  nonisolated func absolute(_ location: String) -> String {
    location.hasPrefix("http://") || location.hasPrefix("https://") ? location : base + location
  }
}
