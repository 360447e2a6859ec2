/// A file of a Dockerfile build context as the content tag sees it.
public struct ContextFile: Sendable, Hashable {
  /// Relative to the context, `/`-separated.
  public var path: String
  public var mode: UInt32
  /// The contents' digest, or a symlink's target.
  public var content: String
}

/// The files a builder would receive for a context folder, after `.dockerignore`.
public enum BuildContext {
  public static func files(in context: String) throws -> [ContextFile] {
    guard LocalFiles.status(context)?.kind == .directory else {
      throw ImagesError(
        .file, "the build context \(context) is not a folder", remedy: "check the image's context: path")
    }
    let ignorePath = "\(context)/.dockerignore"
    let ignore =
      LocalFiles.status(ignorePath) == nil
      ? DockerIgnore("") : DockerIgnore(String(decoding: try LocalFiles.read(ignorePath), as: UTF8.self))
    var files: [ContextFile] = []
    try walk(context, relative: "", ignore: ignore, into: &files)
    return files
  }

  private static func walk(
    _ directory: String, relative: String, ignore: DockerIgnore, into files: inout [ContextFile]
  )
    throws
  {
    for name in try LocalFiles.list(directory) {
      let path = relative.isEmpty ? name : "\(relative)/\(name)"
      let full = "\(directory)/\(name)"
      guard let status = LocalFiles.status(full) else { continue }
      let excluded = ignore.excludes(path)
      switch status.kind {
      case .directory:
        // An excluded folder is still walked when a `!` pattern may bring files back.
        if !excluded || ignore.hasExceptions { try walk(full, relative: path, ignore: ignore, into: &files) }
      case .file where !excluded:
        files.append(
          ContextFile(
            path: path, mode: status.mode, content: Digest.of(try LocalFiles.read(full)).description))
      case .symlink where !excluded:
        files.append(ContextFile(path: path, mode: 0o777, content: "-> " + (try LocalFiles.readLink(full))))
      default: continue
      }
    }
  }
}
