/// A chart archive that cannot be read: not gzip, truncated, or corrupt.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
  case notGzip
  case truncated(String)
  case corrupt(String)

  public var description: String {
    switch self {
    case .notGzip: "not a gzip archive (expected a .tgz chart package)"
    case .truncated(let what): "archive is truncated: \(what) ends early"
    case .corrupt(let what): "archive is corrupt: \(what)"
    }
  }
}
