import FoundationEssentials
import HTTP

/// The distribution API's error body: `{"errors":[{"code":..., "message":...}]}`.
struct RegistryErrorBody: Decodable {
  struct Entry: Decodable {
    var code: String?
    var message: String?
  }
  var errors: [Entry]?

  /// The registry's own words for a failed response, in the module's error type.
  static func error(_ response: HTTPResponse, doing what: String) -> ImagesError {
    let entries = (try? JSONDecoder().decode(RegistryErrorBody.self, from: Data(response.body)))?.errors ?? []
    let codes = entries.compactMap(\.code)
    let words = entries.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }
      .joined(separator: "; ")
    let detail = words.isEmpty ? "HTTP \(response.status)" : "\(words) (HTTP \(response.status))"
    switch response.status {
    case 401, 403:
      return ImagesError(
        .unauthorized, "\(what): \(detail)",
        remedy: "check the registry credentials (an ECR login lasts 12 hours) and push/pull permissions",
        registryCodes: codes)
    case 404:
      return ImagesError(
        .notFound, "\(what): \(detail)", remedy: "check the repository, tag or digest exists",
        registryCodes: codes)
    default:
      return ImagesError(
        .registry, "\(what): \(detail)", remedy: "retry; if it persists, check the registry",
        registryCodes: codes)
    }
  }
}
