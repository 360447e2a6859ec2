/// The image config blob (OCI image-spec `config.json`): platform, run settings, history
/// and the diffIDs of the layers.
public struct ImageConfiguration: Sendable, Hashable, Codable {
  public var created: String?
  public var author: String?
  public var architecture: String
  public var os: String
  public var variant: String?
  public var config: RunConfig?
  public var rootfs: RootFS
  public var history: [History]?

  public init(platform: Platform = .linuxAMD64) {
    architecture = platform.architecture
    os = platform.os
    variant = platform.variant
    config = RunConfig()
    rootfs = RootFS(type: "layers", diffIDs: [])
    history = []
  }

  /// How a container of the image starts (the `config` object; Docker's capitalised keys).
  public struct RunConfig: Sendable, Hashable, Codable {
    public var user: String?
    public var env: [String]?
    public var entrypoint: [String]?
    public var cmd: [String]?
    public var workingDir: String?
    public var labels: [String: String]?
    public var exposedPorts: [String: EmptyObject]?
    public var volumes: [String: EmptyObject]?
    public var stopSignal: String?

    enum CodingKeys: String, CodingKey {
      case user = "User", env = "Env", entrypoint = "Entrypoint", cmd = "Cmd", workingDir = "WorkingDir"
      case labels = "Labels", exposedPorts = "ExposedPorts", volumes = "Volumes", stopSignal = "StopSignal"
    }

    public init() {}
  }

  /// `{}`, the value of `ExposedPorts` and `Volumes` entries.
  public struct EmptyObject: Sendable, Hashable, Codable {
    public init() {}
  }

  public struct RootFS: Sendable, Hashable, Codable {
    public var type: String
    public var diffIDs: [Digest]

    enum CodingKeys: String, CodingKey {
      case type
      case diffIDs = "diff_ids"
    }
  }

  public struct History: Sendable, Hashable, Codable {
    public var created: String?
    public var createdBy: String?
    public var comment: String?
    public var emptyLayer: Bool?

    enum CodingKeys: String, CodingKey {
      case created, comment
      case createdBy = "created_by"
      case emptyLayer = "empty_layer"
    }

    public init(created: String? = nil, createdBy: String?, comment: String? = nil, emptyLayer: Bool? = nil) {
      self.created = created
      self.createdBy = createdBy
      self.comment = comment
      self.emptyLayer = emptyLayer
    }
  }

  public var platform: Platform { Platform(os: os, architecture: architecture, variant: variant) }
}
