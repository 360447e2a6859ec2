/// Every failure of the Kubernetes module: the API server's `Status` answer (in its own
/// words), a kubeconfig problem, a connection or credential failure, an unknown kind, or a
/// wait that ran out of time.
public struct KubernetesError: Error, Sendable, CustomStringConvertible {
  /// Stable eks-spark codes, for scripts and tests.
  public enum Code: String, Sendable, Hashable {
    /// The API server answered with a failure `Status` (see `reason`, `status`).
    case api = "kubernetes.api"
    /// A kubeconfig file is unreadable, malformed or names what it does not define.
    case kubeconfig = "kubernetes.kubeconfig"
    /// The cluster's endpoint, CA or credentials could not be resolved.
    case connection = "kubernetes.connection"
    /// A bearer token could not be obtained (EKS signing, an exec plugin).
    case credentials = "kubernetes.credentials"
    /// The request never got an answer.
    case transport = "kubernetes.transport"
    /// The server answered with something that is not the JSON expected.
    case decoding = "kubernetes.decoding"
    /// Discovery does not know the kind (its CRD is missing or not yet established).
    case unknownKind = "kubernetes.unknown-kind"
    /// A wait for a condition ran out of time or saw a terminal failure.
    case wait = "kubernetes.wait"
    /// An object given to the client lacks what the call needs (kind, name...).
    case invalidObject = "kubernetes.invalid-object"
  }

  public var code: Code
  /// Lowercase summary for local failures; the API server's message as it wrote it.
  public var message: String
  /// The Status `reason` (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Expired`...).
  public var reason: String?
  /// The HTTP status (the Status `code`).
  public var status: Int?
  /// The Status `details`, when the server gave them.
  public var details: StatusDetails?
  /// The error underneath (an HTTPError, an AWSError...).
  public var cause: (any Error & Sendable)?
  /// What a person can do about it.
  public var remedy: String?

  public init(
    _ code: Code, _ message: String, reason: String? = nil, status: Int? = nil, details: StatusDetails? = nil,
    cause: (any Error & Sendable)? = nil, remedy: String? = nil
  ) {
    self.code = code
    self.message = message
    self.reason = reason
    self.status = status
    self.details = details
    self.cause = cause
    self.remedy = remedy
  }

  public var description: String {
    var text = code.rawValue + ": "
    if let reason, code == .api { text += "\(reason): " }
    text += message
    if let status, code == .api { text += " (HTTP \(status))" }
    if let causes = details?.causes, !causes.isEmpty, code == .api {
      let listed = causes.map { cause in
        [cause.field, cause.message].compactMap { $0 }.joined(separator: ": ")
      }
      text += " [" + listed.joined(separator: "; ") + "]"
    }
    if let cause, code != .api { text += ": \(cause)" }
    if let remedy { text += "; \(remedy)" }
    return text
  }

  public var isNotFound: Bool { code == .api && (reason == "NotFound" || status == 404) }
  public var isAlreadyExists: Bool { code == .api && reason == "AlreadyExists" }
  /// A resourceVersion conflict or a server-side apply field conflict (409 Conflict).
  public var isConflict: Bool { code == .api && reason == "Conflict" }
  /// The resourceVersion is too old (410 Gone / `Expired`): list again.
  public var isGone: Bool { code == .api && (status == 410 || reason == "Expired" || reason == "Gone") }
  public var isUnauthorized: Bool { code == .api && status == 401 }
  public var isForbidden: Bool { code == .api && status == 403 }
}

/// The `details` of a failure Status: what object it is about, and per-field causes.
public struct StatusDetails: Sendable, Hashable {
  public struct Cause: Sendable, Hashable {
    public var reason: String?
    public var message: String?
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
      self.reason = reason
      self.message = message
      self.field = field
    }
  }

  public var name: String?
  public var group: String?
  public var kind: String?
  public var uid: String?
  public var causes: [Cause]
  public var retryAfterSeconds: Int?

  public init(
    name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [Cause] = [],
    retryAfterSeconds: Int? = nil
  ) {
    self.name = name
    self.group = group
    self.kind = kind
    self.uid = uid
    self.causes = causes
    self.retryAfterSeconds = retryAfterSeconds
  }
}
