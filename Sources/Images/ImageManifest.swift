import FoundationEssentials

/// A single-platform image manifest, OCI or Docker v2 schema 2 (they share a shape).
public struct ImageManifest: Sendable, Hashable, Codable {
  public var schemaVersion: Int
  public var mediaType: String?
  public var config: Descriptor
  public var layers: [Descriptor]
  public var annotations: [String: String]?

  public init(config: Descriptor, layers: [Descriptor], mediaType: String = MediaType.ociManifest) {
    schemaVersion = 2
    self.mediaType = mediaType
    self.config = config
    self.layers = layers
  }
}

/// A multi-platform index, OCI or a Docker manifest list.
public struct ImageIndex: Sendable, Hashable, Codable {
  public var schemaVersion: Int
  public var mediaType: String?
  public var manifests: [Descriptor]

  /// The entry for `platform`, skipping attestation manifests (`unknown/unknown`).
  public func manifest(for platform: Platform) -> Descriptor? {
    manifests.first { $0.platform.map(platform.accepts) ?? false }
  }
}

/// The canonical JSON the module writes: sorted keys, no escaped slashes, so the same
/// value always has the same digest.
enum CanonicalJSON {
  static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding these plain value types cannot fail.
    return Array((try? encoder.encode(value)) ?? Data())
  }

  /// The `mediaType` a manifest or index declares, if it is JSON that declares one.
  static func mediaType(of bytes: [UInt8]) -> String? {
    struct Probe: Decodable { var mediaType: String? }
    return (try? JSONDecoder().decode(Probe.self, from: Data(bytes)))?.mediaType
  }

  static func decode<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8], what: String) throws
    -> Value
  {
    do {
      return try JSONDecoder().decode(type, from: Data(bytes))
    } catch {
      throw ImagesError(
        .unsupportedManifest, "the \(what) is not valid JSON of the expected shape: \(error)",
        remedy: "check that the reference names an OCI or Docker v2 image")
    }
  }
}
