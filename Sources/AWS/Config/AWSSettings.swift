/// What the user chose on the command line; anything left nil falls back to the
/// environment and then the shared config files.
public struct AWSSettings: Sendable, Hashable {
  public var profile: String?
  public var region: String?
  /// Explicit credentials (the first link of the chain).
  public var accessKeyID: String?
  public var secretAccessKey: String?
  public var sessionToken: String?
  public var debug = false
  /// eks-spark's version, sent in every request's `User-Agent`.
  public var applicationVersion: String?

  public init(
    profile: String? = nil, region: String? = nil, debug: Bool = false, applicationVersion: String? = nil
  ) {
    self.profile = profile
    self.region = region
    self.debug = debug
    self.applicationVersion = applicationVersion
  }
}
