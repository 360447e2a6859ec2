/// A resolved base image: where it lives, its manifest's digest, manifest and config.
public struct BaseImage: Sendable, Hashable {
  public var reference: ImageReference
  public var digest: Digest
  public var manifest: ImageManifest
  public var config: ImageConfiguration

  /// Resolves `reference` to one platform's manifest and reads its config; the manifest
  /// and config are kept in `cache` by digest, so a digest-pinned base costs no request.
  public static func resolve(
    _ reference: ImageReference, client: RegistryClient, cache: BlobCache, platform: Platform = .linuxAMD64
  ) async throws -> BaseImage {
    let repository = reference.repository
    var manifestBytes: [UInt8]
    var digest: Digest
    if let pinned = reference.digest, let cached = cache.get(pinned) {
      manifestBytes = cached
      digest = pinned
    } else {
      let fetched = try await client.manifest(repository, reference: reference.reference, platform: platform)
      manifestBytes = fetched.bytes
      digest = fetched.digest
      try cache.put(manifestBytes)
    }
    // An index stored under a pinned digest is followed once more, from the cache or the registry.
    if let type = CanonicalJSON.mediaType(of: manifestBytes), MediaType.indexes.contains(type) {
      let fetched = try await client.manifest(repository, reference: digest.description, platform: platform)
      manifestBytes = fetched.bytes
      digest = fetched.digest
      try cache.put(manifestBytes)
    }
    let manifest = try CanonicalJSON.decode(
      ImageManifest.self, manifestBytes, what: "manifest of \(reference)")
    let configBytes = try await cache.fetch(manifest.config.digest, repository: repository, from: client)
    let config = try CanonicalJSON.decode(
      ImageConfiguration.self, configBytes, what: "config of \(reference)")
    return BaseImage(reference: reference, digest: digest, manifest: manifest, config: config)
  }
}
