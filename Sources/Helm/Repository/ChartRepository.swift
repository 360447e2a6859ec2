/// Fetches bytes for a URL. The product passes libcurl (module `HTTP`); tests pass files.
public protocol ChartFetcher: Sendable {
  func fetch(_ url: String) async throws -> [UInt8]
}

/// A chart repository reached over HTTP(S) or `file://`: reads its index, picks a version,
/// downloads the archive, checks its sha256 against the index and keeps it in a cache
/// keyed by digest.
public struct ChartRepository: Sendable {
  public var url: String
  public var fetcher: any ChartFetcher
  public var cache: ChartCache?

  public init(url: String, fetcher: any ChartFetcher, cache: ChartCache? = nil) {
    self.url = url
    self.fetcher = fetcher
    self.cache = cache
  }

  public func index() async throws(HelmError) -> RepositoryIndex {
    let indexURL = Self.resolve("index.yaml", against: url)
    let bytes: [UInt8]
    do {
      bytes = try await fetcher.fetch(indexURL)
    } catch {
      throw HelmError(
        .repository, "looks like \"\(url)\" is not a valid chart repository or cannot be reached",
        remedy: "check the --repo URL; it must serve index.yaml", cause: "\(error)")
    }
    return try RepositoryIndex(parsing: String(decoding: bytes, as: UTF8.self), source: indexURL)
  }

  /// The archive bytes for `name` at `version` (a constraint), verified and cached.
  public func download(name: String, version: String, devel: Bool = false) async throws(HelmError)
    -> (ChartVersionEntry, [UInt8])
  {
    let entry = try await index().find(name: name, version: version, devel: devel, repository: url)
    if let cache, !entry.digest.isEmpty, let cached = cache.read(digest: entry.digest) {
      return (entry, cached)
    }
    guard let first = entry.urls.first else {
      throw HelmError(
        .repository, "chart \"\(name)\" version \"\(entry.version)\" has no download URL", remedy: nil)
    }
    let archiveURL = Self.resolve(first, against: url)
    let bytes: [UInt8]
    do {
      bytes = try await fetcher.fetch(archiveURL)
    } catch {
      throw HelmError(
        .repository, "failed to fetch \(archiveURL)", remedy: "check the repository", cause: "\(error)")
    }
    if !entry.digest.isEmpty {
      let actual = SHA256Digest.hex(bytes)
      guard actual == entry.digest.lowercased() else {
        throw HelmError(
          .digestMismatch,
          "digest mismatch for \(archiveURL): index says sha256:\(entry.digest), download is sha256:\(actual)",
          remedy: "the archive changed since the index was written; re-index the repository or try again")
      }
      cache?.write(digest: actual, bytes: bytes)
    }
    return (entry, bytes)
  }

  /// Helm's `ResolveReferenceURL`: absolute URLs as they are, relative ones under the
  /// repository URL (treated as a directory).
  public static func resolve(_ reference: String, against base: String) -> String {
    if reference.contains("://") { return reference }
    var root = base
    if let query = root.firstIndex(of: "?") { root = String(root[..<query]) }
    if !root.hasSuffix("/") { root += "/" }
    if reference.hasPrefix("/"), let scheme = root.firstRange(of: "://") {
      let host = root[scheme.upperBound...].split(separator: "/", maxSplits: 1).first ?? ""
      return String(root[..<scheme.upperBound]) + host + reference
    }
    var ref = Substring(reference)
    while ref.hasPrefix("./") { ref = ref.dropFirst(2) }
    return root + ref
  }
}

/// The hex sha256 of an archive, as index.yaml digests are written.
enum SHA256Digest {
  static func hex(_ bytes: [UInt8]) -> String { GoDigest.hex(GoDigest.sha256(bytes)) }
}
