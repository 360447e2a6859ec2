/// A local content-addressed store of blobs and manifests (`<root>/blobs/sha256/<hex>`),
/// so a base image is downloaded once and later pushes read it from disk.
public struct BlobCache: Sendable {
  public let root: String

  /// `root` is created when the first blob is stored.
  public init(root: String) { self.root = root }

  func path(_ digest: Digest) -> String { "\(root)/blobs/sha256/\(digest.hex)" }

  /// The cached bytes, or nil when the blob is absent or no longer matches its digest.
  public func get(_ digest: Digest) -> [UInt8]? {
    guard LocalFiles.status(path(digest)) != nil, let bytes = try? LocalFiles.read(path(digest)),
      Digest.of(bytes) == digest
    else { return nil }
    return bytes
  }

  public func contains(_ digest: Digest) -> Bool { LocalFiles.status(path(digest))?.kind == .file }

  /// Stores bytes under their digest (written whole, then renamed into place).
  @discardableResult
  public func put(_ bytes: [UInt8]) throws -> Digest {
    let digest = Digest.of(bytes)
    if contains(digest) { return digest }
    try LocalFiles.makeDirectories("\(root)/blobs/sha256")
    try LocalFiles.write(bytes, to: path(digest))
    return digest
  }

  /// The blob from the cache, or else from the registry (then kept).
  public func fetch(_ digest: Digest, repository: String, from client: RegistryClient) async throws -> [UInt8]
  {
    if let cached = get(digest) { return cached }
    let bytes = try await client.blob(repository, digest: digest)
    try put(bytes)
    return bytes
  }
}
