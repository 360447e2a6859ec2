import YAML

/// Reads the API server's `Status` answers (failures, and the success Status some deletes
/// return) into the module's error, keeping the server's own words.
enum APIStatus {
  /// The error for a non-2xx answer; a body that is not a Status still gives the code.
  static func error(status: Int, body: [UInt8], request: String) -> KubernetesError {
    if let tree = try? KubernetesJSON.decode(body), tree.text(at: ["kind"]) == "Status" {
      return error(fromStatus: tree, httpStatus: status)
    }
    let text = String(decoding: body.prefix(512), as: UTF8.self)
    return KubernetesError(
      .api, text.isEmpty ? "\(request) answered HTTP \(status)" : text, reason: reason(for: status),
      status: status, remedy: remedy(for: status))
  }

  /// The error a Status object describes (also used for watch ERROR events).
  static func error(fromStatus tree: YAMLNode, httpStatus: Int? = nil) -> KubernetesError {
    let code = tree.integer(at: ["code"]) ?? httpStatus ?? 0
    var details: StatusDetails?
    if let node = tree["details"], node.mapping != nil {
      details = StatusDetails(
        name: node.text(at: ["name"]), group: node.text(at: ["group"]), kind: node.text(at: ["kind"]),
        uid: node.text(at: ["uid"]),
        causes: (node["causes"]?.sequence ?? []).map {
          StatusDetails.Cause(
            reason: $0.text(at: ["reason"]), message: $0.text(at: ["message"]), field: $0.text(at: ["field"]))
        }, retryAfterSeconds: node.integer(at: ["retryAfterSeconds"]))
    }
    let reason = tree.text(at: ["reason"]) ?? reason(for: code)
    return KubernetesError(
      .api, tree.text(at: ["message"]) ?? "the API server answered \(code)", reason: reason, status: code,
      details: details, remedy: remedy(for: code, reason: reason))
  }

  static func reason(for status: Int) -> String? {
    switch status {
    case 400: "BadRequest"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "NotFound"
    case 405: "MethodNotAllowed"
    case 409: "Conflict"
    case 410: "Expired"
    case 415: "UnsupportedMediaType"
    case 422: "Invalid"
    case 429: "TooManyRequests"
    case 500: "InternalError"
    case 503: "ServiceUnavailable"
    case 504: "Timeout"
    default: nil
    }
  }

  static func remedy(for status: Int, reason: String? = nil) -> String? {
    switch status {
    case 401:
      "the cluster does not accept this identity; check the AWS identity is mapped (aws-auth or an access entry)"
    case 403: "the identity lacks the RBAC permission named above"
    case 409 where reason == "AlreadyExists": "the object exists already; read it or apply instead of create"
    case 409: "someone else changed the object or owns the field; re-read and retry, or apply with force"
    case 410: "the resourceVersion is too old; list again"
    case 422: "fix the fields named in the message"
    case 429, 500, 503, 504: "the API server is busy or failing; retry later"
    default: nil
    }
  }
}
