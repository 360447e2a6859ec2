/// The one error type of the Engine module: a stable code, a lowercase message, an
/// optional underlying cause and, where there is one, a remedy a person can act on.
public struct EngineError: Error, Sendable, CustomStringConvertible {
  /// Stable identifiers for scripts and tests.
  public enum Code: String, Sendable, Hashable {
    case duplicateAddress = "duplicate-address"
    case missingDependency = "missing-dependency"
    case dependencyCycle = "dependency-cycle"
    case unknownTarget = "unknown-target"
    case readFailed = "read-failed"
    case waitTimeout = "wait-timeout"
    case planOutdated = "plan-outdated"
    case stepFailed = "step-failed"
    case cancelled = "cancelled"
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
    var text = message
    if let cause { text += ": \(cause)" }
    return text
  }
}
