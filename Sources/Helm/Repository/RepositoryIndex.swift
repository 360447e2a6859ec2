/// A chart repository's `index.yaml`: chart name → its versions, newest first.
public struct RepositoryIndex: Sendable {
  public var entries: [String: [ChartVersionEntry]]

  public init(entries: [String: [ChartVersionEntry]]) {
    self.entries = entries.mapValues(Self.newestFirst)
  }

  /// Reads `index.yaml` text.
  public init(parsing text: String, source: String = "index.yaml") throws(HelmError) {
    let value = try HelmYAML.decode(text, file: source)
    guard case .map(let root) = value, case .map(let rawEntries)? = root["entries"] else {
      throw HelmError(
        .repository, "\(source) is not a chart repository index (no entries)",
        remedy: "check the repository URL; it must serve index.yaml")
    }
    var entries: [String: [ChartVersionEntry]] = [:]
    for (name, list) in rawEntries {
      guard case .list(let items) = list else { continue }
      entries[name] = items.compactMap { item in
        guard case .map(let map) = item else { return nil }
        let version = ChartMetadata.text(map["version"])
        var urls: [String] = []
        if case .list(let rawURLs)? = map["urls"] { urls = rawURLs.map { ChartMetadata.text($0) } }
        return ChartVersionEntry(
          name: ChartMetadata.text(map["name"]).isEmpty ? name : ChartMetadata.text(map["name"]),
          version: version, appVersion: ChartMetadata.text(map["appVersion"]), urls: urls,
          digest: ChartMetadata.text(map["digest"]))
      }
    }
    self.init(entries: entries)
  }

  static func newestFirst(_ versions: [ChartVersionEntry]) -> [ChartVersionEntry] {
    versions.sorted { a, b in
      switch (SemanticVersion(a.version), SemanticVersion(b.version)) {
      case let (x?, y?): return x > y
      case (.some, nil): return true
      default: return false
      }
    }
  }

  /// Helm's `IndexFile.Get`: an exact version string first, then the newest version the
  /// constraint allows; no version means the newest release (`--devel` admits pre-releases).
  public func find(name: String, version: String, devel: Bool = false, repository: String) throws(HelmError)
    -> ChartVersionEntry
  {
    guard let versions = entries[name], !versions.isEmpty else {
      let known = entries.keys.sorted()
      throw HelmError(
        .chartNotFound, "chart \"\(name)\" not found in \(repository) repository",
        remedy: known.isEmpty
          ? "the repository lists no charts" : "charts in this repository: " + known.joined(separator: ", "))
    }
    if !version.isEmpty, let exact = versions.first(where: { $0.version == version }) { return exact }
    let constraint = try VersionConstraints(
      version.isEmpty && devel ? ">0.0.0-0" : version, includePrerelease: false)
    for entry in versions {
      if let parsed = SemanticVersion(entry.version), constraint.allows(parsed) { return entry }
    }
    throw HelmError(
      .versionNotFound, "chart \"\(name)\" version \"\(version)\" not found in \(repository) repository",
      remedy: "nearest versions: " + nearest(to: version, in: versions).joined(separator: ", ")
        + (devel ? "" : " (pre-releases need --devel)"))
  }

  /// Up to five available versions around what was asked for: its neighbours in version
  /// order, nearest first.
  func nearest(to version: String, in versions: [ChartVersionEntry]) -> [String] {
    let digits = String(
      version.filter { $0.isNumber || $0 == "." }.split(separator: ".").prefix(3).joined(separator: "."))
    let ascending = versions.compactMap { entry in SemanticVersion(entry.version).map { ($0, entry.version) }
    }
    .sorted { $0.0 < $1.0 }
    guard let target = SemanticVersion(digits.isEmpty ? "0" : digits), !ascending.isEmpty else {
      return versions.prefix(5).map(\.version)
    }
    var below = (ascending.lastIndex { $0.0 < target } ?? -1)
    var above = below + 1
    var out: [String] = []
    while out.count < 5 && (below >= 0 || above < ascending.count) {
      if below >= 0 {
        out.append(ascending[below].1)
        below -= 1
      }
      if out.count < 5 && above < ascending.count {
        out.append(ascending[above].1)
        above += 1
      }
    }
    return out
  }
}

/// One chart version of an index: where to download it and its sha256 digest.
public struct ChartVersionEntry: Sendable, Equatable {
  public var name: String
  public var version: String
  public var appVersion: String
  public var urls: [String]
  /// Hex sha256 of the archive, as `helm repo index` writes it.
  public var digest: String

  public init(name: String, version: String, appVersion: String = "", urls: [String], digest: String) {
    self.name = name
    self.version = version
    self.appVersion = appVersion
    self.urls = urls
    self.digest = digest
  }
}
