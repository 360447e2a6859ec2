/// An image made of a base's layers plus new ones: the config and manifest bytes exactly
/// as they will be pushed, and the new layers' blobs.
public struct AssembledImage: Sendable, Hashable {
  public var config: ImageConfiguration
  public var configBlob: [UInt8]
  public var manifest: ImageManifest
  public var manifestBytes: [UInt8]
  /// The layers this image adds (the base's are already in a registry or the cache).
  public var newLayers: [Layer]

  /// The manifest's digest: what jobs reference the image by.
  public var digest: Digest { Digest.of(manifestBytes) }

  /// The base's manifest and config plus `layers` and `overrides`.
  ///
  /// `created` is one fixed time (the epoch by default) so the same inputs give the same
  /// digest; `base` nil means `scratch`.
  public init(
    base: (manifest: ImageManifest, config: ImageConfiguration)?, layers: [Layer], overrides: ImageOverrides,
    platform: Platform = .linuxAMD64, created: String = "1970-01-01T00:00:00Z",
    createdBy: String = "eks-spark"
  ) {
    var config = base?.config ?? ImageConfiguration(platform: platform)
    config.created = created
    config.config = overrides.applied(to: config.config)
    config.rootfs.type = "layers"
    config.rootfs.diffIDs += layers.map(\.diffID)
    var history = config.history ?? []
    for layer in layers {
      history.append(
        .init(created: created, createdBy: "\(createdBy): files", comment: "layer \(layer.descriptor.digest)")
      )
    }
    config.history = history
    let configBlob = CanonicalJSON.encode(config)
    let baseLayers = (base?.manifest.layers ?? []).map { layer in
      var descriptor = layer
      descriptor.mediaType = MediaType.ociLayer(for: layer.mediaType)
      return descriptor
    }
    let manifest = ImageManifest(
      config: Descriptor(
        mediaType: MediaType.ociConfig, digest: Digest.of(configBlob), size: configBlob.count),
      layers: baseLayers + layers.map(\.descriptor))
    self.config = config
    self.configBlob = configBlob
    self.manifest = manifest
    manifestBytes = CanonicalJSON.encode(manifest)
    newLayers = layers
  }
}
