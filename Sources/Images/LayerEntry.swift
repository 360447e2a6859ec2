/// One entry of a layer tar: a directory, a regular file or a symlink, at a path
/// relative to the image's root.
public struct LayerEntry: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case directory
    case file([UInt8])
    /// The link text as written, never resolved: a layer must not reach outside its source.
    case symlink(String)
  }

  /// Relative to `/`, no leading or trailing slash (`opt/spark/work-dir/job.py`).
  public var path: String
  public var kind: Kind
  /// Permission bits (`0o644`, `0o755`, with setuid/setgid/sticky kept).
  public var mode: UInt32
  public var owner: FileOwner

  public init(path: String, kind: Kind, mode: UInt32, owner: FileOwner = .root) {
    self.path = LayerEntry.normalise(path)
    self.kind = kind
    self.mode = mode & 0o7777
    self.owner = owner
  }

  /// `/a//b/./c/` → `a/b/c`.
  static func normalise(_ path: String) -> String {
    path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
  }
}

/// Numeric owner of a layer entry; names are never written, so the base's
/// `/etc/passwd` decides what they mean.
public struct FileOwner: Sendable, Hashable {
  public var uid: Int
  public var gid: Int

  public init(uid: Int, gid: Int) {
    self.uid = uid
    self.gid = gid
  }

  public static let root = FileOwner(uid: 0, gid: 0)

  /// The owner an image's `user` implies: `1000`, `1000:100` or `185:185`; a user given
  /// by name (which only the base's `/etc/passwd` can resolve) leaves files to root.
  public init(user: String?) {
    guard let user, !user.isEmpty else {
      self = .root
      return
    }
    let parts = user.split(separator: ":", maxSplits: 1).map(String.init)
    guard let uid = Int(parts[0]), uid >= 0 else {
      self = .root
      return
    }
    let gid = parts.count > 1 ? Int(parts[1]) : uid
    self = FileOwner(uid: uid, gid: gid ?? 0)
  }
}
