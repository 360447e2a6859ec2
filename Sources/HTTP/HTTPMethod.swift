/// The HTTP methods eks-spark sends (AWS APIs and the Kubernetes API).
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
  case get = "GET"
  case head = "HEAD"
  case post = "POST"
  case put = "PUT"
  case patch = "PATCH"
  case delete = "DELETE"

  /// Whether a request with this method may be repeated without changing the outcome
  /// (RFC 9110 §9.2.2); retries of non-idempotent calls need the API's own token.
  public var isIdempotent: Bool {
    switch self {
    case .get, .head, .put, .delete: true
    case .post, .patch: false
    }
  }
}
