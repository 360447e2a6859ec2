#if canImport(Glibc)
import Glibc
#endif

/// What `lstat` says about a path; symlinks are described, never followed.
struct FileStatus: Sendable, Hashable {
  enum Kind: Sendable, Hashable { case file, directory, symlink, other }
  var kind: Kind
  /// Permission bits, including setuid, setgid and sticky.
  var mode: UInt32
  var size: Int
}

/// The few POSIX file calls the module needs, so it needs no Foundation.
enum LocalFiles {
  static func status(_ path: String) -> FileStatus? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    let kind: FileStatus.Kind =
      switch info.st_mode & S_IFMT {
      case S_IFREG: .file
      case S_IFDIR: .directory
      case S_IFLNK: .symlink
      default: .other
      }
    return FileStatus(kind: kind, mode: UInt32(info.st_mode & 0o7777), size: Int(info.st_size))
  }

  static func read(_ path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot read \(path)") }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 { throw failure("cannot read \(path)") }
      if count == 0 { break }
      result.append(contentsOf: buffer[0..<count])
    }
    return result
  }

  /// Writes through a temporary name and a rename, so a reader never sees half a file.
  static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    let temporary = "\(path).\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw failure("cannot write \(path)") }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written <= 0 {
        close(descriptor)
        unlink(temporary)
        throw failure("cannot write \(path)")
      }
      offset += written
    }
    close(descriptor)
    guard rename(temporary, path) == 0 else { throw failure("cannot write \(path)") }
  }

  static func readLink(_ path: String) throws -> String {
    var buffer = [CChar](repeating: 0, count: 4097)
    let count = readlink(path, &buffer, 4096)
    guard count >= 0 else { throw failure("cannot read the symlink \(path)") }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The names in a directory, sorted, without `.` and `..`.
  static func list(_ path: String) throws -> [String] {
    guard let directory = opendir(path) else { throw failure("cannot list \(path)") }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }

  static func makeDirectories(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/\(part)"
      if mkdir(current, 0o755) != 0 && errno != EEXIST { throw failure("cannot create \(current)") }
    }
  }

  static func failure(_ message: String) -> ImagesError {
    let reason = String(cString: strerror(errno)).lowercased()
    return ImagesError(.file, "\(message): \(reason)", remedy: "check that the path exists and is readable")
  }
}
