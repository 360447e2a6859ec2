#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files for the AWS module (shared config, token files). Injected so tests can
/// use fixed roots, and plain POSIX so start-up pays for nothing more.
public struct FileSystem: Sendable {
  public var read: @Sendable (String) -> [UInt8]?

  public init(read: @escaping @Sendable (String) -> [UInt8]?) {
    self.read = read
  }

  /// The machine's files.
  public static let local = FileSystem { path in
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

  /// A fixed set of files, for tests.
  public static func memory(_ files: [String: String]) -> FileSystem {
    FileSystem { files[$0].map { Array($0.utf8) } }
  }

  func readText(_ path: String) -> String? {
    read(path).map { String(decoding: $0, as: UTF8.self) }
  }
}
