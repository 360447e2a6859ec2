/// A layer ready to push: its blob, the descriptor the manifest lists, and the diffID the
/// image config lists.
public struct Layer: Sendable, Hashable {
  public var blob: [UInt8]
  public var descriptor: Descriptor
  /// The digest of the uncompressed tar (`rootfs.diff_ids`).
  public var diffID: Digest

  /// An uncompressed OCI layer: blob and diffID are the same bytes.
  ///
  /// Uncompressed, because the project links no zlib and job layers are a few kilobytes of
  /// code, where gzip saves little and costs a hand-written encoder; containerd (Fargate),
  /// Docker and ECR all accept `application/vnd.oci.image.layer.v1.tar`.
  public init(tar: [UInt8]) {
    let digest = Digest.of(tar)
    blob = tar
    diffID = digest
    descriptor = Descriptor(mediaType: MediaType.ociLayer, digest: digest, size: tar.count)
  }

  /// The layer holding `mappings`, written reproducibly.
  public static func files(
    _ mappings: [FileMapping], owner: FileOwner = .root, writer: TarLayerWriter = TarLayerWriter()
  )
    throws -> Layer
  {
    Layer(tar: try writer.write(try LayerSources.entries(mappings, owner: owner)))
  }
}
