/// An image to assemble natively: a base (nil for `scratch`), files, and config overrides.
public struct NativeImageSpec: Sendable, Hashable {
  public var base: ImageReference?
  public var files: [FileMapping]
  public var overrides: ImageOverrides
  public var platform: Platform

  public init(
    base: ImageReference?, files: [FileMapping], overrides: ImageOverrides = ImageOverrides(),
    platform: Platform = .linuxAMD64
  ) {
    self.base = base
    self.files = files
    self.overrides = overrides
    self.platform = platform
  }
}

/// What publishing an image did.
public struct ImagePublication: Sendable, Hashable {
  /// The content tag (a digest of the inputs).
  public var tag: String
  /// The manifest digest jobs reference the image by.
  public var digest: Digest
  /// False when the tag was already in the repository, so nothing was built or pushed.
  public var pushed: Bool
  public var report: PushReport
}

/// Assembles images natively (like `ko`, `jib` or `crane append`): the base's layers, one
/// new reproducible layer of files, and a merged config, pushed with no builder.
public struct NativeImageBuilder: Sendable {
  public var cache: BlobCache
  public var writer: TarLayerWriter
  public var pusher: ImagePusher

  public init(cache: BlobCache, writer: TarLayerWriter = TarLayerWriter()) {
    self.cache = cache
    self.writer = writer
    pusher = ImagePusher(cache: cache)
  }

  /// The inputs' tag for `spec`, with the resolved base and the layer entries, without
  /// writing or pushing anything.
  public func inputs(_ spec: NativeImageSpec, baseClient: RegistryClient?) async throws
    -> (tag: String, base: BaseImage?, entries: [LayerEntry])
  {
    var base: BaseImage?
    if let reference = spec.base {
      guard let baseClient else {
        throw ImagesError(
          .invalidReference, "no registry client for the base image \(reference)",
          remedy: "this is a bug in the caller; pass the base registry's client")
      }
      base = try await BaseImage.resolve(reference, client: baseClient, cache: cache, platform: spec.platform)
    }
    let owner = FileOwner(user: spec.overrides.user ?? base?.config.config?.user)
    let entries = try LayerSources.entries(spec.files, owner: owner)
    let inputs = ContentTag.native(
      base: base?.digest, platform: spec.platform, entries: entries, overrides: spec.overrides)
    return (ContentTag.tag(for: inputs), base, entries)
  }

  /// Publishes `spec` to `repository` under its content tag, unless that tag is there already.
  public func publish(
    _ spec: NativeImageSpec, baseClient: RegistryClient?, to target: RegistryClient, repository: String
  ) async throws -> ImagePublication {
    let (tag, base, entries) = try await inputs(spec, baseClient: baseClient)
    if let existing = try await target.manifestDigest(repository, reference: tag) {
      var report = PushReport()
      report.digest = existing
      return ImagePublication(tag: tag, digest: existing, pushed: false, report: report)
    }
    // Parent folders the layer adds stay root's, as Docker's COPY leaves them.
    let layer = Layer(tar: try writer.write(entries))
    let image = AssembledImage(
      base: base.map { ($0.manifest, $0.config) }, layers: [layer], overrides: spec.overrides,
      platform: spec.platform)
    let report = try await pusher.push(
      image, base: base, baseClient: baseClient, to: target, repository: repository, tag: tag)
    return ImagePublication(tag: tag, digest: image.digest, pushed: true, report: report)
  }
}
