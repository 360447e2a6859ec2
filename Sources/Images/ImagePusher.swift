/// Pushes an assembled image: only blobs the target lacks move, mounted from the base's
/// repository when both live in one registry, else uploaded from the blob cache (the
/// base's layers are downloaded into it once). Blobs go concurrently; the manifest last.
public struct ImagePusher: Sendable {
  public var cache: BlobCache
  /// Blobs above this size go up in PATCH chunks of this size.
  public var chunkSize: Int

  public init(cache: BlobCache, chunkSize: Int = 8 << 20) {
    self.cache = cache
    self.chunkSize = chunkSize
  }

  enum Outcome: Sendable {
    case present, mounted
    case uploaded(Int)
  }

  public func push(
    _ image: AssembledImage, base: BaseImage?, baseClient: RegistryClient?, to target: RegistryClient,
    repository: String, tag: String
  ) async throws -> PushReport {
    let descriptors = image.manifest.layers + [image.manifest.config]
    let outcomes = try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
      for (index, descriptor) in descriptors.enumerated() {
        group.addTask {
          let outcome = try await ensure(
            descriptor.digest, image: image, base: base, baseClient: baseClient, target: target,
            repository: repository)
          return (index, outcome)
        }
      }
      var outcomes: [Outcome?] = Array(repeating: nil, count: descriptors.count)
      for try await (index, outcome) in group { outcomes[index] = outcome }
      return outcomes
    }
    var report = PushReport()
    for (descriptor, outcome) in zip(descriptors, outcomes) {
      switch outcome {
      case .present: report.present.append(descriptor.digest)
      case .mounted: report.mounted.append(descriptor.digest)
      case .uploaded(let size):
        report.uploaded.append(descriptor.digest)
        report.uploadedBytes += size
      case nil: break
      }
    }
    report.digest = try await target.putManifest(
      image.manifestBytes, mediaType: MediaType.ociManifest, repository: repository, reference: tag)
    report.manifestPushed = true
    return report
  }

  /// Makes one blob present in the target repository, moving as little as possible.
  private func ensure(
    _ digest: Digest, image: AssembledImage, base: BaseImage?, baseClient: RegistryClient?,
    target: RegistryClient,
    repository: String
  ) async throws -> Outcome {
    if try await target.blobExists(repository, digest: digest) { return .present }
    let newBlob = image.newLayers.first { $0.descriptor.digest == digest }?.blob
    let isConfig = digest == image.manifest.config.digest
    if let base, let baseClient, baseClient.registry == target.registry,
      base.reference.repository != repository,
      newBlob == nil, !isConfig,
      try await target.mountBlob(digest, from: base.reference.repository, into: repository)
    {
      return .mounted
    }
    let bytes: [UInt8]
    if let newBlob {
      bytes = newBlob
    } else if isConfig {
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
    return .uploaded(bytes.count)
  }
}
