/// Pushes an assembled image: only blobs the target lacks move, mounted from the base's
/// repository when both live in one registry, else uploaded from the blob cache (the
/// base's layers are downloaded into it once).
public struct ImagePusher: Sendable {
  public var cache: BlobCache
  /// Blobs above this size go up in PATCH chunks of this size.
  public var chunkSize: Int

  public init(cache: BlobCache, chunkSize: Int = 8 << 20) {
    self.cache = cache
    self.chunkSize = chunkSize
  }

  public func push(
    _ image: AssembledImage, base: BaseImage?, baseClient: RegistryClient?, to target: RegistryClient,
    repository: String, tag: String
  ) async throws -> PushReport {
    var report = PushReport()
    let newBlobs = Dictionary(image.newLayers.map { ($0.descriptor.digest, $0.blob) }) { first, _ in first }
    let sameRegistry = baseClient.map { $0.registry == target.registry } ?? false
    for descriptor in image.manifest.layers + [image.manifest.config] {
      let digest = descriptor.digest
      if try await target.blobExists(repository, digest: digest) {
        report.present.append(digest)
        continue
      }
      if let base, sameRegistry, base.reference.repository != repository, newBlobs[digest] == nil,
        digest != image.manifest.config.digest,
        try await target.mountBlob(digest, from: base.reference.repository, into: repository)
      {
        report.mounted.append(digest)
        continue
      }
      let bytes: [UInt8]
      if let blob = newBlobs[digest] {
        bytes = blob
      } else if digest == image.manifest.config.digest {
        bytes = image.configBlob
      } else if let base, let baseClient {
        bytes = try await cache.fetch(digest, repository: base.reference.repository, from: baseClient)
      } else {
        throw ImagesError(
          .notFound, "the layer \(digest) is neither new nor in a base image",
          remedy: "this is a bug in eks-spark's image assembly; report it")
      }
      try await target.uploadBlob(
        bytes, digest: digest, to: repository, chunkSize: bytes.count > chunkSize ? chunkSize : nil)
      report.uploaded.append(digest)
      report.uploadedBytes += bytes.count
    }
    report.digest = try await target.putManifest(
      image.manifestBytes, mediaType: MediaType.ociManifest, repository: repository, reference: tag)
    report.manifestPushed = true
    return report
  }
}
