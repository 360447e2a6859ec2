/// The one error type of the Stack module: a stable code, a lowercase message, an optional
/// cause and a remedy a person can act on.
public struct StackError: Error, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    case invalidNetwork = "stack.invalid-network"
    case notEnoughZones = "stack.not-enough-zones"
    case unexpectedState = "stack.unexpected-state"
    case notOwned = "stack.not-owned"
    // The service layer (Service/): preflight, the lock, what apply and destroy refuse.
    case credentials = "stack.credentials"
    case lockHeld = "stack.lock-held"
    case lockNotFound = "stack.lock-not-found"
    case replacementRefused = "stack.replacement-refused"
    case wrongAccount = "stack.wrong-account"
    /// `--region` names another region than the stack file's `metadata.region`.
    case regionMismatch = "stack.region-mismatch"
    case invalidUploads = "stack.invalid-uploads"
    /// `image build` names an image the stack file does not have.
    case unknownImage = "stack.unknown-image"
    /// A service account in a namespace no Fargate profile selects.
    case unschedulable = "stack.unschedulable"
    /// `serviceaccount bind NAME` names a service account the stack file does not have.
    case unknownServiceAccount = "stack.unknown-service-account"
    /// `kubeconfig` for a cluster that does not exist or has no endpoint yet.
    case clusterMissing = "stack.cluster-missing"
    /// The operator release cannot be made from the stack file (its values, its chart).
    case operatorRelease = "stack.operator-release"
    /// A cluster-side resource needs the cluster, which is not there.
    case clusterUnreachable = "stack.cluster-unreachable"
  }

  public var code: Code
  public var message: String
  public var cause: (any Error)?
  public var remedy: String?

  public init(_ code: Code, _ message: String, cause: (any Error)? = nil, remedy: String? = nil) {
    self.code = code
    self.message = message
    self.cause = cause
    self.remedy = remedy
  }

  public var description: String {
    cause.map { "\(message): \($0)" } ?? message
  }
}
