/// What `.Release` says about the release being rendered.
public struct ReleaseOptions: Sendable, Equatable {
  public var name: String
  public var namespace: String
  public var revision: Int
  public var isInstall: Bool
  public var isUpgrade: Bool

  /// `helm template`'s defaults: `release-name` in `default`, revision 1, an install.
  public init(
    name: String = "release-name", namespace: String = "default", revision: Int = 1, isInstall: Bool = true,
    isUpgrade: Bool = false
  ) {
    self.name = name
    self.namespace = namespace
    self.revision = revision
    self.isInstall = isInstall
    self.isUpgrade = isUpgrade
  }

  /// `.Release` as Helm v4 hands it to templates: a plain map.
  var templateValue: Value {
    .map([
      "Name": .string(name), "Namespace": .string(namespace), "Revision": .int(Int64(revision)),
      "IsInstall": .bool(isInstall), "IsUpgrade": .bool(isUpgrade), "Service": .string("Helm"),
    ])
  }
}

/// How to render: the release, the cluster's capabilities, and Helm's switches.
public struct RenderOptions: Sendable {
  public var release: ReleaseOptions
  public var capabilities: Capabilities
  /// Skip `values.schema.json` validation (`--skip-schema-validation`).
  public var skipSchemaValidation: Bool
  /// `--strict`-like missing-key errors.
  public var strict: Bool

  public init(
    release: ReleaseOptions = .init(), capabilities: Capabilities = .init(),
    skipSchemaValidation: Bool = false,
    strict: Bool = false
  ) {
    self.release = release
    self.capabilities = capabilities
    self.skipSchemaValidation = skipSchemaValidation
    self.strict = strict
  }
}
