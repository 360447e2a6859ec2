/// `Chart.yaml`: what Helm's `chart.Metadata` holds.
public struct ChartMetadata: Sendable {
  public var apiVersion: String
  public var name: String
  public var version: String
  public var kubeVersion = ""
  public var description = ""
  /// `application` (the default when empty) or `library`.
  public var type = ""
  public var keywords: [String] = []
  public var home = ""
  public var sources: [String] = []
  public var dependencies: [ChartDependency] = []
  public var maintainers: [Maintainer] = []
  public var icon = ""
  public var appVersion = ""
  public var deprecated = false
  public var annotations: [String: String] = [:]

  public struct Maintainer: Sendable, Equatable {
    public var name = ""
    public var email = ""
    public var url = ""
  }

  public init(apiVersion: String, name: String, version: String) {
    self.apiVersion = apiVersion
    self.name = name
    self.version = version
  }

  public var isLibrary: Bool { type == "library" }
}

/// One entry of `dependencies:` (Chart.yaml v2, or requirements.yaml for v1 charts).
public struct ChartDependency: Sendable {
  public var name: String
  public var version = ""
  public var repository = ""
  /// Comma-separated value paths; the first that resolves to a bool enables the subchart.
  public var condition = ""
  public var tags: [String] = []
  /// Whether the subchart renders; set while processing conditions and tags.
  public var enabled = true
  /// `import-values`: strings (`data` exported from the child) or `{child, parent}` pairs.
  public var importValues: [Value] = []
  public var alias = ""

  public init(name: String) { self.name = name }
}
