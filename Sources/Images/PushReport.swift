/// What a push moved: blobs uploaded (and their bytes), mounted from another repository,
/// or already present.
public struct PushReport: Sendable, Hashable {
  public var uploaded: [Digest] = []
  public var uploadedBytes = 0
  public var mounted: [Digest] = []
  public var present: [Digest] = []
  /// Whether a manifest was stored (false when the tag already existed).
  public var manifestPushed = false
  /// The pushed (or found) image's manifest digest.
  public var digest: Digest?

  public init() {}
}
