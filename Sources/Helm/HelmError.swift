/// Everything that goes wrong loading, fetching or rendering a chart, or installing it.
///
/// `code` is stable for scripts; `message` is lowercase and follows Helm's wording where
/// Helm has one, so `error: <message>` reads as Helm users expect; `remedy` says what to do.
public struct HelmError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable {
    case chartNotFound = "helm.chart-not-found"
    case invalidChart = "helm.invalid-chart"
    case invalidArchive = "helm.invalid-archive"
    case invalidValues = "helm.invalid-values"
    case schemaViolation = "helm.schema-violation"
    case invalidVersionConstraint = "helm.invalid-version-constraint"
    case versionNotFound = "helm.version-not-found"
    case repository = "helm.repository"
    case digestMismatch = "helm.digest-mismatch"
    case render = "helm.render"
    case io = "helm.io"
    /// A release record that cannot be read or written, or a release in a state that forbids the action.
    case release = "helm.release"
    /// The cluster refused or failed an object of the release (apply, delete, wait, hook).
    case cluster = "helm.cluster"
  }

  public var code: Code
  public var message: String
  public var remedy: String?
  /// The underlying error's text (an I/O failure, a template error), when there is one.
  public var cause: String?

  public init(_ code: Code, _ message: String, remedy: String? = nil, cause: String? = nil) {
    self.code = code
    self.message = message
    self.remedy = remedy
    self.cause = cause
  }

  public var description: String { message }

  static func invalidVersionConstraint(_ text: String, detail: String) -> HelmError {
    HelmError(
      .invalidVersionConstraint, "invalid version constraint \"\(text)\": \(detail)",
      remedy: "use a version such as 2.4.0, or a range such as ~2.4, ^1.1 or \">=1.1 <2\"")
  }
}
