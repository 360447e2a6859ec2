/// The one error type of the Stack module: a stable code, a lowercase message, an optional
/// cause and a remedy a person can act on.
public struct StackError: Error, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    case invalidNetwork = "invalid-network"
    case notEnoughZones = "not-enough-zones"
    case unexpectedState = "unexpected-state"
    case notOwned = "not-owned"
    // The service layer (Service/): preflight, the lock, what apply and destroy refuse.
    case credentials = "credentials"
    case lockHeld = "lock-held"
    case lockNotFound = "lock-not-found"
    case replacementRefused = "replacement-refused"
    case wrongAccount = "wrong-account"
    case invalidUploads = "invalid-uploads"
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
