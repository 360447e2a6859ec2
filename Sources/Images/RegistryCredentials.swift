import AWS
import FoundationEssentials

/// Who the registry client says it is: nobody (public pulls), or a user name and
/// password, sent as `Basic` or traded for a bearer token, whichever the registry asks.
public enum RegistryCredentials: Sendable, Hashable {
  case anonymous
  case basic(username: String, password: String)

  /// ECR's login: GetAuthorizationToken's token is base64 of `AWS:<password>`.
  public static func ecr(_ authorization: ECRAuthorization) throws -> RegistryCredentials {
    try ecr(authorizationToken: authorization.authorizationToken)
  }

  /// The credentials in an ECR authorization token (base64 of `AWS:<password>`).
  public static func ecr(authorizationToken: String) throws -> RegistryCredentials {
    guard let decoded = Data(base64Encoded: authorizationToken),
      let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
    else {
      throw ImagesError(
        .unauthorized, "ECR returned an authorization token that is not base64 of user:password",
        remedy: "run the command again; if it persists, check the ECR endpoint")
    }
    return .basic(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
  }

  /// Asks ECR for a login (valid 12 hours).
  public static func ecr(_ client: ECRClient) async throws -> RegistryCredentials {
    guard let first = try await client.getAuthorizationToken().first else {
      throw ImagesError(
        .unauthorized, "ECR returned no authorization data",
        remedy: "check the credentials' ecr:GetAuthorizationToken permission")
    }
    return try ecr(first)
  }

  var basicHeader: String? {
    guard case .basic(let username, let password) = self else { return nil }
    return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
  }
}

/// One `WWW-Authenticate` challenge: its scheme and parameters.
struct AuthChallenge: Sendable, Hashable {
  var scheme: String
  var parameters: [String: String]

  /// Parses `Bearer realm="...",service="...",scope="repository:a:pull,push"` (commas may
  /// sit inside quoted values).
  init?(_ header: String) {
    let trimmed = header.drop { $0 == " " }
    guard let space = trimmed.firstIndex(of: " ") else {
      guard !trimmed.isEmpty else { return nil }
      scheme = trimmed.lowercased()
      parameters = [:]
      return
    }
    scheme = trimmed[..<space].lowercased()
    var parameters: [String: String] = [:]
    var rest = trimmed[trimmed.index(after: space)...]
    while !rest.isEmpty {
      rest = rest.drop { $0 == " " || $0 == "," }
      guard let equals = rest.firstIndex(of: "=") else { break }
      let key = String(rest[..<equals].filter { $0 != " " }).lowercased()
      rest = rest[rest.index(after: equals)...]
      var value = ""
      if rest.first == "\"" {
        rest = rest.dropFirst()
        while let character = rest.first, character != "\"" {
          if character == "\\", rest.count > 1 { rest = rest.dropFirst() }
          value.append(rest.first!)
          rest = rest.dropFirst()
        }
        rest = rest.dropFirst()
      } else {
        let end = rest.firstIndex(of: ",") ?? rest.endIndex
        value = String(rest[..<end].filter { $0 != " " })
        rest = rest[end...]
      }
      parameters[key] = value
    }
    self.parameters = parameters
  }
}
