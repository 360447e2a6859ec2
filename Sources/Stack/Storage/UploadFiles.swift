import AWS
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local files of one `dataLake.uploads` entry and the ETags S3 will give them
/// (`S3ETag`), so a sync uploads only what changed.
struct UploadFiles: Sendable {
  struct File: Sendable, Hashable {
    var path: String
    var key: String
    var eTag: String
  }

  /// Every regular file under `directory` (recursively), keyed `prefix` + relative path.
  static func scan(directory: String, prefix: String, partSize: Int, multipartThreshold: Int) throws -> [File]
  {
    guard let sourceKind = kind(of: directory) else {
      throw StackError(
        .invalidUploads, "upload source \(directory) does not exist",
        remedy: "fix dataLake.uploads[].source (relative to the stack file)")
    }
    let relativePaths =
      sourceKind == .directory
      ? try FileManager.default.subpathsOfDirectory(atPath: directory).sorted() : [""]
    var files: [File] = []
    for relative in relativePaths {
      let path = relative.isEmpty ? directory : directory + "/" + relative
      guard kind(of: path) == .file else { continue }
      let name = relative.isEmpty ? String(directory.split(separator: "/").last ?? "") : relative
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      files.append(
        File(
          path: path, key: prefix + name,
          eTag: S3ETag.of(bytes, partSize: partSize, multipartThreshold: multipartThreshold)))
    }
    return files
  }

  enum Kind { case file, directory }

  /// What is at `path` (following links), or nil when nothing is.
  static func kind(of path: String) -> Kind? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT == S_IFDIR ? .directory : info.st_mode & S_IFMT == S_IFREG ? .file : nil
  }
}
