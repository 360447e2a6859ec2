/// The media types of OCI and Docker v2 schema 2 images.
public enum MediaType {
  public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
  public static let ociIndex = "application/vnd.oci.image.index.v1+json"
  public static let ociConfig = "application/vnd.oci.image.config.v1+json"
  public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
  public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
  public static let ociLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd"
  public static let ociNondistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
  public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
  public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
  public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
  public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
  public static let dockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"

  /// What a manifest GET accepts: both families, single images and indexes.
  public static let manifestAccept = [ociManifest, ociIndex, dockerManifest, dockerManifestList]

  static let indexes: Set<String> = [ociIndex, dockerManifestList]

  /// The OCI name of a Docker layer type, for base layers listed in an OCI manifest.
  static func ociLayer(for mediaType: String) -> String {
    switch mediaType {
    case dockerLayerGzip: ociLayerGzip
    case dockerForeignLayer: ociNondistributableGzip
    default: mediaType
    }
  }
}

/// A pointer to content: the media type, digest and size (and, in an index, the platform).
public struct Descriptor: Sendable, Hashable, Codable {
  public var mediaType: String
  public var digest: Digest
  public var size: Int
  public var platform: Platform?
  public var annotations: [String: String]?
  public var urls: [String]?

  public init(mediaType: String, digest: Digest, size: Int, platform: Platform? = nil) {
    self.mediaType = mediaType
    self.digest = digest
    self.size = size
    self.platform = platform
  }
}

/// An OS and CPU architecture (`linux/amd64`, `linux/arm64/v8`).
public struct Platform: Sendable, Hashable, Codable, CustomStringConvertible {
  public var os: String
  public var architecture: String
  public var variant: String?

  enum CodingKeys: String, CodingKey {
    case os, architecture, variant
  }

  public init(os: String, architecture: String, variant: String? = nil) {
    self.os = os
    self.architecture = architecture
    self.variant = variant
  }

  /// Fargate's platform.
  public static let linuxAMD64 = Platform(os: "linux", architecture: "amd64")

  /// Parses `os/arch[/variant]`.
  public init?(_ text: String) {
    let parts = text.split(separator: "/").map(String.init)
    guard parts.count == 2 || parts.count == 3 else { return nil }
    self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
  }

  public var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }

  /// Whether an index entry for `other` runs here (no variant asked means any variant).
  func accepts(_ other: Platform) -> Bool {
    os == other.os && architecture == other.architecture && (variant == nil || variant == other.variant)
  }
}
