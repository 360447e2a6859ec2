import AWS
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local files of one `dataLake.uploads` entry and the ETags S3 will give them
/// (`S3ETag`), so a sync uploads only what changed.
///
/// A source stays inside its confinement (the stack file's folder, or the source itself
/// when the upload says `outsideStackFolder: true`): a source that resolves outside it,
/// or a symbolic link inside it that leads out, is refused — never followed. Files are
/// read a part at a time, so a large tree costs one part of memory, not its size.
struct UploadFiles: Sendable {
  struct File: Sendable, Hashable {
    var path: String
    var key: String
    var size: Int
    var eTag: String
  }

  /// Every regular file under `directory` (recursively), keyed `prefix` + relative path.
  /// - Parameter root: the folder the source and every link in it must stay inside.
  /// - Throws: `StackError(.invalidUploads)` for a missing source, one outside `root`, a
  ///   link that leads out of it, or a file that cannot be read.
  static func scan(
    directory: String, root: String, prefix: String, partSize: Int, multipartThreshold: Int
  ) throws -> [File] {
    guard let resolved = realPath(directory), let sourceKind = kind(of: resolved) else {
      throw StackError(
        .invalidUploads, "upload source \(directory) does not exist",
        remedy: "fix dataLake.uploads[].source (relative to the stack file)")
    }
    let confinement = realPath(root) ?? root
    guard isInside(resolved, confinement) else {
      throw StackError(
        .invalidUploads, "upload source \(directory) is outside the stack file's folder \(confinement)",
        remedy: "move the data under the stack's folder, or set outsideStackFolder: true on this upload")
    }
    var files: [File] = []
    if sourceKind == .file {
      let name = String(directory.split(separator: "/").last ?? "")
      files.append(try file(resolved, key: prefix + name, partSize: partSize, threshold: multipartThreshold))
      return files
    }
    try walk(resolved, relative: "", confinement: confinement) { path, relative in
      files.append(try file(path, key: prefix + relative, partSize: partSize, threshold: multipartThreshold))
    }
    return files.sorted { $0.key < $1.key }
  }

  /// Calls `visit` for each regular file under `directory`, in name order. Links are
  /// resolved and must stay inside `confinement`; a link to a folder is not descended
  /// (a loop would never end).
  private static func walk(
    _ directory: String, relative: String, confinement: String,
    visit: (_ path: String, _ relative: String) throws -> Void
  ) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    for name in names {
      let path = directory + "/" + name
      let entryRelative = relative.isEmpty ? name : relative + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        try walk(path, relative: entryRelative, confinement: confinement, visit: visit)
      case S_IFREG:
        try visit(path, entryRelative)
      case S_IFLNK:
        guard let target = realPath(path), isInside(target, confinement) else {
          throw StackError(
            .invalidUploads,
            "upload source file \(path) is a link that leads outside \(confinement)\(realPath(path).map { " (to \($0))" } ?? "")",
            remedy:
              "remove the link or copy the file into the folder; links out of the stack's folder are never followed"
          )
        }
        if kind(of: target) == .file { try visit(target, entryRelative) }
      default:
        continue
      }
    }
  }

  private static func file(_ path: String, key: String, partSize: Int, threshold: Int) throws -> File {
    let reader = try FileParts(path: path)
    defer { reader.close() }
    let multipart = reader.size >= threshold
    let eTag = try S3ETag.streamed(multipart: multipart) {
      try reader.next(multipart ? partSize : max(reader.size, 1))
    }
    return File(path: path, key: key, size: reader.size, eTag: eTag)
  }

  /// Whether `path` is `folder` or below it (both already resolved).
  static func isInside(_ path: String, _ folder: String) -> Bool {
    folder == "/" || path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }

  /// `path` with every link and `..` resolved, or nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  enum Kind { case file, directory }

  /// What is at `path` (following links), or nil when nothing is.
  static func kind(of path: String) -> Kind? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT == S_IFDIR ? .directory : info.st_mode & S_IFMT == S_IFREG ? .file : nil
  }
}

/// A file read a piece at a time.
final class FileParts {
  let size: Int
  private let handle: UnsafeMutablePointer<FILE>
  private let path: String

  init(path: String) throws {
    guard let handle = fopen(path, "rb") else {
      throw StackError(
        .invalidUploads, "cannot read upload file \(path): \(String(cString: strerror(errno)))",
        remedy: "check the file's permissions")
    }
    var info = stat()
    fstat(fileno(handle), &info)
    self.handle = handle
    self.path = path
    self.size = Int(info.st_size)
  }

  /// The next `count` bytes (fewer at the end), or nil at the end (an empty file gives
  /// one empty piece).
  func next(_ count: Int) throws -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    let read = fread(&bytes, 1, count, handle)
    if read == 0 {
      if ferror(handle) != 0 {
        throw StackError(.invalidUploads, "cannot read upload file \(path)", remedy: "check the file")
      }
      if !started { started = true; return [] }
      return nil
    }
    started = true
    bytes.removeLast(count - read)
    return bytes
  }

  private var started = false

  func close() { fclose(handle) }
}
