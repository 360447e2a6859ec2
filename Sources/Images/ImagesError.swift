/// Why making, reading or pushing an image failed: a stable code, a lowercase message
/// (the registry's or the builder's own words where there are some) and a remedy.
public struct ImagesError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Stable machine-readable codes.
  public enum Code: String, Sendable, Hashable {
    case invalidReference = "images.invalid-reference"
    case unauthorized = "images.unauthorized"
    case notFound = "images.not-found"
    case registry = "images.registry"
    case digestMismatch = "images.digest-mismatch"
    case unsupportedManifest = "images.unsupported-manifest"
    case noMatchingPlatform = "images.no-matching-platform"
    case file = "images.file"
    case builderMissing = "images.builder-missing"
    case buildFailed = "images.build-failed"
  }

  public var code: Code
  /// Lowercase, one line (a build's output tail follows on later lines).
  public var message: String
  /// What a person can do about it.
  public var remedy: String
  /// The registry's own error codes (`MANIFEST_UNKNOWN`, `DENIED`...), when it sent some.
  public var registryCodes: [String]

  public init(_ code: Code, _ message: String, remedy: String, registryCodes: [String] = []) {
    self.code = code
    self.message = message
    self.remedy = remedy
    self.registryCodes = registryCodes
  }

  public var description: String { "\(code.rawValue): \(message); \(remedy)" }
}
