import FoundationEssentials

/// Downloaded chart archives keyed by their sha256 digest:
/// `$XDG_CACHE_HOME/eks-spark/charts/<digest>.tgz` (or `~/.cache/eks-spark/charts`).
public struct ChartCache: Sendable {
  public var directory: String

  public init(directory: String) {
    self.directory = directory
  }

  /// The user's cache directory, from the given environment.
  public init?(environment: [String: String]) {
    if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
      directory = xdg + "/eks-spark/charts"
    } else if let home = environment["HOME"], !home.isEmpty {
      directory = home + "/.cache/eks-spark/charts"
    } else {
      return nil
    }
  }

  func path(_ digest: String) -> String { directory + "/" + digest.lowercased() + ".tgz" }

  /// The cached archive, only when its bytes still hash to `digest`.
  public func read(digest: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path(digest)) else { return nil }
    let bytes = [UInt8](data)
    return SHA256Digest.hex(bytes) == digest.lowercased() ? bytes : nil
  }

  /// Stores an archive; a cache that cannot be written is skipped, never fatal.
  public func write(digest: String, bytes: [UInt8]) {
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let temporary = path(digest) + ".partial"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
    try? FileManager.default.removeItem(atPath: path(digest))
    try? FileManager.default.moveItem(atPath: temporary, toPath: path(digest))
  }
}

/// Reads `file://` URLs and plain paths from disk (local repositories, tests).
public struct LocalFileFetcher: ChartFetcher {
  public init() {}

  public func fetch(_ url: String) async throws -> [UInt8] {
    let path = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HelmError(.io, "cannot read \(path)", remedy: "check that the file exists")
    }
    return [UInt8](data)
  }
}
