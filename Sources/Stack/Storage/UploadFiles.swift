import COpenSSL
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local files of one `dataLake.uploads` entry and the ETags S3 will give them, so a
/// sync uploads only what changed. A single-part upload's ETag is the body's MD5; a
/// multipart one's is the MD5 of the parts' MD5s and the part count, with the part size
/// the S3 client uses.
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
          eTag: eTag(bytes, partSize: partSize, multipartThreshold: multipartThreshold)))
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

  static func eTag(_ bytes: [UInt8], partSize: Int, multipartThreshold: Int) -> String {
    guard bytes.count >= multipartThreshold else { return hex(md5(bytes)) }
    var digests: [UInt8] = []
    var parts = 0
    var offset = 0
    while offset < bytes.count {
      digests += md5(Array(bytes[offset..<min(offset + partSize, bytes.count)]))
      offset += partSize
      parts += 1
    }
    return hex(md5(digests)) + "-\(parts)"
  }

  static func md5(_ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    _ = bytes.withUnsafeBytes { buffer in
      EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, EVP_md5(), nil)
    }
    return Array(digest.prefix(Int(length)))
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}
