import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes the files the module touches (kubeconfigs, CA and token files).
/// Injected so tests use memory; plain POSIX so the module needs no Foundation file APIs.
public struct KubeconfigFiles: Sendable {
  public var read: @Sendable (String) -> [UInt8]?
  /// Writes the whole file with the given permission bits, replacing it atomically.
  public var write:
    @Sendable (_ path: String, _ bytes: [UInt8], _ mode: UInt32) throws(KubernetesError) -> Void

  public init(
    read: @escaping @Sendable (String) -> [UInt8]?,
    write: @escaping @Sendable (String, [UInt8], UInt32) throws(KubernetesError) -> Void
  ) {
    self.read = read
    self.write = write
  }

  /// The machine's files.
  public static let local = KubeconfigFiles(read: LocalFile.read, write: LocalFile.write)

  /// Files held in memory (for tests); `written` sees every write with its mode.
  public static func memory(_ files: [String: String] = [:]) -> (KubeconfigFiles, MemoryFiles) {
    let store = MemoryFiles(files)
    return (
      KubeconfigFiles(
        read: { store.bytes($0) },
        write: { path, bytes, mode throws(KubernetesError) in store.store(path, bytes, mode) }),
      store
    )
  }
}

/// The contents of `KubeconfigFiles.memory`.
public final class MemoryFiles: Sendable {
  private let files: Mutex<[String: (bytes: [UInt8], mode: UInt32)]>

  init(_ initial: [String: String]) {
    files = Mutex(initial.mapValues { (Array($0.utf8), 0o644) })
  }

  func bytes(_ path: String) -> [UInt8]? { files.withLock { $0[path]?.bytes } }
  func store(_ path: String, _ bytes: [UInt8], _ mode: UInt32) { files.withLock { $0[path] = (bytes, mode) } }

  public func text(_ path: String) -> String? { bytes(path).map { String(decoding: $0, as: UTF8.self) } }
  public func mode(_ path: String) -> UInt32? { files.withLock { $0[path]?.mode } }
}

enum LocalFile {
  @Sendable static func read(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16384)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      result.append(contentsOf: buffer[0..<count])
    }
    return result
  }

  /// Writes next to the target and renames over it, so a reader never sees half a file and
  /// a crash leaves the old one; the parent directory is created (0700) when missing.
  @Sendable static func write(_ path: String, _ bytes: [UInt8], _ mode: UInt32) throws(KubernetesError) {
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
      try makeDirectories(String(path[..<slash]))
    }
    let temporary = path + ".eks-spark-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
    guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
    // The umask may have narrowed the mode at creation; a kubeconfig must end up exactly 0600.
    fchmod(descriptor, mode_t(mode))
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written <= 0 {
        close(descriptor)
        unlink(temporary)
        throw failure("cannot write \(path)")
      }
      offset += written
    }
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
      unlink(temporary)
      throw failure("cannot write \(path)")
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw failure("cannot replace \(path)")
    }
  }

  static func makeDirectories(_ directory: String) throws(KubernetesError) {
    var status = stat()
    if stat(directory, &status) == 0 { return }
    if let slash = directory.lastIndex(of: "/"), slash != directory.startIndex {
      try makeDirectories(String(directory[..<slash]))
    }
    guard mkdir(directory, 0o700) == 0 || errno == EEXIST else { throw failure("cannot create \(directory)") }
  }

  static func failure(_ message: String) -> KubernetesError {
    let reason = String(cString: strerror(errno))
    return KubernetesError(
      .kubeconfig, "\(message): \(reason.lowercased())", remedy: "check the path and its permissions")
  }
}
