import YAML

/// One problem found in a stack file: an error that stops the stack from being used, or a
/// warning worth reading. Printed as `FILE:LINE:COL: error: message` and `  hint: ...`.
public struct StackProblem: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  /// Stable codes, for scripts and tests (`config.unknown-key`).
  public enum Code: String, Sendable, Hashable {
    case yamlSyntax = "config.yaml-syntax"
    case duplicateKey = "config.duplicate-key"
    case unknownKey = "config.unknown-key"
    case wrongType = "config.wrong-type"
    case missingValue = "config.missing-value"
    case invalidValue = "config.invalid-value"
    case duplicateName = "config.duplicate-name"
    case conflict = "config.conflict"
    case unresolvedReference = "config.unresolved-reference"
    case invalidCidr = "config.invalid-cidr"
    case openCidr = "config.open-cidr"
    case broadPolicy = "config.broad-policy"
    case unsupportedTag = "config.unsupported-tag"
    case tooLarge = "config.too-large"
    case binaryFile = "config.binary-file"
    case invalidArn = "config.invalid-arn"
    case invalidName = "config.invalid-name"
    case nameTooLong = "config.name-too-long"
    case unsupportedVersion = "config.unsupported-version"
    case invalidQuantity = "config.invalid-quantity"
    case fargateLimit = "config.fargate-limit"
    case invalidCron = "config.invalid-cron"
    case invalidTimeZone = "config.invalid-time-zone"
    case undefinedImage = "config.undefined-image"
    case undefinedServiceAccount = "config.undefined-service-account"
    case unscheduledNamespace = "config.unscheduled-namespace"
    case missingPath = "config.missing-path"
    case renamedValue = "config.renamed-value"
    case chartCollision = "config.chart-collision"
  }

  public var severity: Severity
  public var code: Code
  /// What is wrong, lowercase, without location.
  public var message: String
  /// The file as the user named it.
  public var file: String
  /// Where the problem is; nil for problems about the file as a whole.
  public var mark: Mark?
  /// What to do about it.
  public var hint: String?

  public init(
    _ severity: Severity, _ code: Code, _ message: String, file: String, mark: Mark?, hint: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.file = file
    self.mark = mark
    self.hint = hint
  }

  /// `file:line:col: error: message`, then `  hint: ...` on its own line when there is one.
  public var description: String {
    var text = mark.map { "\(file):\($0): " } ?? "\(file): "
    text += "\(severity.rawValue): \(message)"
    if let hint { text += "\n  hint: \(hint)" }
    return text
  }
}
