/// The one error type of the Engine module: a stable code, a lowercase message, an
/// optional underlying cause and, where there is one, a remedy a person can act on.
public struct EngineError: Error, Sendable, CustomStringConvertible {
  /// Stable identifiers for scripts and tests.
  public enum Code: String, Sendable, Hashable {
    case duplicateAddress = "engine.duplicate-address"
    case missingDependency = "engine.missing-dependency"
    case dependencyCycle = "engine.dependency-cycle"
    case unknownTarget = "engine.unknown-target"
    case readFailed = "engine.read-failed"
    case waitTimeout = "engine.wait-timeout"
    case planOutdated = "engine.plan-outdated"
    case stepFailed = "engine.step-failed"
    case cancelled = "engine.cancelled"
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
