/// A local file or folder and where it goes in the image.
public struct FileMapping: Sendable, Hashable {
  /// The local path (absolute, or relative to the process's working directory).
  public var source: String
  /// The absolute path in the image; a folder's contents go under it.
  public var destination: String

  public init(source: String, destination: String) {
    self.source = source
    self.destination = destination
  }
}

/// Turns file mappings into layer entries, reading the local files.
///
/// Modes are kept; symlinks are stored as symlinks and never followed, so nothing outside
/// the named sources ends up in the image; sockets and devices are refused.
public enum LayerSources {
  public static func entries(_ mappings: [FileMapping], owner: FileOwner = .root) throws
    -> [LayerEntry]
  {
    var entries: [LayerEntry] = []
    for mapping in mappings {
      guard mapping.destination.hasPrefix("/") else {
        throw ImagesError(
          .file, "the image path \"\(mapping.destination)\" of \(mapping.source) is not absolute",
          remedy: "write paths in the image as absolute paths, such as /opt/spark/work-dir/job.py")
      }
      try collect(mapping.source, into: LayerEntry.normalise(mapping.destination), owner: owner, &entries)
    }
    return entries
  }

  private static func collect(
    _ source: String, into target: String, owner: FileOwner, _ entries: inout [LayerEntry]
  )
    throws
  {
    guard let status = LocalFiles.status(source) else {
      throw ImagesError(
        .file, "the file \(source) does not exist",
        remedy: "check the files: paths of the image (relative to the stack file)")
    }
    switch status.kind {
    case .file:
      entries.append(
        LayerEntry(path: target, kind: .file(try LocalFiles.read(source)), mode: status.mode, owner: owner))
    case .symlink:
      entries.append(
        LayerEntry(path: target, kind: .symlink(try LocalFiles.readLink(source)), mode: 0o777, owner: owner))
    case .directory:
      if !target.isEmpty {
        entries.append(LayerEntry(path: target, kind: .directory, mode: status.mode, owner: owner))
      }
      for name in try LocalFiles.list(source) {
        try collect(
          "\(source)/\(name)", into: target.isEmpty ? name : "\(target)/\(name)", owner: owner, &entries)
      }
    case .other:
      throw ImagesError(
        .file, "\(source) is not a file, folder or symlink",
        remedy: "only regular files, folders and symlinks go into images")
    }
  }
}
